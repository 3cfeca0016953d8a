// Broken input: every case goes through loadDataset() and must end in a LoadError (never another
// exception type, a crash or a hang) whose message names the file, the line and what was expected.
// Skip mode, CRLF/BOM and random bytes are in test_load_robustness.cpp.

#include <QRandomGenerator>
#include <QtTest>

#include <cstdint>
#include <exception>
#include <string>
#include <typeinfo>
#include <vector>

#include "bad_input_support.h"
#include "data/data_loader.h"
#include "data/load_error.h"
#include "test_util.h"

using namespace badinput;

class TestBadInput : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void broken_data();
    void broken();
    void messageFormat();
    void defaultSizeLongLine();
    void hugeMaxLineBytes();
    void headerAfterBlankLines();
    void delimitedMappingErrors();
    void truncatedQuoteStaysUtf8();
};

namespace {

/** One broken-input row. names ending in '/' are folders; open is relative to the temporary folder.
 */
void row(const char* tag, const QStringList& names, const QByteArrayList& contents,
         const QString& open, const QString& file, int line, const QString& reason,
         const QString& format = "auto", const QString& encoding = "auto", int maxLine = 0) {
    QTest::newRow(tag) << names << contents << open << file << line << reason << format << encoding
                       << maxLine;
}

}  // namespace

