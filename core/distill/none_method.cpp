// `none`: the student trained alone, the baseline every method is compared with.

#include "distill/method_factory.h"

namespace rd {

void registerNoneMethod() {
    MethodInfo info;
    info.name = "none";
    info.displayName = "None (student alone)";
    info.description =
        "No distillation: the student learns only from the interactions, with its own loss (BPR). "
        "Every "
        "method is measured against this run, so the gap between it and the teacher is what "
        "distillation "
        "tries to close.";
    info.formula = "L = L_BPR";
    registerMethod(info, [](const MethodContext&) { return std::unique_ptr<LossHook>(); });
}

}  // namespace rd
