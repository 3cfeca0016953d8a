#include "bar_cell_delegate.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace rd {

void BarCellDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const {
    const QVariant value = index.data(kValueRole), max = index.data(kMaxRole);
    if (value.isValid() && max.isValid() && max.toDouble() > 0 && std::isfinite(value.toDouble())) {
        const double share = std::clamp(value.toDouble() / max.toDouble(), 0.0, 1.0);
        QRectF bar = QRectF(option.rect).adjusted(2, 3, -2, -3);
        bar.setWidth(bar.width() * share);
        QColor colour = option.palette.color(QPalette::Highlight);
        colour.setAlphaF(0.35);
        painter->save();
        painter->fillRect(bar, colour);
        painter->restore();
    }
    QStyledItemDelegate::paint(painter, option, index);
}

}  // namespace rd
