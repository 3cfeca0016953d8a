// The six file formats on small files written by the tests, the dense-id and CSR invariants, and
// the real data sets in ../shared/data (skipped when absent). Format detection and the content hash
// are in test_format_detection.cpp.

#include <sys/stat.h>

#include <QtTest>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "data/data_loader.h"
#include "data/load_error.h"
#include "test_util.h"

using namespace rd;

namespace {

/** The same genre flags for every u.item line: 19 zeros with ones at the given indices. */
QByteArray genreFlags(std::initializer_list<int> on) {
    QByteArray out;
    for (int g = 0; g < 19; ++g)
        out += (std::find(on.begin(), on.end(), g) != on.end()) ? "|1" : "|0";
    return out;
}

int32_t userIndex(const Dataset& d, const std::string& id) {
    const auto it = std::find(d.userIds.begin(), d.userIds.end(), id);
    return it == d.userIds.end() ? -1 : static_cast<int32_t>(it - d.userIds.begin());
}

int32_t itemIndex(const Dataset& d, const std::string& id) {
    const auto it = std::find(d.itemIds.begin(), d.itemIds.end(), id);
    return it == d.itemIds.end() ? -1 : static_cast<int32_t>(it - d.itemIds.begin());
}

/** Position of (user, item) in the interaction arrays, or -1. */
int64_t interaction(const Dataset& d, const std::string& user, const std::string& item) {
    const int32_t u = userIndex(d, user), i = itemIndex(d, item);
    if (u < 0 || i < 0) return -1;
    for (int64_t k = d.userBegin(u); k < d.userEnd(u); ++k)
        if (d.items[k] == i) return k;
    return -1;
}

std::vector<std::string> categoriesOf(const Dataset& d, const std::string& item) {
    std::vector<std::string> out;
    const int32_t i = itemIndex(d, item);
    if (i < 0 || !d.hasCategories()) return out;
    for (int32_t k = d.itemCategoryOffsets[i]; k < d.itemCategoryOffsets[i + 1]; ++k)
        out.push_back(d.categoryNames[d.itemCategories[k]]);
    std::sort(out.begin(), out.end());
    return out;
}

std::string titleOf(const Dataset& d, const std::string& item) {
    const int32_t i = itemIndex(d, item);
    return i < 0 || d.itemTitles.empty() ? std::string("(none)") : d.itemTitles[i];
}

bool numericLess(const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size()
                                : a < b;  // non-negative integers, no leading 0
}

/** Every structural invariant of a loaded Dataset. */
void checkInvariants(const Dataset& d, bool numericIds) {
    QCOMPARE(d.userOffsets.size(), size_t(d.numUsers()) + 1);
    QCOMPARE(d.userOffsets.front(), int64_t(0));
    QCOMPARE(d.userOffsets.back(), d.numInteractions());
    for (int32_t u = 0; u < d.numUsers(); ++u) {
        QVERIFY2(d.userDegree(u) > 0, "every user has an interaction");
        QVERIFY(std::is_sorted(d.items.begin() + d.userBegin(u), d.items.begin() + d.userEnd(u)));
    }
    for (int32_t i : d.items) QVERIFY(i >= 0 && i < d.numItems());
    if (d.hasRatings()) QCOMPARE(int64_t(d.ratings.size()), d.numInteractions());
    if (d.hasTimestamps()) QCOMPARE(int64_t(d.timestamps.size()), d.numInteractions());
    if (d.isPresplit()) QCOMPARE(int64_t(d.givenSplit.size()), d.numInteractions());
    if (!d.itemTitles.empty()) QCOMPARE(int32_t(d.itemTitles.size()), d.numItems());
    if (d.hasCategories()) {
        QCOMPARE(int32_t(d.itemCategoryOffsets.size()), d.numItems() + 1);
        QCOMPARE(size_t(d.itemCategoryOffsets.back()), d.itemCategories.size());
        for (int32_t c : d.itemCategories) QVERIFY(c >= 0 && c < d.numCategories());
    }
    // Dense ids follow the original ids (numerically for integer ids), whatever the file order.
    bool (*less)(const std::string&, const std::string&) =
        numericIds ? numericLess
                   : +[](const std::string& a, const std::string& b) { return a < b; };
    QVERIFY(std::is_sorted(d.userIds.begin(), d.userIds.end(), less));
    QVERIFY(std::is_sorted(d.itemIds.begin(), d.itemIds.end(), less));
    QVERIFY(std::adjacent_find(d.userIds.begin(), d.userIds.end()) == d.userIds.end());
    QVERIFY(std::adjacent_find(d.itemIds.begin(), d.itemIds.end()) == d.itemIds.end());
    QCOMPARE(d.hash.size(), size_t(16));
    QVERIFY(d.hash.find_first_not_of("0123456789abcdef") == std::string::npos);
}

std::vector<int64_t> splitCounts(const Dataset& d) {
    std::vector<int64_t> n(3, 0);
    for (uint8_t p : d.givenSplit) ++n.at(p);
    return n;
}

QByteArray ml100kData() {
    // Users 196, 10, 9 and items 242, 302, 377, 51, 9: file order differs from numeric order.
    return "196\t242\t3\t881250949\n"
           "10\t302\t4\t891717742\n"
           "9\t377\t1\t878887116\n"
           "196\t51\t2\t880606923\n"
           "10\t9\t5\t881250950\n"
           "196\t9\t4\t881251000\n";
}

QByteArray ml100kItems() {
    return "9|Dead Man Walking (1995)|01-Jan-1995||http://x" + genreFlags({8}) + "\n" +
           "51|Legends|of the Fall (1994)|01-Jan-1994||http://x" + genreFlags({14, 17, 18}) + "\n" +
           "242|Kolya (1996)|24-Jan-1997||http://x" + genreFlags({5}) + "\n" +
           "302|Mis\xE9rables, Les (1995)|01-Jan-1995||http://x" + genreFlags({8, 16}) + "\n" +
           "377|Heavyweights (1994)|01-Jan-1994||http://x" + genreFlags({4, 5}) + "\n" +
           "1000|Never rated (1990)|01-Jan-1990||http://x" + genreFlags({0}) + "\n";
}

}  // namespace