void TestBadInput::broken_data() {
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QByteArrayList>("contents");
    QTest::addColumn<QString>("open");    // path loaded, relative to the temporary folder
    QTest::addColumn<QString>("file");    // LoadError::file() ends with this
    QTest::addColumn<int>("line");        // LoadError::line(); -2 = any line > 0
    QTest::addColumn<QString>("reason");  // LoadError::reason() contains this
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<int>("maxLine");  // LoadOptions::maxLineBytes; 0 = default

    const QString longName(300, QChar('x'));

    // Missing things.
    row("missing file", {}, {}, "nope.tsv", "nope.tsv", 0, "no such file or folder");
    row("missing u.data, forced ml-100k", {}, {}, "nope/u.data", "nope/u.data", 0, "cannot open",
        "ml-100k");
    row("missing folder, forced lightgcn", {}, {}, "nowhere", "nowhere", 0, "no such file",
        "lightgcn");
    row("missing file, forced delimited", {}, {}, "nope.csv", "nope.csv", 0, "cannot open",
        "delimited");
    row("name too long", {}, {}, longName, longName, 0, "", "auto");
    row("name too long, forced ml-100k", {}, {}, longName, longName, 0, "", "ml-100k");
    row("name too long, forced lightgcn", {}, {}, longName, longName, 0, "", "lightgcn");
    row("name too long, forced recbole", {}, {}, longName, longName, 0, "", "recbole");
    row("folder as file, forced delimited", {"d/"}, {""}, "d", "d", 0, "is a folder", "delimited");
    row("unknown format", {"u.data"}, {kGoodUData}, "u.data", "u.data", 0, "unknown format 'foo'",
        "foo");
    row("unknown encoding", {"u.data"}, {kGoodUData}, "u.data", "u.data", 0,
        "unknown encoding 'cp1252'", "auto", "cp1252");

    // Empty files and folders.
    row("empty u.data", {"u.data"}, {""}, "u.data", "u.data", 0, "file is empty");
    row("empty unnamed file", {"data.tsv"}, {""}, "data.tsv", "data.tsv", 0, "file is empty");
    row("blank lines only", {"u.data"}, {"\n  \n\t\n"}, "u.data", "u.data", 0, "no interactions");
    row("blank lines only, delimited", {"x.tsv"}, {"\n\n"}, "x.tsv", "x.tsv", 0,
        "no lines with data");
    row("empty train.txt", {"lg/train.txt", "lg/test.txt"}, {"", "0 1\n"}, "lg", "train.txt", 0,
        "file is empty");
    row("empty movies.csv", {"m/ratings.csv", "m/movies.csv"}, {kGoodRatingsCsv, ""}, "m",
        "movies.csv", 0, "file is empty");
    row("empty folder", {"empty/"}, {""}, "empty", "empty", 0,
        "cannot tell the format of this folder");
    row("folder with no known files", {"stuff/notes.md", "stuff/data.json"}, {"# notes\n", "{}\n"},
        "stuff", "stuff", 0, "expected u.data (MovieLens 100K)");
    row("lightgcn without test.txt", {"lg/train.txt"}, {"0 1 2\n"}, "lg", "lg", 0,
        "expected test.txt");
    row("two .inter files", {"rb/a.inter", "rb/b.inter"},
        {kInterHeader + "1\t2\t3\n", kInterHeader + "1\t2\t3\n"}, "rb", "rb", 0,
        "found 2 .inter files");
    row("forced recbole, no .inter", {"rb/a.txt"}, {"x\n"}, "rb", "rb", 0,
        "expected a RecBole NAME.inter", "recbole");
    row("forced ml-1m, no ratings.dat", {"m/movies.dat"}, {"1::A::B\n"}, "m", "m", 0,
        "expected the file ratings.dat", "ml-1m");

    // Wrong number of columns.
    row("u.data 3 fields", {"u.data"}, {"1\t2\t3\t4\n1\t2\t3\n"}, "u.data", "u.data", 2,
        "expected 4 fields separated by TAB (user, item, rating, timestamp), found 3");
    row("u.data 5 fields", {"u.data"}, {"1\t2\t3\t4\t5\n"}, "u.data", "u.data", 1, "found 5");
    row("ratings.dat 3 fields", {"ratings.dat"}, {"1::2::3::4\n1::3::4::5\n1::2::3\n"},
        "ratings.dat", "ratings.dat", 3, "expected 4 fields separated by '::'");
    row("ratings.csv 3 fields", {"ratings.csv"}, {"userId,movieId,rating,timestamp\n1,2,3\n"},
        "ratings.csv", "ratings.csv", 2, "expected 4 fields separated by ','");
    // Reliability review F11: 1e39 became inf in the 32-bit rating while "inf" itself was refused.
    row("rating beyond a float", {"ratings.csv"},
        {"userId,movieId,rating,timestamp\n1,2,3,4\n1,3,1e39,5\n"}, "ratings.csv", "ratings.csv", 3,
        "rating '1e39' is out of range");
    row("rating inf", {"ratings.csv"}, {"userId,movieId,rating,timestamp\n1,2,inf,4\n"},
        "ratings.csv", "ratings.csv", 2, "rating 'inf' is not a number");
    row("recbole 2 of 3 fields", {"a.inter"}, {kInterHeader + "1\t2\t3\n4\t5\n"}, "a.inter",
        "a.inter", 3, "expected 3 fields separated by TAB");
    row("u.item too few fields", {"u.data", "u.item"}, {kGoodUData, "10|Title|date\n"}, "u.data",
        "u.item", 1, "expected 24 fields separated by '|'");
    row("movies.dat 2 fields", {"ratings.dat", "movies.dat"}, {"1::2::3::4\n", "2::Title\n"},
        "ratings.dat", "movies.dat", 1,
        "expected 3 fields separated by '::' (MovieID, Title, Genres), found 2");
    row("movies.csv unquoted comma", {"ratings.csv", "movies.csv"},
        {kGoodRatingsCsv, kMoviesCsvHeader + "1,Toy Story (1995),Comedy\n2,Grumpier, The,Comedy\n"},
        "ratings.csv", "movies.csv", 3, "quote titles that contain commas");

    // Non-numeric values.
    row("u.data rating 'five'", {"u.data"}, {"1\t2\tfive\t881250949\n"}, "u.data", "u.data", 1,
        "rating 'five' is not a number");
    row("ratings.csv rating nan", {"ratings.csv"}, {"userId,movieId,rating,timestamp\n1,2,nan,5\n"},
        "ratings.csv", "ratings.csv", 2, "rating 'nan' is not a number");
    row("ratings.csv rating inf", {"ratings.csv"}, {"userId,movieId,rating,timestamp\n1,2,inf,5\n"},
        "ratings.csv", "ratings.csv", 2, "rating 'inf' is not a number");
    row("ratings.dat empty rating", {"ratings.dat"}, {"1::2::::5\n"}, "ratings.dat", "ratings.dat",
        1, "rating '' is not a number");
    row("recbole rating 'x'", {"a.inter"}, {kInterHeader + "1\t2\tx\n"}, "a.inter", "a.inter", 2,
        "rating 'x' is not a number");
    row("delimited rating", {"r.csv"}, {"user,item,rating\n1,2,3\n1,3,good\n"}, "r.csv", "r.csv", 3,
        "rating 'good' is not a number");
    row("u.data timestamp 'yesterday'", {"u.data"}, {"1\t2\t3\t881250949\n1\t3\t3\tyesterday\n"},
        "u.data", "u.data", 2, "timestamp 'yesterday' is not a number (expected seconds)");
    row("ratings.csv date timestamp", {"ratings.csv"},
        {"userId,movieId,rating,timestamp\n1,2,3,2015-01-01\n"}, "ratings.csv", "ratings.csv", 2,
        "timestamp '2015-01-01' is not a number");
    row("timestamp 1e300", {"u.data"}, {"1\t2\t3\t1e300\n"}, "u.data", "u.data", 1,
        "timestamp '1e300'");
    row("timestamp 99999999999999999999", {"u.data"}, {"1\t2\t3\t99999999999999999999\n"}, "u.data",
        "u.data", 1, "timestamp '99999999999999999999'");

    // Ids that are not integers or overflow.
    row("ml-100k user 2147483648", {"u.data"}, {"2147483647\t1\t3\t4\n2147483648\t1\t3\t4\n"},
        "u.data", "u.data", 2,
        "user id '2147483648' overflows: expected an integer between 0 and 2147483647");
    row("ml-1m item with 30 digits", {"ratings.dat"}, {"1::123456789012345678901234567890::3::4\n"},
        "ratings.dat", "ratings.dat", 1, "item id '123456789012345678901234567890' overflows");
    row("ml-latest user 30 digits", {"ratings.csv"},
        {"userId,movieId,rating,timestamp\n999999999999999999999999999999,1,3,4\n"}, "ratings.csv",
        "ratings.csv", 2, "user id '999999999999999999999999999999' overflows");
    row("ml-latest negative user", {"ratings.csv"}, {"userId,movieId,rating,timestamp\n-3,1,3,4\n"},
        "ratings.csv", "ratings.csv", 2, "between 0 and 2147483647");
    row("u.data non-integer user", {"u.data"}, {"1.5\t1\t3\t4\n"}, "u.data", "u.data", 1,
        "user id '1.5' is not an integer");
    row("u.data empty item", {"u.data"}, {"1\t\t3\t4\n"}, "u.data", "u.data", 1, "empty item id");
    row("lightgcn item 2147483648", {"lg/train.txt", "lg/test.txt"}, {"0 1 2147483648\n", "0 1\n"},
        "lg", "train.txt", 1, "item id '2147483648' overflows");
    row("lightgcn user 30 digits in test", {"lg/train.txt", "lg/test.txt"},
        {"0 1\n", "0 2\n123456789012345678901234567890 1\n"}, "lg", "test.txt", 2,
        "user id '123456789012345678901234567890' overflows");
    row("lightgcn item 'x' in valid", {"lg/train.txt", "lg/valid.txt", "lg/test.txt"},
        {"0 1\n", "0 x\n", "0 2\n"}, "lg", "valid.txt", 1, "item id 'x' is not an integer");
    row("delimited id of 300 characters", {"d.tsv"}, {"a\tb\n" + QByteArray(300, 'u') + "\tb\n"},
        "d.tsv", "d.tsv", 2, "user id is 300 characters long");
    row("delimited empty id", {"d.csv"}, {"a,b\n,c\n"}, "d.csv", "d.csv", 2, "empty user id");

    // Wrong separator.
    row("u.data with commas", {"u.data"}, {"196,242,3,881250949\n"}, "u.data", "u.data", 1,
        "the line seems to use ',' as separator");
    row("u.data with spaces", {"u.data"}, {"196 242 3 881250949\n"}, "u.data", "u.data", 1,
        "seems to use space");
    row("ratings.dat with tabs", {"ratings.dat"}, {"1\t2\t3\t4\n"}, "ratings.dat", "ratings.dat", 1,
        "seems to use TAB");
    row("ratings.csv with ';'", {"ratings.csv"}, {"userId,movieId,rating,timestamp\n1;2;3;4\n"},
        "ratings.csv", "ratings.csv", 2, "seems to use ';'");
    row("lightgcn with commas", {"lg/train.txt", "lg/test.txt"}, {"0,1,2\n", "0 3\n"}, "lg",
        "train.txt", 1, "seems to use ','");
    row("recbole header with commas", {"a.inter"},
        {"user_id:token,item_id:token,rating:float\n1,2,3\n"}, "a.inter", "a.inter", 1,
        "seems to use ','");
    row("delimited single column", {"one.txt"}, {"alpha\nbeta\n"}, "one.txt", "one.txt", 1,
        "cannot tell the separator");

    // Text that cannot be decoded.
    row("movies.csv invalid UTF-8 title", {"ratings.csv", "movies.csv"},
        {kGoodRatingsCsv, kMoviesCsvHeader + "1,Toy Story (1995),Comedy\n2,Caf\xE9 (2000),Drama\n"},
        "ratings.csv", "movies.csv", 3, "text is not valid UTF-8 (byte 0xE9 at column 4)");
    row("movies.csv truncated UTF-8 sequence", {"ratings.csv", "movies.csv"},
        {kGoodRatingsCsv, kMoviesCsvHeader + "1,\"Toy \xE2\x82\",Comedy\n"}, "ratings.csv",
        "movies.csv", 2, "not valid UTF-8");
    row("movies.csv invalid UTF-8 genre", {"ratings.csv", "movies.csv"},
        {kGoodRatingsCsv, kMoviesCsvHeader + "1,Toy Story (1995),Com\xE9"
                                             "die\n"},
        "ratings.csv", "movies.csv", 2, "not valid UTF-8");
    row("u.item Latin-1 with utf-8 forced", {"u.data", "u.item"},
        {kGoodUData, "10|Kolya (1996)|d||u" + ml100kGenreFlags() +
                         "\n20|Mis\xE9rables, Les (1995)|d||u" + ml100kGenreFlags() + "\n"},
        "u.data", "u.item", 2, "choose the Latin-1 encoding", "auto", "utf-8");
    row("movies.dat Latin-1 with utf-8 forced", {"ratings.dat", "movies.dat"},
        {"1::2::3::4\n", "2::Caf\xE9 (2000)::Drama\n"}, "ratings.dat", "movies.dat", 1,
        "not valid UTF-8", "auto", "utf-8");
    row("recbole .item invalid UTF-8 title", {"a.inter", "a.item"},
        {kInterHeader + "1\t2\t3\n", "item_id:token\tmovie_title:token_seq\n2\tOk\n3\tCaf\xE9\n"},
        "a.inter", "a.item", 3, "not valid UTF-8");
    row("recbole .item invalid UTF-8 class", {"a.inter", "a.item"},
        {kInterHeader + "1\t2\t3\n",
         "item_id:token\tclass:token_seq\n2\tCom\xE9"
         "die\n"},
        "a.inter", "a.item", 2, "not valid UTF-8");

    // Binary data.
    row("random bytes with NULs", {"blob.bin"}, {garbage(4096, 7, true)}, "blob.bin", "blob.bin", 1,
        "binary data (byte 0x00 at column 1); expected a text file");
    row("random bytes as u.data", {"u.data"}, {garbage(4096, 8, true)}, "u.data", "u.data", 1,
        "binary data");
    row("random bytes as ratings.csv", {"ratings.csv"}, {garbage(4096, 9, true)}, "ratings.csv",
        "ratings.csv", 1, "binary data");
    row("random bytes as .inter", {"g.inter"}, {garbage(4096, 10, true)}, "g.inter", "g.inter", 1,
        "binary data");
    row("random bytes as train.txt", {"lg/train.txt", "lg/test.txt"},
        {garbage(4096, 11, true), "0 1\n"}, "lg", "train.txt", 1, "binary data");
    row("random bytes as u.item", {"u.data", "u.item"}, {kGoodUData, garbage(4096, 12, true)},
        "u.data", "u.item", 1, "binary data");
    row("control byte 0x01", {"u.data"}, {"1\t2\t3\t4\n1\t2\x01\t3\t4\n"}, "u.data", "u.data", 2,
        "binary data (byte 0x01 at column 4)");
    row("escape sequence", {"d.csv"}, {"a,b\n\x1B[31mred,b\n"}, "d.csv", "d.csv", 2, "byte 0x1B");
    row("UTF-16 text", {"r.tsv"},
        {QByteArray("\xFF\xFE"
                    "1\0\t\0"
                    "2\0\n\0",
                    10)},
        "r.tsv", "r.tsv", 1, "binary data (byte 0x00");
    row("gzip file named ratings.csv", {"ratings.csv"},
        {QByteArray("\x1F\x8B\x08\x00\x00\x00\x00\x00", 8)}, "ratings.csv", "ratings.csv", 1,
        "byte 0x1F");

    // Lines that are too long.
    row("long line, small limit", {"u.data"},
        {"1\t2\t3\t4\n" + QByteArray(200, '7') + "\t2\t3\t4\n"}, "u.data", "u.data", 2,
        "line is longer than 64 bytes", "auto", "auto", 64);
    row("long last line without newline", {"u.data"}, {"1\t2\t3\t4\n" + QByteArray(200, '7')},
        "u.data", "u.data", 2, "line is longer than 64 bytes", "auto", "auto", 64);
    row("long line, delimited detection", {"d.csv"}, {QByteArray(100, 'a') + ",b\n"}, "d.csv",
        "d.csv", 1, "longer than 64 bytes", "auto", "auto", 64);
    row("long line, lightgcn (64x the limit)", {"lg/train.txt", "lg/test.txt"},
        {"0 1 2\n1" + QByteArray(600, ' ') + "2\n", "0 1\n"}, "lg", "train.txt", 2,
        "longer than 512 bytes", "auto", "auto", 8);
    row("maxLineBytes 0", {"u.data"}, {kGoodUData}, "u.data", "u.data", 1, "longer than 0 bytes",
        "auto", "auto", -1);

    // Wrong or missing headers.
    row("ratings.csv wrong header", {"ratings.csv"}, {"user,item,rating,timestamp\n1,2,3,4\n"},
        "ratings.csv", "ratings.csv", 1, "expected the header 'userId,movieId,rating,timestamp'");
    row("ratings.csv without header", {"ratings.csv"}, {"1,2,3,4\n"}, "ratings.csv", "ratings.csv",
        1, "found '1,2,3,4'");
    row("movies.csv wrong header", {"ratings.csv", "movies.csv"},
        {kGoodRatingsCsv, "id,name\n1,A\n"}, "ratings.csv", "movies.csv", 1,
        "expected the header 'movieId,title,genres'");
    row("recbole header without types", {"a.inter"}, {"user_id\titem_id\trating\n1\t2\t3\n"},
        "a.inter", "a.inter", 1, "header field 'user_id' is not 'name:type'");
    row("recbole unknown type", {"a.inter"}, {"user_id:string\titem_id:token\n1\t2\n"}, "a.inter",
        "a.inter", 1, "with type token, token_seq, float or float_seq");
    row("recbole header without user_id", {"a.inter"}, {"uid:token\titem_id:token\n1\t2\n"},
        "a.inter", "a.inter", 1, "expected the fields user_id:token and item_id:token");
    row("recbole .item without item_id", {"a.inter", "a.item"},
        {kInterHeader + "1\t2\t3\n", "id:token\n2\n"}, "a.inter", "a.item", 1,
        "expected the field item_id:token");
    row("u.genre without numbers", {"u.data", "u.genre", "u.item"},
        {kGoodUData, "Drama 1\n", "10|T|d||u|0\n"}, "u.data", "u.genre", 1,
        "expected 'genre name|genre number'");
    row("u.genre with a gap", {"u.data", "u.genre", "u.item"},
        {kGoodUData, "A|0\nB|2\n", "10|T|d||u|0|1\n"}, "u.data", "u.genre", 0, "without gaps");
    row("u.item genre flag 2", {"u.data", "u.item"},
        {kGoodUData, "10|T|d||u|0|0|0|0|0|2|0|0|0|0|0|0|0|0|0|0|0|0|0\n"}, "u.data", "u.item", 1,
        "genre flags must be 0 or 1");

    // CSV quoting.
    row("movies.csv unbalanced quote", {"ratings.csv", "movies.csv"},
        {kGoodRatingsCsv,
         kMoviesCsvHeader + "1,Toy Story (1995),Comedy\n2,\"Jumanji (1995),Adventure\n"},
        "ratings.csv", "movies.csv", 3, "unbalanced quotes");
    row("movies.csv text after closing quote", {"ratings.csv", "movies.csv"},
        {kGoodRatingsCsv, kMoviesCsvHeader + "2,\"Jumanji\" (1995),Adventure\n"}, "ratings.csv",
        "movies.csv", 2, "unbalanced quotes");
    row("ratings.csv quoted field with comma", {"ratings.csv"},
        {"userId,movieId,rating,timestamp\n1,\"2,3\",4,5\n"}, "ratings.csv", "ratings.csv", 2,
        "found 5");

    // A header and nothing else.
    row("ratings.csv header only", {"ratings.csv"}, {"userId,movieId,rating,timestamp\n"},
        "ratings.csv", "ratings.csv", 0, "no interactions found");
    row("recbole header only", {"a.inter"}, {kInterHeader}, "a.inter", "a.inter", 0,
        "no interactions found");
    row("delimited header only", {"h.csv"}, {"user_id,item_id,rating\n"}, "h.csv", "h.csv", 0,
        "no interactions found");
}

