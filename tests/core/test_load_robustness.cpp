// Loading robustness: skip mode keeps good lines and reports the bad ones, CRLF and a BOM load like
// plain files, and random or mutated bytes never escape as anything but a LoadError.

#include <QtTest>

#include <string>
#include <vector>

#include "bad_input_support.h"
#include "test_util.h"

using namespace badinput;

class TestLoadRobustness : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void skipBadLinesReportsReasons();
    void skipBadLinesItemFiles();
    void skipBadLinesLightGcn();
    void skipBadLinesAllBad();
    void skipBadLinesStillFailsOnFileErrors();
    void crlfAndBomLoadFine_data();
    void crlfAndBomLoadFine();
    void garbageNeverEscapes_data();
    void garbageNeverEscapes();
    void mutatedFilesNeverEscape_data();
    void mutatedFilesNeverEscape();
};

void TestLoadRobustness::skipBadLinesReportsReasons() {
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(dir, "u.data",
                                               "1\t10\t4\t100\n"        // 1 good
                                               "1\t11\n"                // 2 too few fields
                                               "x\t12\t4\t100\n"        // 3 user not an integer
                                               "2\t10\t3\t101\n"        // 4 good
                                               "2\t13\tfive\t100\n"     // 5 rating
                                               "2\t14\t4\tnoon\n"       // 6 timestamp
                                               "2147483648\t1\t1\t1\n"  // 7 overflow
                                               "3,10,5,102\n"           // 8 separator
                                               "\n"                     // 9 blank: not counted
                                               "3\t\t5\t102\n"          // 10 empty item
                                               "3\t10\t5\t103\n");      // 11 good
    LoadOptions o;
    o.skipBadLines = true;
    const LoadResult r = loadDataset(path, o);
    QCOMPARE(r.dataset.numInteractions(), int64_t(3));
    QCOMPARE(r.dataset.numUsers(), 3);
    QCOMPARE(r.dataset.numItems(), 1);
    QCOMPARE(r.report.skippedLines, int64_t(7));
    QCOMPARE(r.report.linesRead, int64_t(11));
    QCOMPARE(r.report.firstReasons.size(), size_t(5));
    const int expectedLines[] = {2, 3, 5, 6, 7};
    for (size_t k = 0; k < r.report.firstReasons.size(); ++k) {
        const std::string& reason = r.report.firstReasons[k];
        const std::string prefix = path + ":" + std::to_string(expectedLines[k]) + ": ";
        QVERIFY2(reason.compare(0, prefix.size(), prefix) == 0, reason.c_str());
    }
    QVERIFY(QString::fromStdString(r.report.firstReasons[0]).contains("expected 4 fields"));
    QVERIFY(
        QString::fromStdString(r.report.firstReasons[2]).contains("rating 'five' is not a number"));
    // The same file without skip mode fails on line 2.
    const Outcome strict = attempt(path, LoadOptions{});
    QVERIFY(strict.kind == Outcome::Error);
    QCOMPARE(strict.line, int64_t(2));
    // Skip mode on a clean file reports nothing.
    const std::string clean = rdtest::writeFile(dir, "clean/u.data", "1\t2\t3\t4\n");
    const LoadResult c = loadDataset(clean, o);
    QCOMPARE(c.report.skippedLines, int64_t(0));
    QVERIFY(c.report.firstReasons.empty());
}

