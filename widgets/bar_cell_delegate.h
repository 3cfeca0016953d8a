#pragma once

#include <QStyledItemDelegate>

namespace rd {

/**
 * Draws a table cell's number over a bar as long as the number's share of its column's largest
 * value: a column of metrics reads like a bar chart while every run name and value stays in full
 * (small charts side by side cut both). The cell's Qt::UserRole holds the value, Qt::UserRole + 1
 * the column's largest; cells without them paint as usual.
 */
class BarCellDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    static constexpr int kValueRole = Qt::UserRole;
    static constexpr int kMaxRole = Qt::UserRole + 1;

    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

}  // namespace rd