void TestBadInput::broken() {
    QFETCH(QStringList, names);
    QFETCH(QByteArrayList, contents);
    QFETCH(QString, open);
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(QString, reason);
    QFETCH(QString, format);
    QFETCH(QString, encoding);
    QFETCH(int, maxLine);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (int k = 0; k < names.size(); ++k) {
        if (names[k].endsWith('/'))
            QVERIFY(QDir(dir.path()).mkpath(names[k]));
        else
            rdtest::writeFile(dir, names[k], contents.value(k));
    }
    LoadOptions options;
    options.format = format.toStdString();
    options.encoding = encoding.toStdString();
    if (maxLine > 0) options.maxLineBytes = size_t(maxLine);
    if (maxLine < 0) options.maxLineBytes = 0;
    const std::string path = dir.filePath(open).toStdString();

    const Outcome o = attempt(path, options);
    QVERIFY2(o.kind == Outcome::Error, o.describe().constData());
    QVERIFY2(QString::fromStdString(o.file).endsWith(file), o.what.c_str());
    QVERIFY2(QString::fromStdString(o.file).startsWith(dir.path()), o.what.c_str());
    if (line == -2)
        QVERIFY2(o.line > 0, o.what.c_str());
    else
        QVERIFY2(o.line == line, o.what.c_str());
    QVERIFY2(QString::fromStdString(o.reason).contains(reason), o.what.c_str());
    const std::string prefix =
        o.file + (o.line > 0 ? ":" + std::to_string(o.line) : std::string()) + ": ";
    QCOMPARE(o.what, prefix + o.reason);

    // Skip mode never turns a broken file into another exception type either.
    options.skipBadLines = true;
    const Outcome skipped = attempt(path, options);
    QVERIFY2(skipped.kind != Outcome::OtherException, skipped.describe().constData());
    if (skipped.kind == Outcome::Loaded) {
        QVERIFY(skipped.result.dataset.numInteractions() > 0);
        QVERIFY(skipped.result.report.skippedLines > 0);
    }
}

