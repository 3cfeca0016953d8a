#pragma once

/**
 * Marks an English text of the core for translation without any Qt dependency: it expands to the
 * text itself. Qt's lupdate reads it as QT_TRANSLATE_NOOP (the build passes
 * `-tr-function-alias QT_TRANSLATE_NOOP+=RD_TR_NOOP`), so every core text a user sees (registry
 * names, descriptions, formulas, parameter help, metric descriptions, statuses) is extracted into
 * the .ts from the one place it is written. The GUI translates it with
 * QCoreApplication::translate(context, text); the CLI prints the English. Use the context
 * "rd::CoreText".
 */
#define RD_TR_NOOP(context, text) text
