#include "language.h"
#include "app_settings.h"

#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace rd {

namespace {

QTranslator* appTranslator = nullptr;
QTranslator* qtTranslator = nullptr;
QString installed = QStringLiteral("en");

void removeTranslators() {
    for (QTranslator** t : {&appTranslator, &qtTranslator}) {
        if (!*t) continue;
        QCoreApplication::removeTranslator(*t);
        delete *t;
        *t = nullptr;
    }
}

}  // namespace

QString Language::setting() {
    return AppSettings::language();
}

void Language::setSetting(const QString& code) {
    AppSettings::setLanguage(code);
}

QString Language::effective() {
    const QString saved = setting();
    if (saved == QLatin1String("en") || saved == QLatin1String("zh_CN")) return saved;
    const QLocale system;
    // Simplified Chinese wherever it is written (zh_CN, zh_SG, zh_Hans_*); Traditional stays
    // English.
    if (system.language() == QLocale::Chinese &&
        system.script() != QLocale::TraditionalChineseScript)
        return QStringLiteral("zh_CN");
    return QStringLiteral("en");
}

bool Language::install(const QString& code) {
    removeTranslators();
    installed = QStringLiteral("en");
    if (code == QLatin1String("en")) return true;
    auto* app = new QTranslator;
    if (!app->load(QStringLiteral(":/i18n/recdistill_") + code + QStringLiteral(".qm"))) {
        delete app;
        return false;
    }
    appTranslator = app;
    QCoreApplication::installTranslator(appTranslator);
    auto* qt = new QTranslator;
    if (qt->load(QStringLiteral("qtbase_") + code,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        qtTranslator = qt;
        QCoreApplication::installTranslator(qtTranslator);
    } else {
        delete qt;
    }
    installed = code;
    return true;
}

QString Language::current() {
    return installed;
}

}  // namespace rd