void TestBadInput::messageFormat() {
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(dir, "u.data", "1\t2\t3\t4\n1\t2\tx\t4\n");
    try {
        loadDataset(path);
        QFAIL("no LoadError");
    } catch (const LoadError& e) {
        QCOMPARE(e.file(), path);
        QCOMPARE(e.line(), int64_t(2));
        QCOMPARE(std::string(e.what()), path + ":2: " + e.reason());
    }
    try {
        loadDataset(dir.filePath("missing").toStdString());
        QFAIL("no LoadError");
    } catch (const LoadError& e) {
        QCOMPARE(e.line(), int64_t(0));
        QCOMPARE(std::string(e.what()), dir.filePath("missing").toStdString() + ": " + e.reason());
    }
}

void TestBadInput::defaultSizeLongLine() {
    // One 2 MB line with the default limit (1 MiB): an error, quickly, in constant memory.
    QTemporaryDir dir;
    QByteArray big = "1\t2\t3\t4\n";
    big += QByteArray(2 << 20, '9') + "\t2\t3\t4\n1\t3\t3\t4\n";
    const std::string path = rdtest::writeFile(dir, "u.data", big);
    QElapsedTimer timer;
    timer.start();
    const Outcome o = attempt(path, LoadOptions{});
    QVERIFY2(o.kind == Outcome::Error, o.describe().constData());
    QCOMPARE(o.line, int64_t(2));
    QVERIFY2(QString::fromStdString(o.reason).contains("line is longer than 1048576 bytes"),
             o.what.c_str());
    // The same line without a newline at the end of the file.
    const std::string tail =
        rdtest::writeFile(dir, "d/u.data", "1\t2\t3\t4\n" + QByteArray(2 << 20, '9'));
    const Outcome t = attempt(tail, LoadOptions{});
    QVERIFY2(t.kind == Outcome::Error, t.describe().constData());
    QCOMPARE(t.line, int64_t(2));
    // With skip mode a too-long line is still an error: the reader cannot resynchronise safely.
    LoadOptions skip;
    skip.skipBadLines = true;
    QVERIFY(attempt(path, skip).kind == Outcome::Error);
    QVERIFY2(timer.elapsed() < 20000, "long lines must not be slow");
}

