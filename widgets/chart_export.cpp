#include "chart_export.h"

#include <QAction>
#include <QChartView>
#include <QFileDialog>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

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

bool saveChartSvg(QChartView* view, const QString& path) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(view->size());
    svg.setViewBox(QRect(QPoint(0, 0), view->size()));
    svg.setTitle(QObject::tr("RecDistill chart"));
    QPainter painter;
    if (!painter.begin(&svg)) return false;
    painter.setRenderHint(QPainter::Antialiasing);
    view->render(&painter);
    return painter.end();
}

void enableChartExport(QChartView* view) {
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* save = new QAction(QObject::tr("Save chart as PNG…"), view);
    QObject::connect(save, &QAction::triggered, view, [view] {
        const QString path = QFileDialog::getSaveFileName(view, QObject::tr("Save chart"),
                                                          QStringLiteral("chart.png"),
                                                          QObject::tr("PNG images (*.png)"));
        if (!path.isEmpty()) saveChartPng(view, path);
    });
    view->addAction(save);
    auto* saveSvg = new QAction(QObject::tr("Save chart as SVG…"), view);
    QObject::connect(saveSvg, &QAction::triggered, view, [view] {
        const QString path = QFileDialog::getSaveFileName(view, QObject::tr("Save chart"),
                                                          QStringLiteral("chart.svg"),
                                                          QObject::tr("SVG images (*.svg)"));
        if (!path.isEmpty()) saveChartSvg(view, path);
    });
    view->addAction(saveSvg);
}

}  // namespace rd
