#include "import_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <exception>
#include <vector>

#include "data/data_loader.h"
#include "data/field_parser.h"

namespace rd {

namespace {

constexpr int kPreviewLines = 20;
constexpr qint64 kMaxPreviewLineBytes = 4096;

struct SeparatorChoice {
    const char* label;
    const char* separator;  // "" = auto
};

const SeparatorChoice kSeparators[] = {
    {QT_TRANSLATE_NOOP("rd::ImportDialog", "Auto-detect"), ""},
    {QT_TRANSLATE_NOOP("rd::ImportDialog", "Tab"), "\t"},
    {QT_TRANSLATE_NOOP("rd::ImportDialog", "Comma ( , )"), ","},
    {QT_TRANSLATE_NOOP("rd::ImportDialog", "Semicolon ( ; )"), ";"},
    {QT_TRANSLATE_NOOP("rd::ImportDialog", "Double colon ( :: )"), "::"},
    {QT_TRANSLATE_NOOP("rd::ImportDialog", "Space"), " "},
};

const char* const kRoleNames[] = {
    QT_TRANSLATE_NOOP("rd::ImportDialog", "ignore"),
    QT_TRANSLATE_NOOP("rd::ImportDialog", "user"),
    QT_TRANSLATE_NOOP("rd::ImportDialog", "item"),
    QT_TRANSLATE_NOOP("rd::ImportDialog", "rating"),
    QT_TRANSLATE_NOOP("rd::ImportDialog", "timestamp"),
};

}  // namespace

ImportDialog::ImportDialog(const QString& path, QWidget* parent) : QDialog(parent), path_(path) {
    setWindowTitle(tr("Import delimited file — %1").arg(QFileInfo(path).fileName()));
    separator_ = new QComboBox;
    separator_->setObjectName(QStringLiteral("separatorCombo"));
    for (const SeparatorChoice& s : kSeparators)
        separator_->addItem(tr(s.label), QString::fromLatin1(s.separator));
    header_ = new QCheckBox(tr("First line is a header"));
    header_->setObjectName(QStringLiteral("headerCheck"));
    thresholdOn_ = new QCheckBox(tr("Keep ratings ≥"));
    thresholdOn_->setObjectName(QStringLiteral("thresholdCheck"));
    thresholdOn_->setToolTip(
        tr("Implicit feedback: interactions rated below the threshold are dropped by the "
           "experiment's preprocessing (Setup tab)"));
    threshold_ = new QDoubleSpinBox;
    threshold_->setObjectName(QStringLiteral("thresholdSpin"));
    threshold_->setRange(-1e6, 1e6);
    threshold_->setDecimals(2);
    threshold_->setValue(4);
    threshold_->setEnabled(false);
    auto* thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(thresholdOn_);
    thresholdRow->addWidget(threshold_);
    thresholdRow->addStretch(1);

    auto* form = new QFormLayout;
    form->addRow(tr("File:"), new QLabel(QDir::toNativeSeparators(path).toHtmlEscaped()));
    form->addRow(tr("Separator:"), separator_);
    form->addRow(QString(), header_);
    form->addRow(tr("Rating threshold:"), thresholdRow);

    preview_ = new QTableWidget;
    preview_->setObjectName(QStringLiteral("previewTable"));
    preview_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    preview_->verticalHeader()->setVisible(false);
    message_ = new QLabel;
    message_->setObjectName(QStringLiteral("importMessage"));
    message_->setWordWrap(true);
    message_->setStyleSheet(QStringLiteral("color: #b00020;"));
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("&Import"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Preview of the first lines; choose what each column holds:")));
    layout->addWidget(preview_, 1);
    layout->addWidget(message_);
    layout->addWidget(buttons_);
    resize(760, 520);

    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(separator_, &QComboBox::currentIndexChanged, this, &ImportDialog::rebuildPreview);
    connect(header_, &QCheckBox::toggled, this, &ImportDialog::rebuildPreview);
    connect(thresholdOn_, &QCheckBox::toggled, threshold_, &QWidget::setEnabled);
    connect(thresholdOn_, &QCheckBox::toggled, this, &ImportDialog::validate);

    readSample();
    const QSignalBlocker block(header_);
    header_->setChecked(haveDetected_ && detected_.header);
    rebuildPreview();
}

void ImportDialog::readSample() {
    QFile file(path_);
    if (!file.open(QIODevice::ReadOnly)) {
        readError_ =
            tr("%1: cannot be read (%2)").arg(QDir::toNativeSeparators(path_), file.errorString());
        return;
    }
    while (lines_.size() < kPreviewLines && !file.atEnd()) {
        QByteArray line = file.readLine(kMaxPreviewLineBytes);
        while (line.endsWith('\n') || line.endsWith('\r')) line.chop(1);
        if (!line.trimmed().isEmpty()) lines_ << QString::fromUtf8(line);
    }
    try {
        detected_ = detectDelimitedMapping(QFile::encodeName(path_).toStdString());
        haveDetected_ = true;
    } catch (const std::exception&) {
        haveDetected_ = false;  // the preview and a chosen separator still work
    }
}

std::string ImportDialog::separator() const {
    const std::string chosen = separator_->currentData().toString().toStdString();
    if (!chosen.empty()) return chosen;
    if (haveDetected_) return detected_.separator;
    std::vector<std::string> body;
    for (int i = lines_.size() > 1 ? 1 : 0; i < lines_.size(); ++i)
        body.push_back(lines_[i].toStdString());
    return fields::guessSeparator(body);
}

QStringList ImportDialog::fields(const QString& line) const {
    const QString sep = QString::fromStdString(separator());
    if (sep.isEmpty()) return {line};
    // Runs of spaces are one separator, as the loader reads them.
    if (sep == QLatin1String(" ")) return line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return line.split(sep);
}

QComboBox* ImportDialog::roleCombo(int column) const {
    return column >= 0 && column < roles_.size() ? roles_[column] : nullptr;
}

void ImportDialog::rebuildPreview() {
    std::vector<QStringList> rows;
    int columns = 0;
    for (const QString& line : lines_) {
        rows.push_back(fields(line));
        columns = std::max(columns, static_cast<int>(rows.back().size()));
    }
    // Keep the roles chosen so far when the column count stays; else start from the detection.
    QList<int> chosen;
    for (QComboBox* c : roles_) chosen << c->currentData().toInt();
    if (chosen.size() != columns) {
        chosen.clear();
        const bool useDetected = haveDetected_ && separator() == detected_.separator;
        for (int c = 0; c < columns; ++c) {
            int role = Ignore;
            if (useDetected) {
                if (c == detected_.userColumn)
                    role = User;
                else if (c == detected_.itemColumn)
                    role = Item;
                else if (c == detected_.ratingColumn)
                    role = Rating;
                else if (c == detected_.timestampColumn)
                    role = Timestamp;
            } else if (c < 2) {
                role = c == 0 ? User : Item;
            }
            chosen << role;
        }
    }
    const bool header = header_->isChecked() && !rows.empty();
    preview_->clear();
    roles_.clear();
    preview_->setColumnCount(columns);
    preview_->setRowCount(static_cast<int>(rows.size()) + 1 - (header ? 1 : 0));
    QStringList labels;
    for (int c = 0; c < columns; ++c)
        labels << (header && c < rows.front().size() ? rows.front()[c]
                                                     : tr("Column %1").arg(c + 1));
    preview_->setHorizontalHeaderLabels(labels);
    for (int c = 0; c < columns; ++c) {
        auto* combo = new QComboBox;
        combo->setObjectName(QStringLiteral("roleCombo%1").arg(c));
        for (int r = 0; r < 5; ++r) combo->addItem(tr(kRoleNames[r]), r);
        combo->setCurrentIndex(chosen[c]);
        connect(combo, &QComboBox::currentIndexChanged, this, &ImportDialog::validate);
        preview_->setCellWidget(0, c, combo);
        roles_ << combo;
    }
    for (size_t r = header ? 1 : 0; r < rows.size(); ++r)
        for (int c = 0; c < rows[r].size(); ++c)
            preview_->setItem(static_cast<int>(r) + (header ? 0 : 1), c,
                              new QTableWidgetItem(rows[r][c]));
    preview_->resizeColumnsToContents();
    validate();
}

void ImportDialog::validate() {
    QList<int> count(5, 0);
    for (QComboBox* c : roles_) ++count[c->currentData().toInt()];
    problem_.clear();
    if (!readError_.isEmpty())
        problem_ = readError_;
    else if (lines_.isEmpty())
        problem_ = tr("The file has no lines with data.");
    else if (separator().empty())
        problem_ = tr("Cannot tell the separator; choose one.");
    else if (count[User] != 1 || count[Item] != 1)
        problem_ = tr("Choose exactly one user column and one item column.");
    else if (count[Rating] > 1 || count[Timestamp] > 1)
        problem_ = tr("Choose at most one rating column and one timestamp column.");
    else if (thresholdOn_->isChecked() && count[Rating] == 0)
        problem_ = tr("A rating threshold needs a rating column.");
    message_->setText(problem_);
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(problem_.isEmpty());
}

LoadOptions ImportDialog::options() const {
    LoadOptions o;
    o.format = "delimited";
    DelimitedMapping& m = o.delimited;
    m.detect = false;
    m.separator = separator();
    m.header = header_->isChecked();
    m.userColumn = m.itemColumn = m.ratingColumn = m.timestampColumn = -1;
    for (int c = 0; c < roles_.size(); ++c) {
        switch (roles_[c]->currentData().toInt()) {
            case User:
                m.userColumn = c;
                break;
            case Item:
                m.itemColumn = c;
                break;
            case Rating:
                m.ratingColumn = c;
                break;
            case Timestamp:
                m.timestampColumn = c;
                break;
            default:
                break;
        }
    }
    return o;
}

std::optional<double> ImportDialog::ratingThreshold() const {
    if (!thresholdOn_->isChecked()) return std::nullopt;
    return threshold_->value();
}

}  // namespace rd