class TestLoaders : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ml100kFolder();
    void ml100kDataAlone();
    void ml100kOpenedByItemFile();
    void ml100kGenreFile();
    void ml1m();
    void mlLatest();
    void recbole();
    void lightgcn();
    void lightgcnWithoutValid();
    void lightgcnIdsAreNumbers();
    void nonRegularFilesRefused();
    void delimitedDetected();
    void delimitedForced();
    void delimitedStringIds();
    void numericIdsCanonical();
    void alignedSpaceColumns();
    void forcedFormatMatchesDetected();
    void realMl100k();
    void realLastfm();
};

void TestLoaders::ml100kFolder() {
    QTemporaryDir dir;
    rdtest::writeFile(dir, "ml-100k/u.data", ml100kData());
    rdtest::writeFile(dir, "ml-100k/u.item", ml100kItems());
    const std::string folder = dir.filePath("ml-100k").toStdString();
    const LoadResult r = loadDataset(folder);
    const Dataset& d = r.dataset;
    checkInvariants(d, true);
    QCOMPARE(d.format, std::string("ml-100k"));
    QCOMPARE(d.name, std::string("ml-100k"));
    QCOMPARE(d.sourcePath, folder);
    QCOMPARE(d.userIds, (std::vector<std::string>{"9", "10", "196"}));
    QCOMPARE(d.itemIds, (std::vector<std::string>{"9", "51", "242", "302", "377"}));
    QCOMPARE(d.numInteractions(), int64_t(6));
    QCOMPARE(d.userOffsets, (std::vector<int64_t>{0, 1, 3, 6}));
    QCOMPARE(d.items, (std::vector<int32_t>{4, 0, 3, 0, 1, 2}));
    QVERIFY(d.hasRatings());
    QVERIFY(d.hasTimestamps());
    QVERIFY(!d.isPresplit());
    QCOMPARE(d.ratings, (std::vector<float>{1, 5, 4, 4, 2, 3}));
    QCOMPARE(d.timestamps[interaction(d, "10", "302")], int64_t(891717742));
    QCOMPARE(d.timestamps[interaction(d, "196", "9")], int64_t(881251000));
    // Titles: Latin-1 decoded to UTF-8; a title holding '|' is kept whole.
    QCOMPARE(titleOf(d, "302"), std::string("Mis\xC3\xA9rables, Les (1995)"));
    QCOMPARE(QString::fromStdString(titleOf(d, "302")), QStringLiteral(u"Misérables, Les (1995)"));
    QCOMPARE(titleOf(d, "51"), std::string("Legends|of the Fall (1994)"));
    QCOMPARE(titleOf(d, "242"), std::string("Kolya (1996)"));
    // Genre flags -> the 19 MovieLens genres.
    QVERIFY(d.hasCategories());
    QCOMPARE(d.numCategories(), 19);
    QCOMPARE(d.categoryNames.front(), std::string("unknown"));
    QCOMPARE(categoriesOf(d, "242"), (std::vector<std::string>{"Comedy"}));
    QCOMPARE(categoriesOf(d, "51"), (std::vector<std::string>{"Romance", "War", "Western"}));
    QCOMPARE(categoriesOf(d, "377"), (std::vector<std::string>{"Children's", "Comedy"}));
    QCOMPARE(r.report.skippedLines, int64_t(0));
    QVERIFY(r.report.firstReasons.empty());
}

