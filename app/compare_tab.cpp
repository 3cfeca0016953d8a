#include "compare_tab.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "chart_export.h"
#include "compare_study.h"
#include "study/study_table.h"

namespace rd {

namespace {

QChartView* chartView() {
    auto* view = new QChartView;
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(260, 220);
    enableChartExport(view);
    return view;
}

}  // namespace

CompareTab::CompareTab(QWidget* parent) : QWidget(parent) {
    metrics_ = new QTableWidget;
    metrics_->setObjectName(QStringLiteral("metricsTable"));
    metrics_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    metrics_->setSortingEnabled(true);
    metrics_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    metrics_->verticalHeader()->hide();
    // Compact rows: ten runs in view at 1280×800 beside the charts.
    metrics_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    auto* copy = new QAction(tr("Copy"), metrics_);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &CompareTab::copySelection);
    metrics_->addAction(copy);
    metrics_->setContextMenuPolicy(Qt::ActionsContextMenu);

    allMetrics_ = new QCheckBox(tr("All metrics"));
    connect(allMetrics_, &QCheckBox::toggled, this, &CompareTab::refresh);
    auto* copyAll = new QPushButton(tr("Copy table"));
    connect(copyAll, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(
            tableAsCsv().replace(QLatin1Char(','), QLatin1Char('\t')));
    });
    auto* csv = new QPushButton(tr("Export CSV…"));
    connect(csv, &QPushButton::clicked, this, &CompareTab::exportCsv);
    auto* latex = new QPushButton(tr("Export LaTeX…"));
    connect(latex, &QPushButton::clicked, this, &CompareTab::exportLatex);
    asStudy_ = new QCheckBox(tr("Show as a study"));
    asStudy_->setObjectName(QStringLiteral("showAsStudy"));
    asStudy_->setToolTip(
        tr("The checked runs form a study: show each method's mean over the seeds with its "
           "interval and test, rather than every run on its own"));
    asStudy_->setChecked(true);
    asStudy_->hide();
    connect(asStudy_, &QCheckBox::toggled, this, &CompareTab::refresh);
    cellLabel_ = new QLabel(tr("Cell:"));
    cell_ = new QComboBox;
    cell_->setObjectName(QStringLiteral("studyCell"));
    cell_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    cellLabel_->setBuddy(cell_);
    cellLabel_->hide();
    cell_->hide();
    connect(cell_, &QComboBox::currentIndexChanged, this, [this] {
        if (showsStudy()) refresh();
    });
    note_ = new QLabel;
    note_->setObjectName(QStringLiteral("compareNote"));
    note_->setWordWrap(true);
    note_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* metricsBar = new QHBoxLayout;
    metricsBar->addWidget(allMetrics_);
    metricsBar->addWidget(asStudy_);
    metricsBar->addWidget(cellLabel_);
    metricsBar->addWidget(cell_);
    metricsBar->addStretch(1);
    metricsBar->addWidget(copyAll);
    metricsBar->addWidget(csv);
    metricsBar->addWidget(latex);
    auto* metricsPage = new QWidget;
    auto* metricsLayout = new QVBoxLayout(metricsPage);
    metricsLayout->addLayout(metricsBar);
    metricsLayout->addWidget(note_);
    metricsLayout->addWidget(metrics_, 1);

    params_ = new QTableWidget;
    params_->setObjectName(QStringLiteral("paramsTable"));
    params_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    onlyDifferences_ = new QCheckBox(tr("Only differences"));
    onlyDifferences_->setChecked(true);
    connect(onlyDifferences_, &QCheckBox::toggled, this, &CompareTab::fillParams);
    auto* paramsPage = new QWidget;
    auto* paramsLayout = new QVBoxLayout(paramsPage);
    paramsLayout->addWidget(onlyDifferences_);
    paramsLayout->addWidget(params_, 1);

    tables_ = new QTabWidget;
    auto* tables = tables_;
    tables->addTab(metricsPage, tr("Metrics"));
    tables->addTab(paramsPage, tr("Parameters"));

    chooseMetrics_ = new QToolButton;
    chooseMetrics_->setText(tr("Bar chart metrics"));
    chooseMetrics_->setPopupMode(QToolButton::InstantPopup);
    chooseMetrics_->setMenu(new QMenu(chooseMetrics_));
    bars_ = chartView();
    bars_->setObjectName(QStringLiteral("compareBars"));
    pareto_ = chartView();
    pareto_->setObjectName(QStringLiteral("compareScatter"));
    curves_ = chartView();
    curves_->setObjectName(QStringLiteral("compareCurves"));
    barBox_ = new QWidget;
    auto* barLayout = new QVBoxLayout(barBox_);
    barLayout->setContentsMargins(0, 0, 0, 0);
    barLayout->addWidget(chooseMetrics_, 0, Qt::AlignLeft);
    barLayout->addWidget(bars_, 1);
    // Within one experiment every student has the same size: the scatter answers "at what cost"
    // only with latency or training time on x.
    scatterX_ = new QComboBox;
    scatterX_->setObjectName(QStringLiteral("scatterX"));
    scatterX_->addItem(tr("parameters"), QStringLiteral("params"));
    scatterX_->addItem(tr("serving p50 (ms)"), QStringLiteral("serving_p50_ms"));
    scatterX_->addItem(tr("training time (s)"), QStringLiteral("train_seconds"));
    connect(scatterX_, &QComboBox::currentIndexChanged, this, [this] {
        if (showsStudy())
            fillStudyCharts();
        else
            fillCharts();
    });
    scatterBox_ = new QWidget;
    auto* scatterLayout = new QVBoxLayout(scatterBox_);
    scatterLayout->setContentsMargins(0, 0, 0, 0);
    auto* scatterRow = new QHBoxLayout;
    auto* scatterLabel = new QLabel(tr("Cost on &x:"));
    scatterLabel->setBuddy(scatterX_);
    scatterRow->addWidget(scatterLabel);
    scatterRow->addWidget(scatterX_);
    scatterRow->addStretch(1);
    scatterLayout->addLayout(scatterRow);
    scatterLayout->addWidget(pareto_, 1);
    frontier_ = chartView();
    frontier_->setObjectName(QStringLiteral("compareFrontier"));
    frontierMetric_ = new QComboBox;
    frontierMetric_->setObjectName(QStringLiteral("frontierMetric"));
    frontierMetric_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(frontierMetric_, &QComboBox::currentIndexChanged, this, [this] {
        if (showsFrontier()) fillFrontier();
    });
    frontierBox_ = new QWidget;
    auto* frontierLayout = new QVBoxLayout(frontierBox_);
    frontierLayout->setContentsMargins(0, 0, 0, 0);
    auto* frontierRow = new QHBoxLayout;
    auto* frontierLabel = new QLabel(tr("Frontier metric:"));
    frontierLabel->setBuddy(frontierMetric_);
    frontierRow->addWidget(frontierLabel);
    frontierRow->addWidget(frontierMetric_);
    frontierRow->addStretch(1);
    frontierLayout->addLayout(frontierRow);
    frontierLayout->addWidget(frontier_, 1);
    charts_ = new QSplitter(Qt::Horizontal);
    chartTabs_ = new QTabWidget;
    chartTabs_->setObjectName(QStringLiteral("compareChartTabs"));
    chartStack_ = new QStackedWidget;
    chartStack_->addWidget(charts_);
    chartStack_->addWidget(chartTabs_);
    setPresentation(false);

    split_ = new QSplitter(Qt::Vertical);
    split_->addWidget(tables);
    split_->addWidget(chartStack_);
    split_->setStretchFactor(0, 1);
    split_->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split_);
    showSnapshots(std::make_shared<const std::vector<RunSnapshot>>());
}

