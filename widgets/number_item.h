#pragma once

#include <QTableWidgetItem>

namespace rd {

/** A table cell showing text but sorting by its number (NaN last), right-aligned. */
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(const QString& text, double value);
    bool operator<(const QTableWidgetItem& other) const override;
};

}  // namespace rd