void TestLoadRobustness::skipBadLinesItemFiles() {
    QTemporaryDir dir;
    rdtest::writeFile(dir, "m/ratings.csv",
                      "userId,movieId,rating,timestamp\n1,1,4,5\n1,2,3,5\n1,3,2,5\n");
    rdtest::writeFile(dir, "m/movies.csv",
                      "movieId,title,genres\n"
                      "1,Toy Story (1995),Comedy\n"
                      "2,\"Jumanji (1995),Adventure\n"
                      "3,Caf\xE9,Drama\n");
    LoadOptions o;
    o.skipBadLines = true;
    const Outcome r = attempt(dir.filePath("m").toStdString(), o);
    QVERIFY2(r.kind == Outcome::Loaded, r.describe().constData());
    QCOMPARE(r.result.dataset.numInteractions(), int64_t(3));
    QCOMPARE(r.result.report.skippedLines, int64_t(2));
    QCOMPARE(r.result.report.firstReasons.size(), size_t(2));
    QVERIFY(QString::fromStdString(r.result.report.firstReasons[0])
                .contains("movies.csv:3: unbalanced quotes"));
    QVERIFY(QString::fromStdString(r.result.report.firstReasons[1])
                .contains("movies.csv:4: text is not valid UTF-8"));
    QCOMPARE(r.result.dataset.itemTitles[0], std::string("Toy Story (1995)"));
    QCOMPARE(r.result.dataset.itemTitles[1], std::string());

    // u.item read as UTF-8 on Latin-1 text: the undecodable titles are skipped and reported.
    rdtest::writeFile(dir, "k/u.data", "1\t10\t4\t5\n1\t20\t4\t5\n");
    rdtest::writeFile(dir, "k/u.item",
                      "10|Kolya (1996)|d||u" + ml100kGenreFlags() + "\n20|Mis\xE9rables|d||u" +
                          ml100kGenreFlags() + "\n");
    o.encoding = "utf-8";
    const Outcome k = attempt(dir.filePath("k").toStdString(), o);
    QVERIFY2(k.kind == Outcome::Loaded, k.describe().constData());
    QCOMPARE(k.result.report.skippedLines, int64_t(1));
    QCOMPARE(k.result.dataset.itemTitles[0], std::string("Kolya (1996)"));
}

void TestLoadRobustness::skipBadLinesLightGcn() {
    QTemporaryDir dir;
    rdtest::writeFile(dir, "train.txt", "0 1 2\n1 x 3\n2 4\n");
    rdtest::writeFile(dir, "test.txt", "0 3\n1 99999999999\n");
    LoadOptions o;
    o.skipBadLines = true;
    const LoadResult r = loadDataset(dir.path().toStdString(), o);
    QCOMPARE(r.report.skippedLines, int64_t(2));
    QCOMPARE(r.dataset.numInteractions(), int64_t(4));
    QVERIFY(
        QString::fromStdString(r.report.firstReasons.at(0)).contains("train.txt:2: item id 'x'"));
    QVERIFY(QString::fromStdString(r.report.firstReasons.at(1))
                .contains("test.txt:2: item id '99999999999' overflows"));
}

void TestLoadRobustness::skipBadLinesAllBad() {
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(dir, "ratings.dat", "a::b::c::d\n1::2\n");
    LoadOptions o;
    o.skipBadLines = true;
    const Outcome r = attempt(path, o);
    QVERIFY2(r.kind == Outcome::Error, r.describe().constData());
    QVERIFY(QString::fromStdString(r.reason).contains("no interactions found"));
}

void TestLoadRobustness::skipBadLinesStillFailsOnFileErrors() {
    QTemporaryDir dir;
    LoadOptions o;
    o.skipBadLines = true;
    const Outcome header = attempt(rdtest::writeFile(dir, "ratings.csv", "a,b,c,d\n1,2,3,4\n"), o);
    QVERIFY2(header.kind == Outcome::Error && header.line == 1, header.describe().constData());
    const Outcome binary =
        attempt(rdtest::writeFile(dir, "u.data", QByteArray("1\t2\t3\t4\n\0\0\n", 12)), o);
    QVERIFY2(binary.kind == Outcome::Error && binary.line == 2, binary.describe().constData());
}

void TestLoadRobustness::crlfAndBomLoadFine_data() {
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QByteArrayList>("contents");
    QTest::addColumn<QString>("open");
    QTest::newRow("ml-100k") << QStringList{"u.data", "u.item"}
                             << QByteArrayList{"1\t10\t4\t100\n2\t20\t3\t101\n2\t10\t5\t99\n",
                                               "10|A|d||u" + ml100kGenreFlags() +
                                                   "\n20|B\xE9|d||u" + ml100kGenreFlags() + "\n"}
                             << "";
    QTest::newRow("ml-1m") << QStringList{"ratings.dat", "movies.dat"}
                           << QByteArrayList{"1::10::4::100\n2::20::3::101\n",
                                             "10::A::Drama|Comedy\n20::B::Drama\n"}
                           << "";
    QTest::newRow("ml-latest")
        << QStringList{"ratings.csv", "movies.csv"}
        << QByteArrayList{"userId,movieId,rating,timestamp\n1,10,4.5,100\n2,20,3,101\n",
                          "movieId,title,genres\n10,\"A, the\",Drama\n20,B,Comedy\n"}
        << "";
    QTest::newRow("recbole")
        << QStringList{"x.inter", "x.item"}
        << QByteArrayList{"user_id:token\titem_id:token\trating:float\nu\ti\t1\nv\tj\t2\n",
                          "item_id:token\tmovie_title:token_seq\ni\tI\nj\tJ\n"}
        << "x.inter";
    QTest::newRow("lightgcn") << QStringList{"train.txt", "valid.txt", "test.txt"}
                              << QByteArrayList{"0 1 2\n1 2\n", "0 3\n", "1 4\n"} << "";
    QTest::newRow("delimited") << QStringList{"x.csv"}
                               << QByteArrayList{"user,item,rating\na,b,1\nc,d,2\n"} << "x.csv";
}

