#pragma once

namespace rd {
class CancelToken;
}

/**
 * Ctrl+C while it lives sets a cancel token instead of killing the process, so the command stops
 * at its next check point and cleans up (a stage recorded as cancelled, a half-written export
 * removed); when it ends, SIGINT does the default again. One at a time (the CLI runs one command).
 */
class CliInterrupt {
public:
    CliInterrupt();
    ~CliInterrupt();
    CliInterrupt(const CliInterrupt&) = delete;
    CliInterrupt& operator=(const CliInterrupt&) = delete;

    /** The token Ctrl+C sets (reset when this object was made). */
    const rd::CancelToken* token() const;
};

/** What a command that stops on Ctrl+C prints (to stderr) and returns: 130, as a shell does. */
int reportCancelled(const char* what);
