#pragma once

// A few lines of test harness for the Qt-free suite (the Qt Test suite needs Qt): named cases that
// register themselves, checks that say file:line and both values, and Qt Test's closing line.

#include <cstdio>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

namespace rdcheck {

struct Case {
    const char* name;
    void (*fn)();
};

inline std::vector<Case>& cases() {
    static std::vector<Case> all;
    return all;
}

struct Register {
    Register(const char* name, void (*fn)()) { cases().push_back({name, fn}); }
};

struct Failure {
    std::string what;
};

template <typename A, typename B>
void checkEqual(const A& a, const B& b, const char* as, const char* bs, const char* file,
                int line) {
    if (a == b) return;
    std::ostringstream o;
    o << file << ":" << line << ": " << as << " == " << bs << "\n   actual   " << a
      << "\n   expected " << b;
    throw Failure{o.str()};
}

inline int runAll(const char* suite) {
    int passed = 0, failed = 0;
    std::printf("********* Start testing of %s *********\n", suite);
    for (const Case& c : cases()) {
        try {
            c.fn();
            ++passed;
            std::printf("PASS   : %s::%s()\n", suite, c.name);
        } catch (const Failure& f) {
            ++failed;
            std::printf("FAIL!  : %s::%s() %s\n", suite, c.name, f.what.c_str());
        } catch (const std::exception& e) {
            ++failed;
            std::printf("FAIL!  : %s::%s() threw: %s\n", suite, c.name, e.what());
        }
        std::fflush(stdout);
    }
    std::printf("Totals: %d passed, %d failed, 0 skipped\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

}  // namespace rdcheck

#define RD_TEST(name)                                        \
    static void name();                                      \
    static const rdcheck::Register name##_case(#name, name); \
    static void name()

#define RD_CHECK(cond)                                                                      \
    do {                                                                                    \
        if (!(cond))                                                                        \
            throw rdcheck::Failure{std::string(__FILE__) + ":" + std::to_string(__LINE__) + \
                                   ": " #cond};                                             \
    } while (0)

#define RD_CHECK_EQ(a, b) rdcheck::checkEqual((a), (b), #a, #b, __FILE__, __LINE__)
