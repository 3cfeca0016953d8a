#include "dataset_stats_view.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "chart_builders.h"

namespace rd {

namespace {

const QString kDash = QStringLiteral("—");

QString count(int64_t n) {
    return groupingLocale().toString(static_cast<qlonglong>(n));
}

QString decimal(double x) {
    // Medians of even-sized lists end in .5; whole numbers read better without ".0".
    const bool whole = std::floor(x) == x;
    return groupingLocale().toString(x, 'f', whole ? 0 : 1);
}

/** A fraction as a percentage with three significant digits: 63.0 %, 4.33 %, 0.0833 %. */
QString percent(double fraction) {
    const double value = fraction * 100.0;
    int decimals = 1;
    if (value > 0) decimals = std::clamp(2 - static_cast<int>(std::floor(std::log10(value))), 1, 6);
    return DatasetStatsView::tr("%1 %").arg(groupingLocale().toString(value, 'f', decimals));
}

QLabel* newValueLabel(const QString& objectName) {
    auto* label = new QLabel(kDash);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

}  // namespace

DatasetStatsView::DatasetStatsView(QWidget* parent) : QWidget(parent) {
    figuresArea_ = new QScrollArea;
    figuresArea_->setWidget(buildFigures());
    figuresArea_->setWidgetResizable(true);
    figuresArea_->setFrameShape(QFrame::NoFrame);
    figuresArea_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    figuresArea_->widget()->installEventFilter(this);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(figuresArea_, 0);
    layout->addWidget(buildCharts(), 1);
    clear();
}

QWidget* DatasetStatsView::buildFigures() {
    auto* identity = new QGroupBox(tr("Data set"));
    identityForm_ = new QFormLayout(identity);
    addValueRow(identityForm_, tr("Name"), QStringLiteral("nameValue"));
    addValueRow(identityForm_, tr("Format"), QStringLiteral("formatValue"));
    addValueRow(identityForm_, tr("Time range"), QStringLiteral("timeRangeValue"));
    QLabel* hash = addValueRow(identityForm_, tr("Content hash"), QStringLiteral("hashValue"));
    hash->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    hash->setToolTip(tr("Identifies the interactions exactly; runs record it"));

    auto* size = new QGroupBox(tr("Size"));
    auto* sizeForm = new QFormLayout(size);
    addValueRow(sizeForm, tr("Users"), QStringLiteral("usersValue"));
    addValueRow(sizeForm, tr("Items"), QStringLiteral("itemsValue"));
    addValueRow(sizeForm, tr("Interactions"), QStringLiteral("interactionsValue"));
    addValueRow(sizeForm, tr("Density"), QStringLiteral("densityValue"));
    addValueRow(sizeForm, tr("Categories"), QStringLiteral("categoriesValue"));

    auto* popularity = new QGroupBox(tr("Popularity"));
    auto* popularityForm = new QFormLayout(popularity);
    addValueRow(popularityForm, tr("Top 1 % of items hold"), QStringLiteral("top1Value"));
    addValueRow(popularityForm, tr("Top 10 % of items hold"), QStringLiteral("top10Value"));
    addValueRow(popularityForm, tr("Top 20 % of items hold"), QStringLiteral("top20Value"));

    splitBox_ = new QGroupBox(tr("Given split"));
    auto* splitForm = new QFormLayout(splitBox_);
    addValueRow(splitForm, tr("Training interactions"), QStringLiteral("trainValue"));
    addValueRow(splitForm, tr("Validation interactions"), QStringLiteral("validValue"));
    addValueRow(splitForm, tr("Test interactions"), QStringLiteral("testValue"));
    addValueRow(splitForm, tr("Items only in validation/test"), QStringLiteral("heldOutOnlyValue"));

    auto* column = new QWidget;
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QGroupBox* box : {identity, size, buildActivityBox(), popularity, splitBox_})
        layout->addWidget(box);
    layout->addStretch(1);
    return column;
}

QGroupBox* DatasetStatsView::buildActivityBox() {
    auto* box = new QGroupBox(tr("Interactions per user and per item"));
    auto* grid = new QGridLayout(box);
    const QStringList columns = {tr("min"), tr("median"), tr("mean"), tr("max")};
    const QStringList keys = {QStringLiteral("Min"), QStringLiteral("Median"),
                              QStringLiteral("Mean"), QStringLiteral("Max")};
    for (int c = 0; c < columns.size(); ++c)
        grid->addWidget(new QLabel(columns[c]), 0, c + 1, Qt::AlignRight);
    const QStringList rows = {tr("Per user"), tr("Per item")};
    const QStringList prefixes = {QStringLiteral("perUser"), QStringLiteral("perItem")};
    for (int r = 0; r < rows.size(); ++r) {
        grid->addWidget(new QLabel(rows[r]), r + 1, 0);
        for (int c = 0; c < keys.size(); ++c)
            grid->addWidget(newValueLabel(prefixes[r] + keys[c] + QStringLiteral("Value")), r + 1,
                            c + 1, Qt::AlignRight);
    }
    grid->setColumnStretch(0, 1);
    return box;
}

QWidget* DatasetStatsView::buildCharts() {
    const int em = fontMetrics().height();
    auto newView = [em](const QString& objectName) {
        auto* view = new QChartView;
        view->setObjectName(objectName);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(16 * em, 12 * em);
        return view;
    };
    popularityChart_ = newView(QStringLiteral("popularityChart"));
    ratingChart_ = newView(QStringLiteral("ratingChart"));
    categoryChart_ = newView(QStringLiteral("categoryChart"));
    ratingNote_ = new QLabel(tr("This data set has no ratings (implicit feedback only)."));
    ratingNote_->setObjectName(QStringLiteral("ratingNote"));
    QFont noteFont = ratingNote_->font();
    noteFont.setItalic(true);
    ratingNote_->setFont(noteFont);

    // Categories get a full-height column of their own: MovieLens has 19 and each needs a line.
    auto* column = new QVBoxLayout;
    column->addWidget(popularityChart_, 1);
    column->addWidget(ratingChart_, 1);
    column->addWidget(ratingNote_);
    auto* charts = new QWidget;
    auto* layout = new QHBoxLayout(charts);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(column, 1);
    layout->addWidget(categoryChart_, 1);
    return charts;
}

QLabel* DatasetStatsView::addValueRow(QFormLayout* form, const QString& label,
                                      const QString& objectName) {
    QLabel* value = newValueLabel(objectName);
    form->addRow(label, value);
    return value;
}

void DatasetStatsView::setValue(const QString& objectName, const QString& text) {
    if (auto* label = findChild<QLabel*>(objectName)) label->setText(text);
}

void DatasetStatsView::clear() {
    for (QLabel* label : findChildren<QLabel*>())
        if (label->objectName().endsWith(QStringLiteral("Value"))) label->setText(kDash);
    identityForm_->setRowVisible(2, false);
    splitBox_->hide();
    for (QChartView* view : {popularityChart_, ratingChart_, categoryChart_}) {
        replaceChart(view, new QChart);
        view->hide();
    }
    ratingNote_->hide();
}

void DatasetStatsView::setStats(const DatasetStats& s) {
    setValue(QStringLiteral("nameValue"), QString::fromStdString(s.name));
    setValue(QStringLiteral("formatValue"), QString::fromStdString(s.format));
    setValue(QStringLiteral("hashValue"), QString::fromStdString(s.hash));
    setValue(QStringLiteral("usersValue"), count(s.users));
    setValue(QStringLiteral("itemsValue"), count(s.items));
    setValue(QStringLiteral("interactionsValue"), count(s.interactions));
    setValue(QStringLiteral("densityValue"), percent(s.density));
    setValue(QStringLiteral("categoriesValue"),
             s.categories.empty() ? tr("none") : count(static_cast<int64_t>(s.categories.size())));
    setValue(QStringLiteral("top1Value"), percent(s.top1Share));
    setValue(QStringLiteral("top10Value"), percent(s.top10Share));
    setValue(QStringLiteral("top20Value"), percent(s.top20Share));
    for (const auto& [prefix, summary] : {std::pair{QStringLiteral("perUser"), s.perUser},
                                          std::pair{QStringLiteral("perItem"), s.perItem}}) {
        setValue(prefix + QStringLiteral("MinValue"), count(summary.min));
        setValue(prefix + QStringLiteral("MedianValue"), decimal(summary.median));
        setValue(prefix + QStringLiteral("MeanValue"),
                 groupingLocale().toString(summary.mean, 'f', 1));
        setValue(prefix + QStringLiteral("MaxValue"), count(summary.max));
    }
    showTimeRange(s);
    showSplit(s);
    showCharts(s);
}

bool DatasetStatsView::eventFilter(QObject* watched, QEvent* event) {
    // A scroll area does not grow with its contents, so long values would be cut off. New texts
    // reach the figures' layout through a posted LayoutRequest; that is when the width is known.
    if (watched == figuresArea_->widget() && event->type() == QEvent::LayoutRequest)
        fitFiguresWidth();
    return QWidget::eventFilter(watched, event);
}

void DatasetStatsView::fitFiguresWidth() {
    figuresArea_->setMinimumWidth(figuresArea_->widget()->sizeHint().width() +
                                  figuresArea_->verticalScrollBar()->sizeHint().width());
}

void DatasetStatsView::showTimeRange(const DatasetStats& s) {
    identityForm_->setRowVisible(2, s.hasTimestamps);
    if (!s.hasTimestamps) return;
    // Some exports store milliseconds; in seconds, 1e11 would be the year 5138.
    const bool millis = s.lastTimestamp > 100'000'000'000LL;
    auto toDate = [millis](int64_t t) {
        return (millis ? QDateTime::fromMSecsSinceEpoch(t, Qt::UTC)
                       : QDateTime::fromSecsSinceEpoch(t, Qt::UTC))
            .date();
    };
    setValue(QStringLiteral("timeRangeValue"),
             tr("%1 – %2").arg(toDate(s.firstTimestamp).toString(Qt::ISODate),
                               toDate(s.lastTimestamp).toString(Qt::ISODate)));
}

void DatasetStatsView::showSplit(const DatasetStats& s) {
    splitBox_->setVisible(s.presplit);
    if (!s.presplit) return;
    setValue(QStringLiteral("trainValue"), count(s.trainInteractions));
    setValue(QStringLiteral("validValue"), count(s.validInteractions));
    setValue(QStringLiteral("testValue"), count(s.testInteractions));
    setValue(QStringLiteral("heldOutOnlyValue"), count(s.itemsOnlyInHeldOut));
}

void DatasetStatsView::showCharts(const DatasetStats& s) {
    replaceChart(popularityChart_, buildPopularityChart(s.popularityCurve));
    popularityChart_->setVisible(!s.popularityCurve.empty());

    const bool ratings = s.hasRatings && !s.ratingHistogram.empty();
    replaceChart(ratingChart_, ratings ? buildRatingChart(s.ratingHistogram) : new QChart);
    ratingChart_->setVisible(ratings);
    ratingNote_->setVisible(!ratings);

    const bool categories = !s.categories.empty();
    replaceChart(categoryChart_, categories ? buildCategoryChart(s.categories) : new QChart);
    categoryChart_->setVisible(categories);
}

void DatasetStatsView::replaceChart(QChartView* view, QChart* chart) {
    // setChart hands back ownership of the previous chart instead of deleting it.
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}

}  // namespace rd