void TestLoaders::ml100kDataAlone() {
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(dir, "u.data", ml100kData());
    const Dataset d = loadDataset(path).dataset;
    checkInvariants(d, true);
    QCOMPARE(d.format, std::string("ml-100k"));
    QCOMPARE(d.numUsers(), 3);
    QCOMPARE(d.numItems(), 5);
    QCOMPARE(d.numInteractions(), int64_t(6));
    QVERIFY(d.itemTitles.empty());
    QVERIFY(!d.hasCategories());
    QCOMPARE(d.ratings[interaction(d, "9", "377")], 1.0f);
    // The folder loads the same interactions.
    QCOMPARE(loadDataset(dir.path().toStdString()).dataset.hash, d.hash);
}

void TestLoaders::ml100kOpenedByItemFile() {
    QTemporaryDir dir;
    rdtest::writeFile(dir, "u.data", ml100kData());
    const std::string item = rdtest::writeFile(dir, "u.item", ml100kItems());
    const Dataset d = loadDataset(item).dataset;
    QCOMPARE(d.numInteractions(), int64_t(6));
    QCOMPARE(titleOf(d, "242"), std::string("Kolya (1996)"));
}

void TestLoaders::ml100kGenreFile() {
    QTemporaryDir dir;
    rdtest::writeFile(dir, "u.data", "1\t1\t5\t100\n1\t2\t3\t200\n");
    rdtest::writeFile(dir, "u.genre", "Drama|1\nComedy|0\n\nNoir \xE9|2\n\n");
    rdtest::writeFile(dir, "u.item", "1|A|d||u|1|0|0\n2|B|d||u|0|1|1\n");
    const Dataset d = loadDataset(dir.path().toStdString()).dataset;
    QCOMPARE(d.categoryNames, (std::vector<std::string>{"Comedy", "Drama", "Noir \xC3\xA9"}));
    QCOMPARE(categoriesOf(d, "1"), (std::vector<std::string>{"Comedy"}));
    QCOMPARE(categoriesOf(d, "2"), (std::vector<std::string>{"Drama", "Noir \xC3\xA9"}));
}

