#include "data_tab.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

#include "dataset_stats_view.h"

namespace rd {

DataTab::DataTab(QWidget* parent) : QWidget(parent) {
    header_ = new QLabel(tr("No data set open"));
    header_->setObjectName(QStringLiteral("headerLabel"));
    header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header_->setWordWrap(true);

    statusIcon_ = new QLabel;
    status_ = new QLabel;
    status_->setObjectName(QStringLiteral("statusLabel"));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true);
    status_->setTextFormat(Qt::PlainText);  // messages quote file contents, which may hold '<'
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(statusIcon_, 0, Qt::AlignTop);
    statusRow->addWidget(status_, 1);

    view_ = new DatasetStatsView;

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header_);
    layout->addLayout(statusRow);
    layout->addWidget(view_, 1);
    setStatus(QString(), false);
}

void DataTab::showStats(const DatasetStats& stats) {
    const QString format = QString::fromStdString(stats.format);
    const QString name = QString::fromStdString(stats.name);
    const QString path =
        QDir::toNativeSeparators(QDir::cleanPath(QString::fromStdString(stats.sourcePath)));
    QString text = QStringLiteral("<b>%1</b>").arg(name.toHtmlEscaped());
    if (!path.isEmpty() && path != name) text += QStringLiteral(" — %1").arg(path.toHtmlEscaped());
    text += QStringLiteral(" — ") + tr("format %1").arg(format.toHtmlEscaped());
    header_->setText(text);
    view_->setStats(stats);
    setStatus(QString(), false);
}

void DataTab::showLoading(const QString& path) {
    setStatus(tr("Loading %1 …").arg(path), false);
}

void DataTab::showError(const QString& message) {
    setStatus(tr("Could not open the data set (the previous one stays open): %1").arg(message),
              true);
}

void DataTab::setStatus(const QString& text, bool error) {
    status_->setText(text);
    status_->setVisible(!text.isEmpty());
    statusIcon_->setVisible(error);
    if (error) {
        const int side = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
        statusIcon_->setPixmap(style()
                                   ->standardIcon(QStyle::SP_MessageBoxWarning)
                                   .pixmap(QSize(side, side), devicePixelRatioF()));
    }
}

}  // namespace rd
