// Format detection (by name and by content, the list of formats) and the content hash: the same
// interactions in any order give the same hash, any changed value another one.

#include <QtTest>

#include <algorithm>
#include <set>
#include <string>

#include "data/data_loader.h"
#include "data/load_error.h"
#include "test_util.h"

using namespace rd;

class TestFormatDetection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void supportedFormatsListed();
    void detectByName_data();
    void detectByName();
    void detectByContent_data();
    void detectByContent();
    void hash_data();
    void hash();
};

void TestFormatDetection::supportedFormatsListed() {
    std::set<std::string> names;
    for (const auto& f : supportedFormats()) {
        QVERIFY(!f.displayName.empty());
        QVERIFY(!f.files.empty());
        names.insert(f.name);
    }
    for (const char* n :
         {"ml-100k", "ml-1m", "ml-latest", "recbole", "lightgcn", "delimited", "demo"})
        QVERIFY2(names.count(n), n);
}

void TestFormatDetection::detectByName_data() {
    QTest::addColumn<QString>("file");  // written (empty content is fine: detection is by name)
    QTest::addColumn<QString>("open");  // path opened, relative to the temporary folder
    QTest::addColumn<QString>("format");
    QTest::newRow("u.data") << "u.data"
                            << "u.data"
                            << "ml-100k";
    QTest::newRow("u.item") << "u.item"
                            << "u.item"
                            << "ml-100k";
    QTest::newRow("ml-100k folder") << "ml-100k/u.data"
                                    << "ml-100k"
                                    << "ml-100k";
    QTest::newRow("ratings.dat") << "ratings.dat"
                                 << "ratings.dat"
                                 << "ml-1m";
    QTest::newRow("movies.dat") << "movies.dat"
                                << "movies.dat"
                                << "ml-1m";
    QTest::newRow("ml-1m folder") << "ml-1m/ratings.dat"
                                  << "ml-1m/"
                                  << "ml-1m";
    QTest::newRow("ratings.csv") << "ratings.csv"
                                 << "ratings.csv"
                                 << "ml-latest";
    QTest::newRow("ml-latest folder") << "latest/ratings.csv"
                                      << "latest"
                                      << "ml-latest";
    QTest::newRow("NAME.inter") << "ml.inter"
                                << "ml.inter"
                                << "recbole";
    QTest::newRow("NAME.item") << "ml.item"
                               << "ml.item"
                               << "recbole";
    QTest::newRow("recbole folder") << "rb/x.inter"
                                    << "rb"
                                    << "recbole";
    QTest::newRow("train.txt") << "train.txt"
                               << "train.txt"
                               << "lightgcn";
    QTest::newRow("test.txt") << "test.txt"
                              << "test.txt"
                              << "lightgcn";
    QTest::newRow("lightgcn folder") << "gowalla/train.txt"
                                     << "gowalla"
                                     << "lightgcn";
}

void TestFormatDetection::detectByName() {
    QFETCH(QString, file);
    QFETCH(QString, open);
    QFETCH(QString, format);
    QTemporaryDir dir;
    rdtest::writeFile(dir, file, "1\t2\n");
    QCOMPARE(QString::fromStdString(detectFormat(dir.filePath(open).toStdString())), format);
    QCOMPARE(QString::fromStdString(detectFormat("demo")), QStringLiteral("demo"));
}

void TestFormatDetection::detectByContent_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("format");
    QTest::newRow("recbole header")
        << QByteArray("user_id:token\titem_id:token\n1\t2\n") << "recbole";
    QTest::newRow("recbole float header") << QByteArray("\n\nuid:float\tiid:float\n") << "recbole";
    QTest::newRow("ml-latest header")
        << QByteArray("userId,movieId,rating,timestamp\n1,2,3,4\n") << "ml-latest";
    QTest::newRow("ml-latest header CRLF+BOM")
        << QByteArray("\xEF\xBB\xBFuserId,movieId,rating,timestamp\r\n1,2,3,4\r\n") << "ml-latest";
    QTest::newRow("tsv") << QByteArray("1\t2\t5\n") << "delimited";
    QTest::newRow("csv header") << QByteArray("user,item\nu,i\n") << "delimited";
}

void TestFormatDetection::detectByContent() {
    QFETCH(QByteArray, content);
    QFETCH(QString, format);
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(dir, "interactions.txt", content);
    QCOMPARE(QString::fromStdString(detectFormat(path)), format);
}