void TestLoaders::ml1m() {
    QTemporaryDir dir;
    rdtest::writeFile(dir, "ml-1m/ratings.dat",
                      "1::1193::5::978300760\n"
                      "1::661::3::978302109\n"
                      "10::914::3::978301968\n"
                      "2::1193::4::978298413\n"
                      "9::3408::4::978300275\n");
    rdtest::writeFile(dir, "ml-1m/movies.dat",
                      "661::James and the Giant Peach (1996)::Animation|Children's|Musical\n"
                      "914::My Fair Lady (1964)::Musical|Romance\n"
                      "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n"
                      "3408::Erin Brockovich (2000)::Drama\n"
                      "3409::Caf\xE9 (2000)::Drama\n");
    const Dataset d = loadDataset(dir.filePath("ml-1m").toStdString()).dataset;
    checkInvariants(d, true);
    QCOMPARE(d.format, std::string("ml-1m"));
    QCOMPARE(d.name, std::string("ml-1m"));
    QCOMPARE(d.userIds, (std::vector<std::string>{"1", "2", "9", "10"}));
    QCOMPARE(d.itemIds, (std::vector<std::string>{"661", "914", "1193", "3408"}));
    QCOMPARE(d.numInteractions(), int64_t(5));
    QCOMPARE(d.ratings[interaction(d, "1", "661")], 3.0f);
    QCOMPARE(d.timestamps[interaction(d, "10", "914")], int64_t(978301968));
    QCOMPARE(titleOf(d, "661"), std::string("James and the Giant Peach (1996)"));
    // Genres 'A|B' become categories named alphabetically.
    QCOMPARE(d.categoryNames,
             (std::vector<std::string>{"Animation", "Children's", "Drama", "Musical", "Romance"}));
    QCOMPARE(categoriesOf(d, "661"),
             (std::vector<std::string>{"Animation", "Children's", "Musical"}));
    QCOMPARE(categoriesOf(d, "914"), (std::vector<std::string>{"Musical", "Romance"}));
    QCOMPARE(categoriesOf(d, "1193"), (std::vector<std::string>{"Drama"}));
    // The file alone loads the same interactions.
    QCOMPARE(loadDataset(dir.filePath("ml-1m/ratings.dat").toStdString()).dataset.hash, d.hash);
}

void TestLoaders::mlLatest() {
    QTemporaryDir dir;
    rdtest::writeFile(dir, "ml-latest-small/ratings.csv",
                      "userId,movieId,rating,timestamp\n"
                      "1,1,4.0,964982703\n"
                      "1,3,4.5,964981247\n"
                      "2,10,0.5,1445714835\n"
                      "2,2571,5.0,1445714885\n"
                      "10,1,3.5,1455301685\n");
    rdtest::writeFile(dir, "ml-latest-small/movies.csv",
                      "movieId,title,genres\n"
                      "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n"
                      "3,\"Grumpier Old Men, The (1995)\",Comedy|Romance\n"
                      "10,\"The \"\"Best\"\" Movie, Part 2 (2001)\",(no genres listed)\n"
                      "2571,Am\xC3\xA9lie (2001),Comedy|Romance\n");
    const Dataset d = loadDataset(dir.filePath("ml-latest-small").toStdString()).dataset;
    checkInvariants(d, true);
    QCOMPARE(d.format, std::string("ml-latest"));
    QCOMPARE(d.userIds, (std::vector<std::string>{"1", "2", "10"}));
    QCOMPARE(d.itemIds, (std::vector<std::string>{"1", "3", "10", "2571"}));
    QCOMPARE(d.numInteractions(), int64_t(5));
    QCOMPARE(d.ratings[interaction(d, "2", "10")], 0.5f);
    QCOMPARE(d.ratings[interaction(d, "1", "3")], 4.5f);
    QCOMPARE(d.timestamps[interaction(d, "2", "2571")], int64_t(1445714885));
    QCOMPARE(titleOf(d, "3"), std::string("Grumpier Old Men, The (1995)"));
    QCOMPARE(titleOf(d, "10"), std::string("The \"Best\" Movie, Part 2 (2001)"));
    QCOMPARE(titleOf(d, "2571"), std::string("Am\xC3\xA9lie (2001)"));
    QCOMPARE(d.categoryNames, (std::vector<std::string>{"Adventure", "Animation", "Children",
                                                        "Comedy", "Fantasy", "Romance"}));
    QCOMPARE(categoriesOf(d, "3"), (std::vector<std::string>{"Comedy", "Romance"}));
    QVERIFY(categoriesOf(d, "10").empty());
    QCOMPARE(categoriesOf(d, "1").size(), size_t(5));
}