void TestLoadRobustness::crlfAndBomLoadFine() {
    QFETCH(QStringList, names);
    QFETCH(QByteArrayList, contents);
    QFETCH(QString, open);
    QTemporaryDir plain, windows;
    for (int k = 0; k < names.size(); ++k) {
        rdtest::writeFile(plain, names[k], contents[k]);
        QByteArray crlf = contents[k];
        crlf.replace("\n", "\r\n");
        rdtest::writeFile(windows, names[k], "\xEF\xBB\xBF" + crlf);
    }
    const Outcome a = attempt(plain.filePath(open).toStdString(), LoadOptions{});
    const Outcome b = attempt(windows.filePath(open).toStdString(), LoadOptions{});
    QVERIFY2(a.kind == Outcome::Loaded, a.describe().constData());
    QVERIFY2(b.kind == Outcome::Loaded, b.describe().constData());
    const Dataset& x = a.result.dataset;
    const Dataset& y = b.result.dataset;
    QCOMPARE(y.format, x.format);
    QCOMPARE(y.hash, x.hash);
    QCOMPARE(y.userIds, x.userIds);
    QCOMPARE(y.itemIds, x.itemIds);
    QCOMPARE(y.itemTitles, x.itemTitles);
    QCOMPARE(y.categoryNames, x.categoryNames);
    QCOMPARE(y.itemCategories, x.itemCategories);
    for (const auto& id : y.userIds)
        QVERIFY2(id.find('\xEF') == std::string::npos, "BOM leaked into an id");
    for (const auto& t : y.itemTitles)
        QVERIFY2(t.find('\r') == std::string::npos, "CR leaked into a title");
    QCOMPARE(b.result.report.skippedLines, int64_t(0));
}

void TestLoadRobustness::garbageNeverEscapes_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("format");
    for (const char* name :
         {"u.data", "u.item", "ratings.dat", "movies.dat", "ratings.csv", "movies.csv", "x.inter",
          "x.item", "train.txt", "test.txt", "blob.bin"})
        QTest::newRow(name) << name << "auto";
    for (const char* format : {"ml-100k", "ml-1m", "ml-latest", "recbole", "lightgcn", "delimited"})
        QTest::newRow(format) << "blob.bin" << format;
}

void TestLoadRobustness::garbageNeverEscapes() {
    // Random bytes (with and without NULs) in every file a loader reads, beside valid companions:
    // the load ends in a LoadError every time.
    QFETCH(QString, name);
    QFETCH(QString, format);
    for (quint32 seed = 1; seed <= 12; ++seed) {
        for (bool nul : {true, false}) {
            QTemporaryDir dir;
            if (format ==
                "auto") {  // valid companions, so that the garbage file is the one at fault
                rdtest::writeFile(dir, "u.data", kGoodUData);
                rdtest::writeFile(dir, "ratings.dat", "1::2::3::4\n");
                rdtest::writeFile(dir, "ratings.csv", kGoodRatingsCsv);
                rdtest::writeFile(dir, "x.inter", kInterHeader + "1\t2\t3\n");
                rdtest::writeFile(dir, "train.txt", "0 1\n");
                rdtest::writeFile(dir, "test.txt", "0 2\n");
            }
            QByteArray bytes = garbage(int(200 + seed * 97), seed, nul);
            if (!nul) bytes.insert(int(seed * 7), '\x02');  // control byte, no NUL
            rdtest::writeFile(dir, name, bytes);
            LoadOptions o;
            o.format = format.toStdString();
            o.skipBadLines = seed % 2 == 0;
            const Outcome r = attempt(dir.filePath(name).toStdString(), o);
            QVERIFY2(
                r.kind == Outcome::Error,
                (QByteArray("seed ") + QByteArray::number(seed) + ": " + r.describe()).constData());
        }
    }
}