void TestFormatDetection::hash_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("header");  // kept first
    QTest::addColumn<QByteArrayList>("lines");
    QTest::addColumn<int>("changeLine");  // index into lines of the line to change
    QTest::addColumn<QByteArray>("changed");
    QTest::addColumn<QString>("companion");  // an extra file needed by the format ("" = none)
    QTest::addColumn<QByteArray>("companionContent");

    const QByteArrayList ml100k = {"1\t10\t5\t100", "2\t10\t3\t101", "1\t20\t4\t102",
                                   "3\t9\t1\t103",  "2\t30\t2\t104", "3\t10\t5\t105",
                                   "10\t9\t4\t106"};
    QTest::newRow("ml-100k") << "u.data" << QByteArray() << ml100k << 2
                             << QByteArray("1\t20\t3\t102") << "" << QByteArray();
    QTest::newRow("ml-100k timestamp") << "u.data" << QByteArray() << ml100k << 2
                                       << QByteArray("1\t20\t4\t103") << "" << QByteArray();
    QTest::newRow("ml-1m") << "ratings.dat" << QByteArray()
                           << QByteArrayList{"1::10::5::100", "2::10::3::101", "1::20::4::102",
                                             "3::9::1::103", "10::9::4::106"}
                           << 4 << QByteArray("10::9::4.5::106") << "" << QByteArray();
    QTest::newRow("ml-latest") << "ratings.csv" << QByteArray("userId,movieId,rating,timestamp")
                               << QByteArrayList{"1,10,5.0,100", "2,10,3.5,101", "1,20,4.0,102",
                                                 "3,9,1.0,103", "10,9,4.0,106"}
                               << 1 << QByteArray("2,10,3.0,101") << "" << QByteArray();
    QTest::newRow("recbole") << "x.inter"
                             << QByteArray("user_id:token\titem_id:token\trating:float")
                             << QByteArrayList{"a\tb\t1", "c\tb\t2", "a\td\t3", "e\tf\t4",
                                               "c\td\t5"}
                             << 0 << QByteArray("a\tb\t1.5") << "" << QByteArray();
    QTest::newRow("lightgcn") << "train.txt" << QByteArray()
                              << QByteArrayList{"0 1 2 3", "1 2 5", "2 0", "3 7 1"} << 2
                              << QByteArray("2 4") << "test.txt" << QByteArray("0 9\n1 9\n");
    QTest::newRow("delimited") << "pairs.csv" << QByteArray("user,item,rating")
                               << QByteArrayList{"x,p,1", "y,q,2", "x,q,3", "z,p,4", "y,r,5"} << 4
                               << QByteArray("y,r,4") << "" << QByteArray();
}

void TestFormatDetection::hash() {
    QFETCH(QString, file);
    QFETCH(QByteArray, header);
    QFETCH(QByteArrayList, lines);
    QFETCH(int, changeLine);
    QFETCH(QByteArray, changed);
    QFETCH(QString, companion);
    QFETCH(QByteArray, companionContent);

    const auto load = [&](const QByteArrayList& body) {
        QTemporaryDir dir;
        QByteArray text = header.isEmpty() ? QByteArray() : header + "\n";
        text += body.join('\n') + "\n";
        rdtest::writeFile(dir, file, text);
        if (!companion.isEmpty()) rdtest::writeFile(dir, companion, companionContent);
        return loadDataset(dir.filePath(file).toStdString()).dataset.hash;
    };
    const std::string original = load(lines);
    QByteArrayList reversed(lines.rbegin(), lines.rend());
    QByteArrayList rotated = lines;
    std::rotate(rotated.begin(), rotated.begin() + 2, rotated.end());
    QByteArrayList interleaved;
    for (int k = 0; k < lines.size(); k += 2) interleaved << lines[k];
    for (int k = 1; k < lines.size(); k += 2) interleaved << lines[k];
    QCOMPARE(load(reversed), original);
    QCOMPARE(load(rotated), original);
    QCOMPARE(load(interleaved), original);
    QByteArrayList modified = lines;
    modified[changeLine] = changed;
    QVERIFY(load(modified) != original);
}

QTEST_APPLESS_MAIN(TestFormatDetection)
#include "test_format_detection.moc"