void TestLoaders::recbole() {
    QTemporaryDir dir;
    rdtest::writeFile(dir, "ml/ml.inter",
                      "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
                      "196\t242\t3\t881250949\n"
                      "186\t302\t3.5\t891717742.0\n"
                      "22\t377\t1\t878887116\n"
                      "196\t51\t2\t880606923\n");
    rdtest::writeFile(dir, "ml/ml.item",
                      "item_id:token\tmovie_title:token_seq\tclass:token_seq\n"
                      "242\tKolya\tComedy\n"
                      "302\tL.A. Confidential\tCrime Film-Noir Mystery Thriller\n"
                      "377\tHeavyweights\tChildren's Comedy\n"
                      "51\tLegends of the Fall\tDrama Romance War Western\n"
                      "999\tUnrated\tHorror\n");
    const Dataset d = loadDataset(dir.filePath("ml").toStdString()).dataset;
    checkInvariants(d, true);
    QCOMPARE(d.format, std::string("recbole"));
    QCOMPARE(d.name, std::string("ml"));
    QCOMPARE(d.userIds, (std::vector<std::string>{"22", "186", "196"}));
    QCOMPARE(d.itemIds, (std::vector<std::string>{"51", "242", "302", "377"}));
    QCOMPARE(d.numInteractions(), int64_t(4));
    QCOMPARE(d.ratings[interaction(d, "186", "302")], 3.5f);
    QCOMPARE(d.timestamps[interaction(d, "186", "302")], int64_t(891717742));
    QCOMPARE(d.timestamps[interaction(d, "196", "51")], int64_t(880606923));
    QCOMPARE(titleOf(d, "302"), std::string("L.A. Confidential"));
    QCOMPARE(titleOf(d, "51"), std::string("Legends of the Fall"));
    QVERIFY(d.hasCategories());
    QCOMPARE(categoriesOf(d, "302"),
             (std::vector<std::string>{"Crime", "Film-Noir", "Mystery", "Thriller"}));
    QCOMPARE(categoriesOf(d, "377"), (std::vector<std::string>{"Children's", "Comedy"}));
    const std::set<std::string> names(d.categoryNames.begin(), d.categoryNames.end());
    QCOMPARE(names.size(), d.categoryNames.size());
    QVERIFY(names.count("Western"));
    // Opening the .inter file itself gives the same data set.
    const Dataset f = loadDataset(dir.filePath("ml/ml.inter").toStdString()).dataset;
    QCOMPARE(f.hash, d.hash);
    QCOMPARE(titleOf(f, "242"), std::string("Kolya"));
}

void TestLoaders::lightgcn() {
    QTemporaryDir dir;
    // Item 10 appears only in test.txt; lines for one user may repeat across the parts.
    rdtest::writeFile(dir, "lg/train.txt", "0 0 1 2\n1 1 3\n2 4\n");
    rdtest::writeFile(dir, "lg/valid.txt", "0 3\n2 0\n");
    rdtest::writeFile(dir, "lg/test.txt", "1 4\n0 10\n2 9\n");
    const Dataset d = loadDataset(dir.filePath("lg").toStdString()).dataset;
    checkInvariants(d, true);
    QCOMPARE(d.format, std::string("lightgcn"));
    QCOMPARE(d.name, std::string("lg"));
    QVERIFY(d.isPresplit());
    QVERIFY(!d.hasRatings());
    QVERIFY(!d.hasTimestamps());
    QCOMPARE(d.userIds, (std::vector<std::string>{"0", "1", "2"}));
    QCOMPARE(d.itemIds, (std::vector<std::string>{"0", "1", "2", "3", "4", "9", "10"}));
    QCOMPARE(d.numInteractions(), int64_t(11));
    QCOMPARE(splitCounts(d), (std::vector<int64_t>{6, 2, 3}));
    // The split is kept as given, following each interaction through the CSR sort.
    const auto part = [&](const char* u, const char* i) {
        return SplitPart(d.givenSplit[interaction(d, u, i)]);
    };
    QCOMPARE(part("0", "0"), SplitPart::Train);
    QCOMPARE(part("0", "3"), SplitPart::Valid);
    QCOMPARE(part("0", "10"), SplitPart::Test);
    QCOMPARE(part("1", "4"), SplitPart::Test);
    QCOMPARE(part("2", "0"), SplitPart::Valid);
    QCOMPARE(part("2", "4"), SplitPart::Train);
    QCOMPARE(part("2", "9"), SplitPart::Test);
    // Opening train.txt itself loads the folder.
    QCOMPARE(loadDataset(dir.filePath("lg/train.txt").toStdString()).dataset.hash, d.hash);
}

