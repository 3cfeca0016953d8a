#include "core_text.h"

#include <QRegularExpression>

#include <vector>

#include "catalog/metric_catalog.h"
#include "catalog/run_vocabulary.h"
#include "distill/method_registry.h"
#include "models/model_registry.h"

namespace rd {

namespace {

const char* const kContext = "rd::CoreText";

/** A fixed phrase of core error messages: the English pattern (its groups are the variable parts)
 * and the template (%1, %2, … are the groups) that lupdate collects. */
struct Phrase {
    const char* pattern;
    const char* text;
};

const Phrase kPhrases[] = {
    {R"(expected (\d+) fields separated by (TAB|space|'[^']*') \(([^)]*)\), found (\d+))",
     QT_TRANSLATE_NOOP("rd::CoreText", "expected %1 fields separated by %2 (%3), found %4")},
    {R"(expected at least (\d+) fields separated by (TAB|space|'[^']*'), found (\d+))",
     QT_TRANSLATE_NOOP("rd::CoreText", "expected at least %1 fields separated by %2, found %3")},
    {R"(expected (\d+) fields separated by (TAB|space|'[^']*'), found (\d+))",
     QT_TRANSLATE_NOOP("rd::CoreText", "expected %1 fields separated by %2, found %3")},
    {R"(the line seems to use (TAB|space|'[^']*') as separator)",
     QT_TRANSLATE_NOOP("rd::CoreText", "the line seems to use %1 as separator")},
    {R"(expected the header (.+), found )",
     QT_TRANSLATE_NOOP("rd::CoreText", "expected the header %1, found ")},
    {R"(expected the file (\S+) in this folder)",
     QT_TRANSLATE_NOOP("rd::CoreText", "expected the file %1 in this folder")},
    {R"(no such file or folder)", QT_TRANSLATE_NOOP("rd::CoreText", "no such file or folder")},
    {R"(is a folder, expected a file)",
     QT_TRANSLATE_NOOP("rd::CoreText", "is a folder, expected a file")},
    {R"(cannot open: )", QT_TRANSLATE_NOOP("rd::CoreText", "cannot open: ")},
    {R"(file is empty; expected one interaction per line)",
     QT_TRANSLATE_NOOP("rd::CoreText", "file is empty; expected one interaction per line")},
    {R"(no interactions found; expected at least one valid line)",
     QT_TRANSLATE_NOOP("rd::CoreText", "no interactions found; expected at least one valid line")},
    {R"(no lines with data; expected one interaction per line)",
     QT_TRANSLATE_NOOP("rd::CoreText", "no lines with data; expected one interaction per line")},
    {R"(unknown format '([^']*)'; expected auto or one of )",
     QT_TRANSLATE_NOOP("rd::CoreText", "unknown format '%1'; expected auto or one of ")},
    {R"(preprocessing left no interactions: )",
     QT_TRANSLATE_NOOP("rd::CoreText", "preprocessing left no interactions: ")},
    {R"(: expected an integer, got )",
     QT_TRANSLATE_NOOP("rd::CoreText", ": expected an integer, got ")},
    {R"(: expected a number, got )",
     QT_TRANSLATE_NOOP("rd::CoreText", ": expected a number, got ")},
    {R"(: expected a string, got )",
     QT_TRANSLATE_NOOP("rd::CoreText", ": expected a string, got ")},
    {R"(: expected true or false)", QT_TRANSLATE_NOOP("rd::CoreText", ": expected true or false")},
    {R"(: expected an object of parameters)",
     QT_TRANSLATE_NOOP("rd::CoreText", ": expected an object of parameters")},
    {R"(: expected an object)", QT_TRANSLATE_NOOP("rd::CoreText", ": expected an object")},
    {R"(: expected a non-empty list of integers)",
     QT_TRANSLATE_NOOP("rd::CoreText", ": expected a non-empty list of integers")},
    {R"(: expected a list of (\d+) numbers)",
     QT_TRANSLATE_NOOP("rd::CoreText", ": expected a list of %1 numbers")},
    {R"(: expected one of (.+), got )",
     QT_TRANSLATE_NOOP("rd::CoreText", ": expected one of %1, got ")},
    {R"(: (\S+) is out of range )", QT_TRANSLATE_NOOP("rd::CoreText", ": %1 is out of range ")},
    {R"(: unknown key \(known: )", QT_TRANSLATE_NOOP("rd::CoreText", ": unknown key (known: ")},
    {R"(: unknown parameter \(known: )",
     QT_TRANSLATE_NOOP("rd::CoreText", ": unknown parameter (known: ")},
    {R"(unknown model '([^']*)' \(known: )",
     QT_TRANSLATE_NOOP("rd::CoreText", "unknown model '%1' (known: ")},
    {R"(unknown distillation method '([^']*)' \(known: )",
     QT_TRANSLATE_NOOP("rd::CoreText", "unknown distillation method '%1' (known: ")},
    {R"(: missing \(e\.g\. )", QT_TRANSLATE_NOOP("rd::CoreText", ": missing (e.g. ")},
    {R"(: '([^']*)' does not exist)", QT_TRANSLATE_NOOP("rd::CoreText", ": '%1' does not exist")},
    {R"(: needs a trained teacher)",
     QT_TRANSLATE_NOOP("rd::CoreText", ": needs a trained teacher")},
    {R"(the experiment config must be a JSON object)",
     QT_TRANSLATE_NOOP("rd::CoreText", "the experiment config must be a JSON object")},
    {R"(: expected a list of method names or objects)",
     QT_TRANSLATE_NOOP("rd::CoreText", ": expected a list of method names or objects")},
    {R"(: "none" is the student alone, which every experiment trains already)",
     QT_TRANSLATE_NOOP("rd::CoreText",
                       ": \"none\" is the student alone, which every experiment trains already")},
};

/** A whole log line of the pipeline (core/pipeline, core/engine, core/study): its pattern is
 * anchored; group 1 is the stage when stageFirst (teacher and student read as their roles, a
 * method's stage stays as it is); the other groups keep their text, errors in them go through
 * message(). */
struct LogPhrase {
    const char* pattern;
    const char* text;
    bool stageFirst;
};

const LogPhrase kLogPhrases[] = {
    {R"(^loading (.+)$)", QT_TRANSLATE_NOOP("rd::CoreText", "loading %1"), false},
    {R"(^(.+): (\d+) users, (\d+) items, (\d+) interactions; split (\S+) (\d+)/(\d+)/(\d+); (\d+) threads$)",
     QT_TRANSLATE_NOOP("rd::CoreText",
                       "%1: %2 users, %3 items, %4 interactions; split %5 %6/%7/%8 "
                       "(train/validation/test); %9 threads"),
     false},
    {R"(^(\S+): early stop at epoch (\d+), best epoch (\d+)$)",
     QT_TRANSLATE_NOOP("rd::CoreText", "%1: early stop at epoch %2, best epoch %3"), true},
    {R"(^(teacher): loaded (.+)$)", QT_TRANSLATE_NOOP("rd::CoreText", "%1: loaded %2"), true},
    {R"(^(teacher): reusing the saved teacher of run (\d+) \((.+)\)$)",
     QT_TRANSLATE_NOOP("rd::CoreText", "%1: reusing the saved teacher of run %2 (%3)"), true},
    {R"(^(teacher): (\d+) users have no scores; they train on the student's own loss alone$)",
     QT_TRANSLATE_NOOP("rd::CoreText",
                       "%1: %2 users have no scores; they train on the student's own loss alone"),
     true},
    {R"(^(teacher): not evaluated: the teacher scores (\d+) of the (\d+) test users$)",
     QT_TRANSLATE_NOOP("rd::CoreText",
                       "%1: not evaluated: the teacher scores %2 of the %3 test users"),
     true},
    {R"(^warning: run store: (.+); this stage is no longer recorded$)",
     QT_TRANSLATE_NOOP("rd::CoreText", "warning: run store: %1; this stage is no longer recorded"),
     false},
    {R"(^(\S+): failed: (.+)$)", QT_TRANSLATE_NOOP("rd::CoreText", "%1: failed: %2"), true},
    {R"(^study (\d+): experiment (\d+) \((\S+)\) is removed and run again$)",
     QT_TRANSLATE_NOOP("rd::CoreText", "study %1: experiment %2 (%3) is removed and run again"),
     false},
    {R"(^(\S+): (.+)$)", "%1: %2", true},  // a stage's error: the stage and the message
};

QString translated(const char* text) {
    return QCoreApplication::translate(kContext, text);
}

/** kPhrases' patterns, compiled once (message() runs on every invalid edit in the Setup tab). */
const std::vector<QRegularExpression>& compiledPhrases() {
    static const std::vector<QRegularExpression> compiled = [] {
        std::vector<QRegularExpression> out;
        for (const Phrase& p : kPhrases) out.emplace_back(QString::fromUtf8(p.pattern));
        return out;
    }();
    return compiled;
}

}  // namespace

QString CoreText::methodName(const MethodInfo& info) {
    return translated(info.displayName.c_str());
}

QString CoreText::methodDescription(const MethodInfo& info) {
    return translated(info.description.c_str());
}

QString CoreText::methodFormula(const MethodInfo& info) {
    return translated(info.formula.c_str());
}

QString CoreText::modelName(const ModelInfo& info) {
    return translated(info.displayName.c_str());
}

QString CoreText::modelDescription(const ModelInfo& info) {
    return translated(info.description.c_str());
}

QString CoreText::paramHelp(const std::string& help) {
    return translated(help.c_str());
}

QString CoreText::paramText(const std::string& text) {
    return translated(text.c_str());
}

QString CoreText::metricTooltip(const QString& metric) {
    const MetricInfo* info = findMetric(metric.toStdString());
    return info ? translated(info->description) : QString();
}

QString CoreText::status(const QString& status) {
    return translated(statusLabel(status.toStdString()));
}

QString CoreText::role(const QString& role) {
    return translated(roleLabel(role.toStdString()));
}

QString CoreText::runLabel(const std::string& runRole, const std::string& method,
                           const std::string& model) {
    if (runRole == role::kTeacher || runRole == role::kStudent)
        return translated(roleLabel(runRole));
    return QString::fromStdString(method.empty() ? model : method);
}

QString CoreText::logLine(const QString& english) {
    static const std::vector<QRegularExpression> patterns = [] {
        std::vector<QRegularExpression> out;
        for (const LogPhrase& p : kLogPhrases) out.emplace_back(QString::fromUtf8(p.pattern));
        return out;
    }();
    for (size_t i = 0; i < patterns.size(); ++i) {
        const QRegularExpressionMatch m = patterns[i].match(english);
        if (!m.hasMatch()) continue;
        const LogPhrase& p = kLogPhrases[i];
        QString text = translated(p.text);
        for (int g = 1; g <= patterns[i].captureCount(); ++g) {
            const QString part = m.captured(g);
            if (g == 1 && p.stageFirst)
                text = text.arg(part == QLatin1String("teacher") || part == QLatin1String("student")
                                    ? role(part)
                                    : part);
            else
                text = text.arg(message(part));
        }
        return text;
    }
    return message(english);
}

QString CoreText::message(const QString& english) {
    QString out = english;
    const std::vector<QRegularExpression>& patterns = compiledPhrases();
    for (size_t i = 0; i < patterns.size(); ++i) {
        const Phrase& p = kPhrases[i];
        const QRegularExpression& re = patterns[i];
        QRegularExpressionMatch m = re.match(out);
        while (m.hasMatch()) {
            QString text = translated(p.text);
            for (int g = 1; g <= re.captureCount(); ++g) text = text.arg(m.captured(g));
            out.replace(m.capturedStart(), m.capturedLength(), text);
            m = re.match(out, m.capturedStart() + static_cast<int>(text.size()));
        }
    }
    return out;
}

}  // namespace rd
