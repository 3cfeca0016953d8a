// `none`: the student trained alone, the baseline every method is compared with.

#include "catalog/tr_noop.h"
#include "distill/method_factory.h"

namespace rd {

RD_REGISTER_METHOD(registerNoneMethod) {
    MethodInfo info;
    info.name = "none";
    info.reference =
        "The student trained alone with its own loss (BPR): the baseline of every method";
    info.year = 0;
    info.displayName = RD_TR_NOOP("rd::CoreText", "None (student alone)");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "No distillation: the student learns only from the interactions, with its own loss (BPR). "
        "Every "
        "method is measured against this run, so the gap between it and the teacher is what "
        "distillation "
        "tries to close.");
    info.formula = RD_TR_NOOP("rd::CoreText", "L = L_BPR");
    registerMethod(info, [](const MethodContext&) { return std::unique_ptr<LossHook>(); });
}

}  // namespace rd