void TestLoaders::lightgcnWithoutValid() {
    QTemporaryDir dir;
    // Extra spaces, a blank line, and a user listed without items (user 9: no interaction, no
    // user).
    rdtest::writeFile(dir, "train.txt", "0 5 6\n1 6  7 \n\n9\n");
    rdtest::writeFile(dir, "test.txt", "0 7\n1 5\n9 \n");
    const Dataset d = loadDataset(dir.path().toStdString()).dataset;
    checkInvariants(d, true);
    QCOMPARE(d.userIds, (std::vector<std::string>{"0", "1"}));
    QCOMPARE(d.numInteractions(), int64_t(6));
    QCOMPARE(splitCounts(d), (std::vector<int64_t>{4, 0, 2}));
}

// Reliability review F12: "01", "+1" and "1" became three users. The format's ids are numbers, so
// they are one, kept as "1".
void TestLoaders::lightgcnIdsAreNumbers() {
    QTemporaryDir dir;
    rdtest::writeFile(dir, "lg/train.txt", "01 +2 03\n1 4\n");
    rdtest::writeFile(dir, "lg/test.txt", "-0 2\n0 +0003\n");
    const Dataset d = loadDataset(dir.filePath("lg").toStdString()).dataset;
    checkInvariants(d, true);
    QCOMPARE(d.userIds, (std::vector<std::string>{"0", "1"}));
    QCOMPARE(d.itemIds, (std::vector<std::string>{"2", "3", "4"}));
    QCOMPARE(d.numInteractions(), int64_t(5));
    QCOMPARE(splitCounts(d), (std::vector<int64_t>{3, 0, 2}));
}

// A FIFO blocked `stats` for ever (reliability review F12): anything but a regular file or a
// folder is refused at once, with the path.
void TestLoaders::nonRegularFilesRefused() {
    QTemporaryDir dir;
    const std::string fifo = dir.filePath("pipe.csv").toStdString();
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    const auto refusal = [](const std::string& path) {
        try {
            loadDataset(path);
        } catch (const LoadError& e) {
            return QString::fromStdString(e.what());
        }
        return QStringLiteral("(loaded)");
    };
    const QString e = refusal(fifo);
    QVERIFY2(e.contains("pipe.csv") && e.contains("not a regular file"), qPrintable(e));
    const QString dev = refusal("/dev/zero");
    QVERIFY2(dev.contains("not a regular file"), qPrintable(dev));
}

void TestLoaders::delimitedDetected() {
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(dir, "plays.csv",
                                               "user,item,rating,timestamp\n"
                                               "7,100,4.5,1000\n"
                                               "10,9,2,1001\n"
                                               "9,100,1,1002\n"
                                               "7,20,3,999\n");
    QCOMPARE(detectFormat(path), std::string("delimited"));
    const Dataset d = loadDataset(path).dataset;
    checkInvariants(d, true);
    QCOMPARE(d.format, std::string("delimited"));
    QCOMPARE(d.name, std::string("plays.csv"));
    QCOMPARE(d.userIds, (std::vector<std::string>{"7", "9", "10"}));
    QCOMPARE(d.itemIds, (std::vector<std::string>{"9", "20", "100"}));
    QCOMPARE(d.numInteractions(), int64_t(4));
    QVERIFY(d.hasRatings());
    QVERIFY(d.hasTimestamps());
    QCOMPARE(d.ratings[interaction(d, "7", "100")], 4.5f);
    QCOMPARE(d.timestamps[interaction(d, "7", "20")], int64_t(999));
    QCOMPARE(d.ratings[interaction(d, "10", "9")], 2.0f);

    // Columns found by name in any order; no header and no rating column also detected.
    const std::string named =
        rdtest::writeFile(dir, "named.tsv", "ts\tItemId\tUserId\n5\ta\tx\n6\tb\ty\n");
    const Dataset n = loadDataset(named).dataset;
    QCOMPARE(n.userIds, (std::vector<std::string>{"x", "y"}));
    QCOMPARE(n.itemIds, (std::vector<std::string>{"a", "b"}));
    const std::string bare = rdtest::writeFile(dir, "bare.txt", "1;2\n3;4\n1;4\n");
    const Dataset b = loadDataset(bare).dataset;
    QCOMPARE(b.numInteractions(), int64_t(3));
    QVERIFY(!b.hasRatings());
}

