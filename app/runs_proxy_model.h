#pragma once

#include <QSortFilterProxyModel>

namespace rd {

/**
 * The Runs dock's filter and sort over RunsModel: experiments sort by the clicked column
 * (RunsModel::SortRole: date as ISO text, best NDCG@10 as a number), while the runs under each keep
 * their stage order (teacher, student, then the methods) whichever way the experiments go.
 */
class RunsProxyModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit RunsProxyModel(QObject* parent = nullptr);

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
};

}  // namespace rd
