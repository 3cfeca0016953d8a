#pragma once

#include <QDockWidget>
#include <QString>

#include <vector>

#include "pipeline/stage_result.h"

class QTextBrowser;

namespace rd {

/**
 * Classroom mode's step-by-step explanation (View ▸ Explanation panel): the experiment's pipeline
 * as a numbered list with the running step marked, and beside it what that step is: the teacher and
 * its model, the student alone (the baseline), or the distillation method with its description and
 * loss formula. Built from the plan (begin) and the worker's stage signals; refresh() redraws it in
 * the current language.
 */
class ExplanationPanel : public QDockWidget {
    Q_OBJECT

public:
    explicit ExplanationPanel(QWidget* parent = nullptr);

    void begin(const std::vector<StageInfo>& stages);
    void stageStarted(int index);
    void finish(const QString& status);
    void refresh();
    QString text() const;

private:
    QString stepName(const StageInfo& s) const;
    QString stepExplanation(const StageInfo& s) const;

    QTextBrowser* browser_ = nullptr;
    std::vector<StageInfo> stages_;
    int current_ = -1;
    QString status_;
};

}  // namespace rd