void TestLoaders::delimitedForced() {
    QTemporaryDir dir;
    // timestamp;item;user;score with a first line that detection would take for data.
    const std::string path = rdtest::writeFile(dir, "log.txt",
                                               "100;i5;u1;3\n"
                                               "101;i2;u1;4\n"
                                               "102;i5;u2;5\n");
    LoadOptions o;
    o.format = "delimited";
    o.delimited.detect = false;
    o.delimited.separator = ";";
    o.delimited.header = false;
    o.delimited.userColumn = 2;
    o.delimited.itemColumn = 1;
    o.delimited.ratingColumn = 3;
    o.delimited.timestampColumn = 0;
    const Dataset d = loadDataset(path, o).dataset;
    checkInvariants(d, false);
    QCOMPARE(d.userIds, (std::vector<std::string>{"u1", "u2"}));
    QCOMPARE(d.itemIds, (std::vector<std::string>{"i2", "i5"}));
    QCOMPARE(d.numInteractions(), int64_t(3));
    QCOMPARE(d.ratings[interaction(d, "u1", "i2")], 4.0f);
    QCOMPARE(d.timestamps[interaction(d, "u2", "i5")], int64_t(102));

    // A header line is skipped when the mapping says so; a multi-character separator works.
    const std::string h = rdtest::writeFile(dir, "h.txt", "a::b\n1::2\n2::3\n");
    o.delimited = DelimitedMapping{};
    o.delimited.detect = false;
    o.delimited.separator = "::";
    o.delimited.header = true;
    const Dataset hd = loadDataset(h, o).dataset;
    QCOMPARE(hd.numInteractions(), int64_t(2));
    QVERIFY(!hd.hasRatings());
}

void TestLoaders::delimitedStringIds() {
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(dir, "events.tsv",
                                               "u9\tbook\n"
                                               "u10\tpen\n"
                                               "alice\tbook\n"
                                               "u9\tapple\n"
                                               "u10\tbook\n");
    const Dataset d = loadDataset(path).dataset;
    checkInvariants(d, false);
    // String ids sort as strings ("u10" before "u9"); one non-integer id makes the whole side
    // strings.
    QCOMPARE(d.userIds, (std::vector<std::string>{"alice", "u10", "u9"}));
    QCOMPARE(d.itemIds, (std::vector<std::string>{"apple", "book", "pen"}));
    QCOMPARE(d.userOffsets, (std::vector<int64_t>{0, 1, 3, 5}));
    QCOMPARE(d.items, (std::vector<int32_t>{1, 1, 2, 0, 1}));
    QVERIFY(!d.hasRatings());
    QVERIFY(!d.hasTimestamps());
    // Mixed: numeric users, string items.
    const std::string mixed = rdtest::writeFile(dir, "mixed.tsv", "10\tb\n9\ta\n100\tc\n");
    const Dataset m = loadDataset(mixed).dataset;
    QCOMPARE(m.userIds, (std::vector<std::string>{"9", "10", "100"}));
}

void TestLoaders::forcedFormatMatchesDetected() {
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(dir, "u.data", ml100kData());
    LoadOptions forced;
    forced.format = "ml-100k";
    QCOMPARE(loadDataset(path, forced).dataset.hash, loadDataset(path).dataset.hash);
    // The same tab-separated lines read as generic delimited text give the same interactions.
    LoadOptions delimited;
    delimited.format = "delimited";
    const Dataset d = loadDataset(path, delimited).dataset;
    QCOMPARE(d.format, std::string("delimited"));
    QCOMPARE(d.hash, loadDataset(path).dataset.hash);
}