void TestBadInput::hugeMaxLineBytes() {
    // "No limit" written as the largest size_t must not wrap around in the reader's arithmetic.
    QTemporaryDir dir;
    QByteArray big = QByteArray((9 << 20), '8') + "\t2\t3\t4\n1\t3\t3\t4\n";
    const std::string path = rdtest::writeFile(dir, "u.data", big);
    LoadOptions o;
    o.maxLineBytes = SIZE_MAX;
    const Outcome r = attempt(path, o);
    QVERIFY2(r.kind == Outcome::Error,
             r.describe().constData());  // the id overflows, but is read whole
    QCOMPARE(r.line, int64_t(1));
    QVERIFY2(QString::fromStdString(r.reason).contains("overflows"), r.what.c_str());
    // LightGCN multiplies the limit by 64: a large limit must not wrap to 0.
    rdtest::writeFile(dir, "lg/train.txt", "0 1 2\n");
    rdtest::writeFile(dir, "lg/test.txt", "0 3\n");
    for (size_t limit : {SIZE_MAX, size_t(1) << 58, SIZE_MAX / 2}) {
        o.maxLineBytes = limit;
        const Outcome lg = attempt(dir.filePath("lg").toStdString(), o);
        QVERIFY2(lg.kind == Outcome::Loaded, lg.describe().constData());
        QCOMPARE(lg.result.dataset.numInteractions(), int64_t(3));
    }
}

