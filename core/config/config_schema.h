#pragma once

#include "catalog/param_schema.h"

namespace rd {

/**
 * The `data`, `train` and `eval` sections of every config as parameter schemas: each field's
 * default (taken from DataConfig's and TrainConfig's initialisers, so it is written once), range,
 * choices and help. Names are the dotted keys of the config, as `--set` writes them
 * ("data.split.seed", "train.lr", "eval.ks"). The config parser validates and fills in defaults
 * with these schemas, and the GUI's Setup tab builds its Data and Training forms from them.
 */

/** data.path (a file, a folder or "demo"), data.format, data.encoding, data.skip_bad_lines,
 * data.preprocess.* and data.split.*. */
const ParamSchema& dataConfigSchema();

/** train.* (epochs, batch size, learning rate, … threads) and eval.* (ks, batch_users). */
const ParamSchema& trainConfigSchema();

/** The spec of a dotted name in schema; nullptr when it has none. */
const ParamSpec* findParam(const ParamSchema& schema, const std::string& name);

}  // namespace rd
