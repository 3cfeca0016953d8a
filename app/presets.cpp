#include "presets.h"

#include <QCoreApplication>
#include <QFile>

// Q_INIT_RESOURCE must be called outside any namespace; the resources live in a static library,
// whose registration object the linker would otherwise drop.
static void initPresetResources() {
    Q_INIT_RESOURCE(presets);
}

namespace rd {

namespace {

nlohmann::json readResource(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
}

}  // namespace

QList<Preset> builtinPresets() {
    initPresetResources();
    QList<Preset> presets;
    // name: the config file's experiment name, shown (and stored with the runs) in the chosen
    // language.
    const struct {
        const char* title;
        const char* path;
        const char* name;
    } entries[] = {
        {QT_TRANSLATE_NOOP("rd::Presets", "Quick demo"), ":/experiments/quick-demo.json",
         QT_TRANSLATE_NOOP("rd::Presets", "Quick demo: LightGCN → MF on the built-in data")},
        {QT_TRANSLATE_NOOP("rd::Presets", "MovieLens 100K: LightGCN → MF"),
         ":/experiments/ml100k-distill.json",
         QT_TRANSLATE_NOOP("rd::Presets",
                           "MovieLens 100K: LightGCN (dim 128) → MF (dim 16), every method")},
        {QT_TRANSLATE_NOOP("rd::Presets", "Quick demo: SASRec teacher"),
         ":/experiments/quick-demo-sasrec.json",
         QT_TRANSLATE_NOOP("rd::Presets",
                           "Quick demo: SASRec → small SASRec on the sequential built-in data")},
    };
    for (const auto& e : entries) {
        nlohmann::json config = readResource(QString::fromLatin1(e.path));
        if (config.is_discarded() || !config.is_object()) continue;
        // Only while the file still carries the English this table knows (a renamed file keeps its
        // name).
        if (config.value("name", std::string()) == e.name)
            config["name"] = QCoreApplication::translate("rd::Presets", e.name).toStdString();
        presets.push_back({QCoreApplication::translate("rd::Presets", e.title), config});
    }
    return presets;
}

}  // namespace rd