void TestBadInput::headerAfterBlankLines() {
    // The header is the first line with content, also for the delimited reader after detection.
    QTemporaryDir dir;
    const Outcome d =
        attempt(rdtest::writeFile(dir, "x.csv", "\n\nuser,item\nu1,i1\nu2,i1\n"), LoadOptions{});
    QVERIFY2(d.kind == Outcome::Loaded, d.describe().constData());
    QCOMPARE(d.result.dataset.numInteractions(), int64_t(2));
    QCOMPARE(d.result.dataset.userIds, (std::vector<std::string>{"u1", "u2"}));
    const Outcome r = attempt(
        rdtest::writeFile(dir, "ratings.csv", "\nuserId,movieId,rating,timestamp\n1,2,3,4\n"),
        LoadOptions{});
    QVERIFY2(r.kind == Outcome::Loaded, r.describe().constData());
    QCOMPARE(r.result.dataset.numInteractions(), int64_t(1));
}

void TestBadInput::delimitedMappingErrors() {
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(dir, "x.txt", "1,2\n3,4\n");
    LoadOptions o;
    o.format = "delimited";
    o.delimited.detect = false;
    o.delimited.separator = "";
    Outcome r = attempt(path, o);
    QVERIFY2(
        r.kind == Outcome::Error && QString::fromStdString(r.reason).contains("separator is empty"),
        r.describe().constData());
    o.delimited.separator = ",";
    o.delimited.itemColumn = 0;
    r = attempt(path, o);
    QVERIFY2(r.kind == Outcome::Error &&
                 QString::fromStdString(r.reason).contains("two different columns"),
             r.describe().constData());
    o.delimited.itemColumn = 5;
    r = attempt(path, o);
    QVERIFY2(r.kind == Outcome::Error && r.line == 1 &&
                 QString::fromStdString(r.reason).contains(
                     "expected at least 6 fields separated by ','"),
             r.describe().constData());
    o.delimited.itemColumn = 1;
    o.delimited.separator = "\t";
    r = attempt(path, o);
    QVERIFY2(r.kind == Outcome::Error && r.line == 1 &&
                 QString::fromStdString(r.reason).contains("seems to use ','"),
             r.describe().constData());
}

void TestBadInput::truncatedQuoteStaysUtf8() {
    // A long field quoted in a message is shortened on a character boundary: the message stays
    // UTF-8.
    QTemporaryDir dir;
    QByteArray rating = "x";
    for (int k = 0; k < 40; ++k) rating += "\xC3\xA9";  // 'é' straddles the 40-byte cut
    const std::string path = rdtest::writeFile(dir, "u.data", "1\t2\t" + rating + "\t4\n");
    const Outcome r = attempt(path, LoadOptions{});
    QVERIFY2(r.kind == Outcome::Error, r.describe().constData());
    QVERIFY2(isValidUtf8(r.what), r.what.c_str());
    QVERIFY(QString::fromStdString(r.reason).contains(QStringLiteral(u"…")));
}

QTEST_APPLESS_MAIN(TestBadInput)
#include "test_bad_input.moc"
