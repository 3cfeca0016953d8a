#pragma once

#include <QCoreApplication>
#include <QString>

namespace rd {

/**
 * The user-interface language: the setting "ui/language" in QSettings ("RecDistill", "RecDistill")
 * is empty (follow the system locale), "en" or "zh_CN". install() loads the application's
 * translation (built from translations/recdistill_<code>.ts into the resources at :/i18n) and Qt's
 * own (qtbase, for the standard dialogs' buttons) into the application; "en" removes them.
 */
class Language {
    Q_DECLARE_TR_FUNCTIONS(rd::Language)

public:
    /** The saved choice: "", "en" or "zh_CN". */
    static QString setting();
    static void setSetting(const QString& code);
    /** The language to use now: the setting, else the system locale's when translated, else "en".
     */
    static QString effective();
    /** Installs the translators for code ("en" or "zh_CN"); false when the translation is missing.
     */
    static bool install(const QString& code);
    /** The code installed last ("en" before any install). */
    static QString current();
};

}  // namespace rd
