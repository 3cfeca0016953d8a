#include "chart_export.h"

#include <QAction>
#include <QChartView>
#include <QFileDialog>
#include <QImage>
#include <QPainter>

namespace rd {

bool saveChartPng(QChartView* view, const QString& path) {
    QImage image(view->size() * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    view->render(&painter);
    painter.end();
    return image.save(path, "PNG");
}

void enableChartExport(QChartView* view) {
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* save = new QAction(QObject::tr("Save chart as PNG…"), view);
    QObject::connect(save, &QAction::triggered, view, [view] {
        const QString path = QFileDialog::getSaveFileName(view, QObject::tr("Save chart"), QStringLiteral("chart.png"),
                                                          QObject::tr("PNG images (*.png)"));
        if (!path.isEmpty()) saveChartPng(view, path);
    });
    view->addAction(save);
}

}  // namespace rd
