#include "cli_interrupt.h"

#include <csignal>
#include <iostream>

#include "util/cancel_token.h"

namespace {

rd::CancelToken gInterrupt;

void onInterrupt(int) {
    gInterrupt.cancel();  // lock-free: async-signal-safe
}

}  // namespace

CliInterrupt::CliInterrupt() {
    gInterrupt.reset();
    std::signal(SIGINT, onInterrupt);
}

CliInterrupt::~CliInterrupt() {
    std::signal(SIGINT, SIG_DFL);
}

const rd::CancelToken* CliInterrupt::token() const {
    return &gInterrupt;
}

int reportCancelled(const char* what) {
    std::cerr << what << ": cancelled; nothing was written\n";
    return 130;
}