void TestLoadRobustness::mutatedFilesNeverEscape_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("companion");
    QTest::addColumn<QByteArray>("companionContent");
    QTest::newRow("u.data")
        << "u.data"
        << QByteArray("196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n")
        << "u.item"
        << "242|Kolya|d||u" + ml100kGenreFlags() + "\n";
    QTest::newRow("u.item") << "u.item"
                            << "242|Kolya (1996)|d||u" + ml100kGenreFlags() + "\n302|L.A.|d||u" +
                                   ml100kGenreFlags() + "\n"
                            << "u.data" << QByteArray("1\t242\t3\t4\n1\t302\t3\t4\n");
    QTest::newRow("ratings.dat") << "ratings.dat"
                                 << QByteArray("1::1193::5::978300760\n1::661::3::978302109\n")
                                 << "movies.dat"
                                 << QByteArray("661::James (1996)::Animation|Musical\n");
    QTest::newRow("movies.csv") << "movies.csv"
                                << QByteArray(
                                       "movieId,title,genres\n1,\"A, \"\"b\"\"\",X|Y\n2,B,Z\n")
                                << "ratings.csv" << kGoodRatingsCsv;
    QTest::newRow("x.inter") << "x.inter" << kInterHeader + "1\t2\t3\n4\t5\t6\n"
                             << "x.item" << QByteArray("item_id:token\tclass:token_seq\n2\tA B\n");
    QTest::newRow("train.txt") << "train.txt" << QByteArray("0 1 2 3\n1 2 3\n2 5\n") << "test.txt"
                               << QByteArray("0 4\n");
    QTest::newRow("delimited") << "data.csv"
                               << QByteArray("user,item,rating,timestamp\na,b,1,2\nc,d,3,4\n") << ""
                               << QByteArray();
}

void TestLoadRobustness::mutatedFilesNeverEscape() {
    // Valid files with random bytes overwritten, inserted or cut: each load either succeeds (with a
    // consistent data set) or throws a LoadError, never anything else.
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, companion);
    QFETCH(QByteArray, companionContent);
    static const char alphabet[] = "0123456789\t\n\r ,:;|\"-+.eE\xC3\xA9\xFF\x01x";
    QRandomGenerator rng(qHash(name));
    int loaded = 0, failed = 0;
    for (int round = 0; round < 150; ++round) {
        QByteArray bytes = content;
        const int edits = 1 + int(rng.bounded(4));
        for (int e = 0; e < edits && !bytes.isEmpty(); ++e) {
            const int at = int(rng.bounded(bytes.size()));
            const char c = alphabet[rng.bounded(int(sizeof alphabet - 1))];
            switch (rng.bounded(4)) {
                case 0:
                    bytes[at] = c;
                    break;
                case 1:
                    bytes.insert(at, c);
                    break;
                case 2:
                    bytes.remove(at, 1);
                    break;
                default:
                    bytes.truncate(at);
                    break;
            }
        }
        QTemporaryDir dir;
        rdtest::writeFile(dir, name, bytes);
        if (!companion.isEmpty()) rdtest::writeFile(dir, companion, companionContent);
        LoadOptions o;
        o.skipBadLines = round % 2 == 1;
        o.maxLineBytes = round % 3 == 0 ? 24 : o.maxLineBytes;
        const Outcome r = attempt(dir.filePath(name).toStdString(), o);
        QVERIFY2(r.kind != Outcome::OtherException,
                 (r.describe() + " on " + bytes.toPercentEncoding()).constData());
        if (r.kind == Outcome::Loaded) {
            const Dataset& d = r.result.dataset;
            QVERIFY(d.numInteractions() > 0);
            QCOMPARE(d.userOffsets.back(), d.numInteractions());
            for (int32_t i : d.items) QVERIFY(i >= 0 && i < d.numItems());
            ++loaded;
        } else {
            QVERIFY(!r.what.empty());
            ++failed;
        }
    }
    QVERIFY(loaded > 0 || failed > 0);
}

QTEST_APPLESS_MAIN(TestLoadRobustness)
#include "test_load_robustness.moc"
