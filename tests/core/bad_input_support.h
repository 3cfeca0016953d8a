#pragma once

// Shared by the broken-input tests: run a load and capture how it ended, and small file fixtures.

#include <QByteArray>
#include <QRandomGenerator>

#include <exception>
#include <string>
#include <typeinfo>

#include "data/data_loader.h"
#include "data/load_error.h"

namespace badinput {

using namespace rd;

/** What one loadDataset() call ended in. */
struct Outcome {
    enum Kind { Loaded, Error, OtherException } kind = Loaded;
    LoadResult result;
    std::string file, reason, what;
    int64_t line = -1;
    std::string other;  ///< type and message of any other exception

    QByteArray describe() const {
        switch (kind) {
            case Loaded:
                return "loaded without error";
            case Error:
                return QByteArray("LoadError: ") + what.c_str();
            case OtherException:
                return QByteArray("a non-LoadError exception: ") + other.c_str();
        }
        return {};
    }
};

inline Outcome attempt(const std::string& path, const LoadOptions& options) {
    Outcome o;
    try {
        o.result = loadDataset(path, options);
    } catch (const LoadError& e) {
        o.kind = Outcome::Error;
        o.file = e.file();
        o.line = e.line();
        o.reason = e.reason();
        o.what = e.what();
    } catch (const std::exception& e) {
        o.kind = Outcome::OtherException;
        o.other = std::string(typeid(e).name()) + ": " + e.what();
    } catch (...) {
        o.kind = Outcome::OtherException;
        o.other = "(not a std::exception)";
    }
    return o;
}

/** bytes pseudo-random bytes (fixed seed); withNul puts a NUL first, otherwise no byte is NUL. */
inline QByteArray garbage(int bytes, quint32 seed, bool withNul) {
    QRandomGenerator rng(seed);
    QByteArray out(bytes, '\0');
    for (int k = 0; k < bytes; ++k) out[k] = char(rng.bounded(withNul ? 0 : 1, 256));
    if (withNul) out[0] = '\0';
    return out;
}

inline QByteArray ml100kGenreFlags() {
    return "|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
}

inline const QByteArray kGoodUData = "1\t10\t4\t881250949\n2\t20\t3\t881250950\n";
inline const QByteArray kGoodRatingsCsv =
    "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,3.5,964982704\n";
inline const QByteArray kMoviesCsvHeader = "movieId,title,genres\n";
inline const QByteArray kInterHeader = "user_id:token\titem_id:token\trating:float\n";

inline bool isValidUtf8(const std::string& s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size())).toUtf8() ==
           QByteArray(s.data(), qsizetype(s.size()));
}

}  // namespace badinput
