#include "dataset_load_job.h"
#include "core_text.h"

#include <QFile>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <new>

#include "data/data_loader.h"
#include "data/load_error.h"

namespace rd {

namespace {

/** What the pool thread hands back; exactly one of dataset and error is set. */
struct LoadOutcome {
    std::shared_ptr<const Dataset> dataset;
    DatasetStats stats;
    QString error;
};

LoadOutcome loadAndMeasure(const std::string& path, const LoadOptions& options) {
    LoadOutcome out;
    // Every exception becomes a message: one escaping a pool thread would end the program.
    try {
        auto dataset = std::make_shared<Dataset>(loadDataset(path, options).dataset);
        out.stats = computeStats(*dataset);
        out.dataset = std::move(dataset);
    } catch (const LoadError& e) {
        out.error = CoreText::message(std::string(e.what()));
    } catch (const std::bad_alloc&) {
        out.error = DatasetLoadJob::tr("%1: not enough memory to load this data set")
                        .arg(QString::fromStdString(path));
    } catch (const std::exception& e) {
        out.error = QStringLiteral("%1: %2").arg(QString::fromStdString(path),
                                                 CoreText::message(std::string(e.what())));
    }
    return out;
}

}  // namespace

DatasetLoadJob::DatasetLoadJob(QObject* parent) : QObject(parent) {}

void DatasetLoadJob::start(const QString& path, const LoadOptions& options) {
    path_ = path;
    running_ = true;
    const quint64 generation = ++generation_;
    auto* watcher = new QFutureWatcher<LoadOutcome>(this);
    connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != generation_) return;  // superseded by a later start()
        running_ = false;
        const LoadOutcome out = watcher->result();
        if (out.dataset)
            Q_EMIT finished(out.stats, out.dataset);
        else
            Q_EMIT failed(out.error);
    });
    watcher->setFuture(
        QtConcurrent::run(loadAndMeasure, QFile::encodeName(path).toStdString(), options));
}

}  // namespace rd
