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
    const struct {
        const char* title;
        const char* path;
    } entries[] = {
        {QT_TRANSLATE_NOOP("rd::Presets", "Quick demo"), ":/experiments/quick-demo.json"},
        {QT_TRANSLATE_NOOP("rd::Presets", "MovieLens 100K: LightGCN → MF"),
         ":/experiments/ml100k-distill.json"},
    };
    for (const auto& e : entries) {
        nlohmann::json config = readResource(QString::fromLatin1(e.path));
        if (config.is_discarded() || !config.is_object()) continue;
        presets.push_back({QCoreApplication::translate("rd::Presets", e.title), config});
    }
    return presets;
}

}  // namespace rd
