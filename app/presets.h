#pragma once

#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

namespace rd {

/** A ready-made experiment config shipped inside the program (resources/presets.qrc). */
struct Preset {
    QString title;  ///< shown in the Setup tab's preset list
    nlohmann::json config;
};

/**
 * The built-in presets, "Quick demo" first. A preset whose data path is relative (MovieLens under
 * ../shared/data) is resolved against the working folder; it stays as written when that fails, so
 * the Setup tab shows why it cannot run.
 */
QList<Preset> builtinPresets();

}  // namespace rd