void CompareTab::setPresentation(bool on) {
    presentation_ = on;
    arrangeCharts();
    // The larger font needs the height: the table keeps room for six runs (teacher, student, four
    // methods) and leaves the chart the rest of a 720-pixel screen.
    const int row = QFontMetrics(QApplication::font()).height() + 8;
    tables_->setMinimumHeight(on ? row * 6 + 4 * row : 0);  // rows, header, buttons and tab bar
}

void CompareTab::showSnapshots(const RunSnapshots& snapshots) {
    snapshots_ = snapshots ? snapshots : std::make_shared<const std::vector<RunSnapshot>>();
    runs_ = *snapshots_;
    refresh();
}

void CompareTab::showStudy(const StudyTablePtr& study) {
    study_ = study;
    asStudy_->setVisible(study_ != nullptr);
    const QSignalBlocker blocker(cell_);
    const int before = cell_->currentIndex();
    cell_->clear();
    if (study_)
        for (size_t c = 0; c < study_->cellLabels.size(); ++c)
            cell_->addItem(study_->cellLabels[c].empty()
                               ? tr("all")
                               : QString::fromStdString(study_->cellLabels[c]));
    if (before >= 0 && before < cell_->count()) cell_->setCurrentIndex(before);
    refresh();
}

bool CompareTab::showsStudy() const {
    return study_ && asStudy_->isChecked();
}

