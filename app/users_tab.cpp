#include "users_tab.h"
#include "core_text.h"

#include <QApplication>
#include <QComboBox>
#include <QFont>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>
#include <new>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "pipeline/prepared_data.h"
#include "store/run_store.h"
#include "store_session.h"

namespace rd {

namespace {

const QColor kHitColour(198, 239, 206);     // light green: in the user's test set
const QColor kSharedColour(207, 226, 243);  // light blue: also in the teacher's top K

QLabel* swatch(const QColor& colour, const QString& text, bool bold) {
    auto* label = new QLabel;
    label->setText(QStringLiteral("<span style=\"background-color:%1;%2\">&nbsp;%3&nbsp;</span>")
                       .arg(colour.name(), bold ? QStringLiteral("font-weight:bold;") : QString(),
                            text.toHtmlEscaped()));
    return label;
}

}  // namespace

UsersTab::UsersTab(QWidget* parent) : QWidget(parent) {
    search_ = new QLineEdit;
    search_->setObjectName(QStringLiteral("userSearch"));
    search_->setPlaceholderText(tr("Original user id, e.g. 196"));
    search_->setClearButtonEnabled(true);
    users_ = new QComboBox;
    users_->setObjectName(QStringLiteral("userCombo"));
    users_->setMinimumContentsLength(16);
    users_->setToolTip(tr("The users whose top-K lists were sampled into the run store"));
    note_ = new QLabel;
    note_->setObjectName(QStringLiteral("usersNote"));
    note_->setWordWrap(true);

    auto* pick = new QFormLayout;
    pick->addRow(tr("Find user:"), search_);
    pick->addRow(tr("Sampled user:"), users_);

    historyTitle_ = new QLabel(tr("Training history"));
    historyTitle_->setObjectName(QStringLiteral("historyTitle"));
    historyTitle_->setWordWrap(true);  // unwrapped, its length would set the pane's minimum width
    history_ = new QListWidget;
    history_->setObjectName(QStringLiteral("historyList"));
    history_->setAlternatingRowColors(true);

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(pick);
    leftLayout->addWidget(note_);
    leftLayout->addWidget(historyTitle_);
    leftLayout->addWidget(history_, 1);

    auto* legend = new QHBoxLayout;
    legend->addWidget(swatch(kHitColour, tr("in the user's test set"), true));
    legend->addWidget(swatch(kSharedColour, tr("also in the teacher's top K"), false));
    legend->addStretch(1);
    depth_ = new QSpinBox;
    depth_->setObjectName(QStringLiteral("depthSpin"));
    depth_->setRange(1, 10);
    depth_->setValue(10);
    depth_->setToolTip(
        tr("How many ranks to show; the run store keeps each sampled list's full depth"));
    legend->addWidget(new QLabel(tr("Top:")));
    legend->addWidget(depth_);
    table_ = new QTableWidget;
    table_->setObjectName(QStringLiteral("topKTable"));
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setWordWrap(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // Ten ranks share the height, so a whole top 10 is seen at once; long titles wrap.
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->verticalHeader()->setMinimumSectionSize(fontMetrics().height() + 4);

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(legend);
    rightLayout->addWidget(table_, 1);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({250, 750});  // the top-K table's columns (one per run) need the width
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(users_, &QComboBox::currentIndexChanged, this, [this] { showUser(); });
    connect(depth_, &QSpinBox::valueChanged, this, [this] { showUser(); });
    connect(search_, &QLineEdit::textEdited, this, &UsersTab::onSearch);
    connect(search_, &QLineEdit::returnPressed, this, [this] { onSearch(search_->text()); });
    showSnapshots(std::make_shared<const std::vector<RunSnapshot>>());
}

UsersTab::~UsersTab() = default;

void UsersTab::setSession(StoreSession* session) {
    session_ = session;
    cache_.clear();
    failures_.clear();
    pending_.clear();
    dataConfigs_.clear();
    ++generation_;
    showSnapshots(std::make_shared<const std::vector<RunSnapshot>>());
}

void UsersTab::showSnapshots(const RunSnapshots& snapshots) {
    snapshots_ = snapshots ? snapshots : std::make_shared<const std::vector<RunSnapshot>>();
    columns_.clear();
    const quint64 selection = ++selection_;
    if (snapshots_->empty() || !session_) {
        reading_ = false;
        fillUsers();
        return;
    }
    // The snapshots name the runs; their sampled lists and their experiments' data configs (to
    // rebuild the data for names and marks) are read on the store's thread.
    struct Read {
        std::vector<Column> columns;
        std::map<qint64, DataConfig> configs;
        std::map<qint64, QString> failures;
    };
    std::vector<Column> wanted;
    for (const RunSnapshot& s : *snapshots_) {
        Column c;
        c.runId = s.record.id;
        c.experimentId = s.record.experimentId;
        c.label = s.label;
        c.teacher = s.record.role == "teacher";
        wanted.push_back(std::move(c));
    }
    std::set<qint64> known;
    for (const auto& [e, config] : dataConfigs_) known.insert(e);
    for (const auto& [e, why] : failures_) known.insert(e);
    reading_ = true;
    fillUsers();  // nothing to show until the lists arrive
    session_->query(
        this,
        [wanted = std::move(wanted), known](RunStore& store) mutable {
            Read out;
            for (Column& c : wanted) {
                for (TopKSample& sample : store.topKSamples(c.runId))
                    c.lists[sample.user] = std::move(sample.items);
                if (c.lists.empty()) continue;
                if (!known.count(c.experimentId) && !out.configs.count(c.experimentId) &&
                    !out.failures.count(c.experimentId)) {
                    try {
                        const auto experiment = store.experiment(c.experimentId);
                        if (!experiment)
                            throw std::runtime_error("the experiment is not in the run store");
                        out.configs[c.experimentId] =
                            ExperimentConfig::fromJson(
                                nlohmann::json::parse(experiment->configJson))
                                .data;
                    } catch (const std::exception& e) {
                        out.failures[c.experimentId] = CoreText::message(std::string(e.what()));
                    }
                }
                out.columns.push_back(std::move(c));
            }
            return out;
        },
        [this, selection, generation = generation_](Read read, const QString&) {
            if (selection != selection_ || generation != generation_) return;  // overtaken
            reading_ = false;
            columns_ = std::move(read.columns);
            dataConfigs_.merge(read.configs);
            failures_.merge(read.failures);
            fillUsers();
        });
}

namespace {

/** What the pool thread hands back: the data, or why it could not be rebuilt. */
struct PrepareOutcome {
    std::shared_ptr<const PreparedData> data;
    QString error;
};

PrepareOutcome prepareInBackground(const DataConfig& config) {
    PrepareOutcome out;
    // Every exception becomes a message: one escaping a pool thread would end the program.
    try {
        out.data = std::make_shared<const PreparedData>(prepareData(config));
    } catch (const std::bad_alloc&) {
        out.error = UsersTab::tr("not enough memory to rebuild the data set");
    } catch (const std::exception& e) {
        out.error = CoreText::message(std::string(e.what()));
    }
    return out;
}

}  // namespace

const PreparedData* UsersTab::prepared(qint64 experimentId) {
    if (const auto it = cache_.find(experimentId); it != cache_.end()) return it->second.get();
    if (failures_.count(experimentId) || pending_.count(experimentId)) return nullptr;
    const auto config = dataConfigs_.find(experimentId);
    if (config == dataConfigs_.end()) return nullptr;  // read with the lists
    const DataConfig dataConfig = config->second;
    // Loading and splitting a large data set takes seconds: never on the GUI thread.
    pending_.insert(experimentId);
    const quint64 generation = generation_;
    auto* watcher = new QFutureWatcher<PrepareOutcome>(this);
    connect(watcher, &QFutureWatcher<PrepareOutcome>::finished, this,
            [this, watcher, generation, experimentId] {
                watcher->deleteLater();
                if (generation != generation_) return;  // the store changed meanwhile
                pending_.erase(experimentId);
                const PrepareOutcome out = watcher->result();
                if (out.data)
                    cache_[experimentId] = out.data;
                else
                    failures_[experimentId] = out.error;
                fillUsers();  // names, history and marks, keeping the selected user
                Q_EMIT dataPrepared(experimentId);
            });
    watcher->setFuture(QtConcurrent::run(prepareInBackground, dataConfig));
    return nullptr;
}

QString UsersTab::itemName(const PreparedData* data, int32_t item) const {
    if (!data || !data->dataset || item < 0 || item >= data->dataset->numItems())
        return tr("item #%1").arg(item);
    const Dataset& d = *data->dataset;
    if (!d.itemTitles.empty() && !d.itemTitles[item].empty())
        return QString::fromStdString(d.itemTitles[item]);
    return tr("item %1").arg(QString::fromStdString(d.itemIds[item]));
}

QString UsersTab::userName(const PreparedData* data, int32_t user) const {
    if (!data || !data->dataset || user < 0 || user >= data->dataset->numUsers())
        return tr("#%1").arg(user);
    return QString::fromStdString(data->dataset->userIds[user]);
}

void UsersTab::fillUsers() {
    const qint64 keepExperiment = currentExperiment();
    const int32_t keepUser = currentUser();
    std::set<std::pair<qint64, int32_t>> users;
    std::set<qint64> experiments;
    for (const Column& c : columns_) {
        experiments.insert(c.experimentId);
        for (const auto& [user, items] : c.lists) users.insert({c.experimentId, user});
    }
    const QSignalBlocker block(users_);
    users_->clear();
    for (const auto& [experiment, user] : users) {
        const QString name = userName(prepared(experiment), user);
        const QString text = experiments.size() > 1 ? tr("#%1 user %2").arg(experiment).arg(name)
                                                    : tr("user %1").arg(name);
        users_->addItem(text, QVariant::fromValue(QList<qint64>{experiment, user}));
        if (experiment == keepExperiment && user == keepUser)
            users_->setCurrentIndex(users_->count() - 1);
    }
    QStringList failed;
    for (qint64 e : experiments)
        if (const auto it = failures_.find(e); it != failures_.end())
            failed << tr("Experiment #%1: the data set could not be rebuilt (%2); ids are shown as "
                         "dense ids.")
                          .arg(e)
                          .arg(it->second);
    bool preparing = false;
    for (qint64 e : experiments) preparing = preparing || pending_.count(e) > 0;
    if (columns_.empty())
        note_->setText(tr(
            "Check finished runs in the Runs dock to see the top-K lists of their sampled users."));
    else if (!failed.isEmpty())
        note_->setText(failed.join(QLatin1Char('\n')));
    else if (preparing)
        note_->setText(
            tr("%n sampled user(s). Rebuilding the data set for titles and original ids …", nullptr,
               users_->count()));
    else
        note_->setText(tr("%n sampled user(s).", nullptr, users_->count()));
    showUser();
}

int32_t UsersTab::currentUser() const {
    const QList<qint64> key = users_->currentData().value<QList<qint64>>();
    return key.size() == 2 ? static_cast<int32_t>(key[1]) : -1;
}

qint64 UsersTab::currentExperiment() const {
    const QList<qint64> key = users_->currentData().value<QList<qint64>>();
    return key.size() == 2 ? key[0] : 0;
}

qint64 UsersTab::columnRun(int column) const {
    if (column < 0 || column >= static_cast<int>(shown_.size())) return 0;
    return columns_[shown_[column]].runId;
}

bool UsersTab::selectUser(const QString& originalId) {
    for (int i = 0; i < users_->count(); ++i) {
        const QList<qint64> key = users_->itemData(i).value<QList<qint64>>();
        if (key.size() == 2 &&
            userName(prepared(key[0]), static_cast<int32_t>(key[1])) == originalId) {
            users_->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void UsersTab::onSearch(const QString& text) {
    const QString id = text.trimmed();
    if (id.isEmpty()) {
        search_->setStyleSheet(QString());
        return;
    }
    const bool found = selectUser(id);
    search_->setStyleSheet(found ? QString() : QStringLiteral("color: #b00020;"));
    search_->setToolTip(found ? QString() : tr("No sampled user has the id %1").arg(id));
}

void UsersTab::showUser() {
    history_->clear();
    table_->clear();
    table_->setRowCount(0);
    table_->setColumnCount(0);
    shown_.clear();
    const int32_t user = currentUser();
    const qint64 experiment = currentExperiment();
    if (user < 0) {
        historyTitle_->setText(tr("Training history"));
        return;
    }
    const PreparedData* data = prepared(experiment);
    const bool known = data && user < data->data.numUsers;
    if (known) {
        const UserItemMatrix& train = data->data.train;
        // With timestamps the history is listed as sequential models read it: in time order.
        const UserSequences& inTime = data->data.trainSequences;
        const bool timeOrder = data->data.hasSequences();
        const int64_t from = timeOrder ? inTime.begin(user) : train.begin(user);
        const int64_t to = timeOrder ? inTime.end(user) : train.end(user);
        for (int64_t i = from; i < to; ++i) {
            const int32_t item = timeOrder ? inTime.items[i] : train.items[i];
            auto* row = new QListWidgetItem(itemName(data, item));
            row->setData(Qt::UserRole, item);
            row->setToolTip(
                tr("Item %1").arg(QString::fromStdString(data->dataset->itemIds[item])));
            history_->addItem(row);
        }
        historyTitle_->setText(
            (timeOrder ? tr("Training history of user %1 in time order, oldest first (%n "
                            "item(s), %2 in the test set)",
                            nullptr, static_cast<int>(to - from))
                       : tr("Training history of user %1 (%n item(s), %2 in the test set)", nullptr,
                            static_cast<int>(train.degree(user))))
                .arg(userName(data, user))
                .arg(data->data.test.degree(user)));
    } else if (pending_.count(experiment)) {
        historyTitle_->setText(tr("Training history: rebuilding the data set …"));
    } else {
        historyTitle_->setText(tr("Training history: unknown (the data set could not be rebuilt)"));
    }

    std::set<int32_t> teacherItems;
    size_t rows = 0, longest = 0;
    const size_t depth = static_cast<size_t>(depth_->value());
    for (size_t i = 0; i < columns_.size(); ++i) {
        const Column& c = columns_[i];
        if (c.experimentId != experiment) continue;
        const auto it = c.lists.find(user);
        if (it == c.lists.end()) continue;
        shown_.push_back(static_cast<int>(i));
        longest = std::max(longest, it->second.size());
        const size_t n = std::min(depth, it->second.size());
        rows = std::max(rows, n);
        if (c.teacher)
            teacherItems.insert(it->second.begin(),
                                it->second.begin() + static_cast<std::ptrdiff_t>(n));
    }
    {
        const QSignalBlocker block(depth_);
        depth_->setMaximum(std::max<int>(10, static_cast<int>(longest)));
    }
    table_->setColumnCount(static_cast<int>(shown_.size()));
    table_->setRowCount(static_cast<int>(rows));
    QStringList headers;
    for (int col = 0; col < static_cast<int>(shown_.size()); ++col) {
        const Column& c = columns_[shown_[col]];
        headers << c.label;
        const std::vector<int32_t>& items = c.lists.at(user);
        for (size_t rank = 0; rank < std::min(depth, items.size()); ++rank) {
            const int32_t item = items[rank];
            const bool hit = known && data->data.test.contains(user, item);
            const bool shared = !c.teacher && teacherItems.count(item) > 0;
            auto* cell = new QTableWidgetItem(itemName(data, item));
            cell->setData(ItemRole, item);
            cell->setData(HitRole, hit);
            cell->setData(SharedRole, shared);
            QStringList tips{itemName(data, item)};  // the cell may wrap a long title out of sight
            if (known)
                tips << tr("Item %1").arg(QString::fromStdString(data->dataset->itemIds[item]));
            if (hit) {
                QFont font = cell->font();
                font.setBold(true);
                cell->setFont(font);
                cell->setBackground(kHitColour);
                tips << tr("in the user's test set");
            } else if (shared) {
                cell->setBackground(kSharedColour);
            }
            if (shared) tips << tr("also in the teacher's top K");
            cell->setToolTip(tips.join(QLatin1Char('\n')));
            table_->setItem(static_cast<int>(rank), col, cell);
        }
    }
    table_->setHorizontalHeaderLabels(headers);
}

}  // namespace rd