void TestLoaders::realMl100k() {
    RD_SKIP_WITHOUT_SHARED("ml-100k");
    const LoadResult r = loadDataset(rdtest::sharedData("ml-100k").toStdString());
    const Dataset& d = r.dataset;
    checkInvariants(d, true);
    QCOMPARE(d.format, std::string("ml-100k"));
    QCOMPARE(d.numUsers(), 943);
    QCOMPARE(d.numItems(), 1682);
    QCOMPARE(d.numInteractions(), int64_t(100000));
    QCOMPARE(d.numCategories(), 19);
    QCOMPARE(r.report.skippedLines, int64_t(0));
    QCOMPARE(d.userIds.front(), std::string("1"));
    QCOMPARE(d.userIds.back(), std::string("943"));
    QCOMPARE(d.itemIds.back(), std::string("1682"));
    QCOMPARE(QString::fromStdString(titleOf(d, "543")), QStringLiteral(u"Misérables, Les (1995)"));
    QCOMPARE(titleOf(d, "1"), std::string("Toy Story (1995)"));
    QCOMPARE(categoriesOf(d, "1"), (std::vector<std::string>{"Animation", "Children's", "Comedy"}));
    for (float v : d.ratings) QVERIFY(v >= 1 && v <= 5);
    // Loading u.data alone gives the same interactions, hence the same hash.
    const Dataset alone =
        loadDataset((rdtest::sharedData("ml-100k") + "/u.data").toStdString()).dataset;
    QCOMPARE(alone.hash, d.hash);
}

void TestLoaders::realLastfm() {
    RD_SKIP_WITHOUT_SHARED("lastfm-lightgcn");
    const Dataset d = loadDataset(rdtest::sharedData("lastfm-lightgcn").toStdString()).dataset;
    checkInvariants(d, true);
    QCOMPARE(d.format, std::string("lightgcn"));
    QCOMPARE(d.numUsers(), 1885);
    QCOMPARE(d.numItems(), 17388);
    QCOMPARE(splitCounts(d), (std::vector<int64_t>{64315, 9143, 18321}));
    QCOMPARE(d.numInteractions(), int64_t(64315 + 9143 + 18321));
    std::vector<uint8_t> inTrain(d.numItems(), 0);
    for (int64_t k = 0; k < d.numInteractions(); ++k)
        if (d.givenSplit[k] == uint8_t(SplitPart::Train)) inTrain[d.items[k]] = 1;
    QCOMPARE(std::count(inTrain.begin(), inTrain.end(), uint8_t(1)), std::ptrdiff_t(13973));
    // 0-based dense ids equal the file's ids when every id in 0..n-1 is used.
    QCOMPARE(d.userIds.front(), std::string("0"));
    QCOMPARE(d.userIds.back(), std::string("1884"));
}

void TestLoaders::numericIdsCanonical() {
    // "+5", "05" and "5" are one MovieLens id, and numeric order survives them.
    QTemporaryDir dir;
    const std::string path =
        rdtest::writeFile(dir, "u.data", "5\t10\t3\t1\n+5\t9\t4\t2\n05\t010\t5\t3\n");
    const Dataset d = loadDataset(path).dataset;
    QCOMPARE(d.userIds, (std::vector<std::string>{"5"}));
    QCOMPARE(d.itemIds, (std::vector<std::string>{"9", "10"}));
    QCOMPARE(d.numInteractions(), int64_t(3));
}

void TestLoaders::alignedSpaceColumns() {
    // Space-separated columns aligned with runs of spaces load as if single spaces separated them.
    QTemporaryDir dir;
    const std::string path =
        rdtest::writeFile(dir, "log.txt", "1    10  4\n22   7   5\n3    10  1\n");
    LoadOptions o;
    o.format = "delimited";
    o.delimited.detect = false;
    o.delimited.separator = " ";
    o.delimited.ratingColumn = 2;
    const Dataset d = loadDataset(path, o).dataset;
    QCOMPARE(d.numUsers(), 3);
    QCOMPARE(d.numItems(), 2);
    QCOMPARE(d.ratings[interaction(d, "22", "7")], 5.0f);
}

QTEST_APPLESS_MAIN(TestLoaders)
#include "test_loaders.moc"