int CompareTab::studyCell() const {
    return std::max(0, cell_->currentIndex());
}

void CompareTab::setStudyCell(int cell) {
    cell_->setCurrentIndex(cell);
}

bool CompareTab::showsFrontier() const {
    return showsStudy() && compare_study::variesStudentSize(*study_);
}

void CompareTab::refresh() {
    const bool study = showsStudy();
    const bool cells = study && cell_->count() > 1;
    cellLabel_->setVisible(cells);
    cell_->setVisible(cells);
    fillMenu();
    if (study) {
        columns_ =
            compare_study::fillTable(metrics_, *study_, studyCell(), allMetrics_->isChecked());
        note_->setText(compare_study::banner(*study_));
        note_->setStyleSheet(QString());
        fillStudyCharts();
    } else {
        fillMetrics();
        fillCharts();
    }
    fillParams();
    if (study) {
        // The frontier chooses among the accuracy metrics the study has.
        const QString current = frontierMetric_->currentText();
        const QSignalBlocker blocker(frontierMetric_);
        frontierMetric_->clear();
        std::set<std::string> names;
        for (const StudyRow& r : study_->rows)
            for (const auto& [name, summary] : r.metrics)
                if (name.find('@') != std::string::npos && name.rfind("GapClosed:", 0) != 0)
                    names.insert(name);
        for (const std::string& n : names) frontierMetric_->addItem(QString::fromStdString(n));
        const int keep =
            frontierMetric_->findText(current.isEmpty() ? QStringLiteral("NDCG@10") : current);
        frontierMetric_->setCurrentIndex(keep >= 0 ? keep : 0);
        if (showsFrontier()) fillFrontier();
    }
    arrangeCharts();
}

void CompareTab::fillMenu() {
    std::set<std::string> all;
    if (showsStudy()) {
        for (const StudyRow& r : study_->rows)
            for (const auto& [name, summary] : r.metrics) all.insert(name);
    } else {
        for (const RunSnapshot& s : runs_)
            for (const auto& [name, value] : s.results) all.insert(name);
    }
    QMenu* menu = chooseMetrics_->menu();
    menu->clear();
    for (const std::string& name : all) {
        const QString m = QString::fromStdString(name);
        if (!m.contains(QLatin1Char('@'))) continue;
        QAction* a = menu->addAction(m);
        a->setCheckable(true);
        a->setChecked(chartMetrics_.contains(m));
        connect(a, &QAction::toggled, this, [this, m](bool on) {
            if (on && !chartMetrics_.contains(m)) chartMetrics_ << m;
            if (!on) chartMetrics_.removeAll(m);
            if (showsStudy())
                fillStudyCharts();
            else
                fillCharts();
        });
    }
}

}  // namespace rd
