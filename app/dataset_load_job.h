#pragma once

#include <QObject>
#include <QString>

#include <memory>

#include "data/dataset.h"
#include "data/dataset_stats.h"
#include "data/load_options.h"

namespace rd {

/**
 * Loads a data set and computes its statistics on a thread-pool thread, so the GUI stays responsive
 * on large files. Starting a new load while one runs supersedes it: the older result is dropped
 * when it arrives (a load cannot be interrupted). Signals arrive on the thread that owns the job.
 */
class DatasetLoadJob : public QObject {
    Q_OBJECT

public:
    explicit DatasetLoadJob(QObject* parent = nullptr);

    /** path: a file, a folder, or "demo". */
    void start(const QString& path, const LoadOptions& options = {});
    bool isRunning() const { return running_; }
    /** What the latest start() was given. */
    QString path() const { return path_; }

Q_SIGNALS:
    void finished(const rd::DatasetStats& stats, std::shared_ptr<const rd::Dataset> dataset);
    /** message names the file and the line, e.g. "u.data:12: expected 4 fields". */
    void failed(const QString& message);

private:
    QString path_;
    quint64 generation_ = 0;
    bool running_ = false;
};

}  // namespace rd
