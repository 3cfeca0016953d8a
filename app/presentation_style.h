#pragma once

class QWidget;

namespace rd {

/**
 * Classroom mode's look (View ▸ Presentation mode): the application font and every chart's fonts
 * scaled up, its lines drawn thicker and table columns fitted again, so tables and charts read from
 * the back of a room on a projector. apply() is idempotent (it remembers the normal sizes), so it
 * can run again on charts created later.
 */
class PresentationStyle {
public:
    static void setEnabled(bool on);
    static bool enabled();
    /** Styles the charts under root for the current mode. */
    static void apply(QWidget* root);
};

}  // namespace rd
