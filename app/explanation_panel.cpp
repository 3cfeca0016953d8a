#include "explanation_panel.h"

#include <QTextBrowser>

#include <exception>

#include "core_text.h"
#include "distill/method_registry.h"
#include "models/model_registry.h"

namespace rd {

namespace {

QString modelText(const std::string& name) {
    try {
        const ModelInfo& info = findModel(name);
        return QStringLiteral("<b>%1</b>: %2")
            .arg(CoreText::modelName(info).toHtmlEscaped(),
                 CoreText::modelDescription(info).toHtmlEscaped());
    } catch (const std::exception&) {
        return QString::fromStdString(name).toHtmlEscaped();
    }
}

}  // namespace

ExplanationPanel::ExplanationPanel(QWidget* parent) : QDockWidget(parent) {
    setObjectName(QStringLiteral("explanationDock"));
    browser_ = new QTextBrowser;
    browser_->setObjectName(QStringLiteral("explanation"));
    browser_->setOpenExternalLinks(false);
    setWidget(browser_);
    refresh();
}

void ExplanationPanel::begin(const std::vector<StageInfo>& stages) {
    stages_ = stages;
    current_ = -1;
    status_.clear();
    refresh();
}

void ExplanationPanel::stageStarted(int index) {
    current_ = index;
    refresh();
}

void ExplanationPanel::finish(const QString& status) {
    status_ = status;
    refresh();
}

QString ExplanationPanel::stepName(const StageInfo& s) const {
    if (s.role == "teacher") return tr("Train the teacher");
    if (s.role == "student") return tr("Train the student alone");
    try {
        return tr("Distil: %1").arg(CoreText::methodName(findMethod(s.method)));
    } catch (const std::exception&) {
        return tr("Distil: %1").arg(QString::fromStdString(s.method));
    }
}

QString ExplanationPanel::stepExplanation(const StageInfo& s) const {
    if (s.role == "teacher")
        return tr("<p>The <b>teacher</b> is a large, accurate model, trained first on the "
                  "interactions alone. "
                  "Its rankings are what the students learn from.</p>") +
               QStringLiteral("<p>") + modelText(s.model) + QStringLiteral("</p>");
    if (s.role == "student")
        return tr("<p>The <b>student</b> is a small, fast model. Trained alone, without the "
                  "teacher, it is the "
                  "baseline: knowledge distillation tries to close the gap between it and the "
                  "teacher.</p>") +
               QStringLiteral("<p>") + modelText(s.model) + QStringLiteral("</p>");
    try {
        const MethodInfo& m = findMethod(s.method);
        return tr("<p>The same student now trains again, with a second loss that carries the "
                  "teacher's "
                  "knowledge:</p>") +
               QStringLiteral("<p><b>%1</b>: %2</p><pre>%3</pre>")
                   .arg(CoreText::methodName(m).toHtmlEscaped(),
                        CoreText::methodDescription(m).toHtmlEscaped(),
                        CoreText::methodFormula(m).toHtmlEscaped());
    } catch (const std::exception&) {
        return QString();
    }
}

void ExplanationPanel::refresh() {
    setWindowTitle(tr("Explanation"));
    if (stages_.empty()) {
        browser_->setHtml(
            tr("<p>Start an experiment (Ctrl+R): this panel follows it step by step and explains "
               "what the teacher, the student and each distillation method do.</p>"));
        return;
    }
    // What is happening first (it is what the class reads), then where it is in the pipeline.
    QString html;
    if (!status_.isEmpty())
        html += tr("<p><b>Experiment %1.</b> Compare the students with the teacher in the Compare "
                   "tab.</p>")
                    .arg(CoreText::status(status_));
    else if (current_ >= 0 && current_ < static_cast<int>(stages_.size()))
        html += stepExplanation(stages_[static_cast<size_t>(current_)]);
    else
        html += tr("<p>Preparing the data …</p>");
    html += QStringLiteral("<hr><ol>");
    for (size_t i = 0; i < stages_.size(); ++i) {
        const QString name = stepName(stages_[i]).toHtmlEscaped();
        html += static_cast<int>(i) == current_ && status_.isEmpty()
                    ? QStringLiteral("<li><b>▶ %1</b></li>").arg(name)
                    : QStringLiteral("<li>%1</li>").arg(name);
    }
    html += QStringLiteral("</ol>");
    browser_->setHtml(html);
}

QString ExplanationPanel::text() const {
    return browser_->toPlainText();
}

}  // namespace rd
