#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <string>

namespace rd {

struct MethodInfo;
struct ModelInfo;

/**
 * The translation boundary for the core's English texts. The core stays Qt-free and keeps one
 * stable English text per thing (method and model registries, parameter help, loader and
 * config-validation errors); the GUI translates them here, in context "rd::CoreText":
 * - registry texts, parameter help, metric descriptions, statuses and roles: the core marks each
 * English text where it is written with RD_TR_NOOP (catalog/tr_noop.h), lupdate extracts them from
 * core's sources, and they are translated here by their English text, so nothing is copied by hand;
 * a text changed in the core shows in English until the .ts follows (app_test_translations fails
 * until then);
 * - the pipeline's log lines (logLine()) by whole-line patterns in the same way;
 * - error messages by rewriting their fixed phrases ("expected 4 fields separated by TAB (…), found
 * 1") with translated templates, keeping file:line, names and values as they are. Giving every core
 *   message an id would touch every throw in the core and the CLI's output; the phrases are few.
 * It lives in widgets/, not app/, because the widgets (MethodPanel, ModelPicker, ParamForm) show
 * the registries themselves and app links widgets, not the reverse.
 */
class CoreText {
    Q_DECLARE_TR_FUNCTIONS(rd::CoreText)

public:
    static QString methodName(const MethodInfo& info);
    static QString methodDescription(const MethodInfo& info);
    static QString methodFormula(const MethodInfo& info);
    static QString modelName(const ModelInfo& info);
    static QString modelDescription(const ModelInfo& info);
    /** A ParamSpec::help line (the English line is the key). */
    static QString paramHelp(const std::string& help);
    /** A ParamSpec's label, choice label or special value text (the English text is the key). */
    static QString paramText(const std::string& text);
    /** One line explaining a metric column ("NDCG@10", "GapClosed:Recall@20", "params", …); empty
     * when unknown. */
    static QString metricTooltip(const QString& metric);
    /** A run or stage status of the run store ("finished", "running", "cancelled", …). */
    static QString status(const QString& status);
    /** A run's role ("teacher", "student", "distilled", "model") as people read it. */
    static QString role(const QString& role);
    /** A run's short name in legends, lists and tables: the teacher and the student alone by their
     * role, a distilled student by its method, anything else by its model. */
    static QString runLabel(const std::string& runRole, const std::string& method,
                            const std::string& model);
    /** One log line of the pipeline (loading, the data summary, early stopping, teacher reuse,
     * failures) translated whole, stage names as roles, numbers and paths kept; any other line
     * as message(). */
    static QString logLine(const QString& english);
    static QString logLine(const std::string& english) {
        return logLine(QString::fromStdString(english));
    }
    /** A core error message with its fixed phrases translated, the variable parts kept. */
    static QString message(const QString& english);
    static QString message(const std::string& english) {
        return message(QString::fromStdString(english));
    }
};

}  // namespace rd
