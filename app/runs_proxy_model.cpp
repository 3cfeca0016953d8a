#include "runs_proxy_model.h"

#include "runs_model.h"

namespace rd {

RunsProxyModel::RunsProxyModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(RunsModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
}

bool RunsProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    // A run's row: stage order, turned around for a descending sort so that it shows ascending.
    if (left.parent().isValid())
        return sortOrder() == Qt::AscendingOrder ? left.row() < right.row()
                                                 : left.row() > right.row();
    return QSortFilterProxyModel::lessThan(left, right);
}

}  // namespace rd
