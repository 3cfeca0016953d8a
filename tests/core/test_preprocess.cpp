#include <QtTest>

#include <stdexcept>
#include <string>
#include <vector>

#include "data/dataset_builder.h"
#include "data/preprocess.h"
#include "test_util.h"

using namespace rd;

namespace {

struct Row {
    const char* user;
    const char* item;
    float rating;
    int64_t ts;
};

Dataset make(const std::vector<Row>& rows, bool ratings = true, bool timestamps = true) {
    DatasetBuilder b(ratings, timestamps);
    for (const Row& r : rows) b.add(b.user(r.user), b.item(r.item), r.rating, r.ts);
    return b.build("t", "t", "test");
}

// (original user, original item, rating) of every interaction, in CSR order.
std::vector<std::string> triples(const Dataset& d) {
    std::vector<std::string> out;
    for (int32_t u = 0; u < d.numUsers(); ++u)
        for (int64_t k = d.userBegin(u); k < d.userEnd(u); ++k)
            out.push_back(d.userIds[u] + ":" + d.itemIds[d.items[k]] +
                          (d.hasRatings() ? "=" + std::to_string(int(d.ratings[k])) : ""));
    return out;
}

std::vector<std::string> v(std::initializer_list<const char*> l) {
    return {l.begin(), l.end()};
}

using rdtest::messageOf;

}  // namespace

class TestPreprocess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsChangeNothing() {
        const Dataset d = make({{"1", "10", 5, 1}, {"2", "11", 1, 2}, {"2", "11", 2, 3}});
        PreprocessReport rep;
        rep.coreIterations = 99;  // must be overwritten
        const Dataset out = preprocess(d, {}, &rep);
        QCOMPARE(out.hash, d.hash);
        QCOMPARE(out.numInteractions(), int64_t(3));
        QCOMPARE(rep.removedByThreshold + rep.removedDuplicates + rep.removedByCore +
                     rep.removedByLimits,
                 int64_t(0));
        QCOMPARE(rep.coreIterations, 0);
    }

    void thresholdKeepsRatingsAtOrAbove() {
        const Dataset d = make({{"1", "10", 5, 1},
                                {"1", "11", 3, 2},
                                {"1", "12", 4, 3},
                                {"2", "10", 2, 4},
                                {"3", "11", 4.5f, 5}});
        PreprocessConfig c;
        c.ratingThreshold = 4.0f;
        PreprocessReport rep;
        const Dataset out = preprocess(d, c, &rep);
        QCOMPARE(rep.removedByThreshold, int64_t(2));
        QCOMPARE(triples(out), v({"1:10=5", "1:12=4", "3:11=4"}));
        // User 2 lost everything and is dropped; item 11 survives through user 3.
        QCOMPARE(out.userIds, v({"1", "3"}));
        QCOMPARE(out.itemIds, v({"10", "11", "12"}));
        QCOMPARE(out.timestamps, (std::vector<int64_t>{1, 3, 5}));
    }

    void thresholdNeedsRatings() {
        const Dataset d = make({{"1", "10", 1, 1}}, false, true);
        PreprocessConfig c;
        c.ratingThreshold = 3.0f;
        const std::string msg = messageOf([&] { preprocess(d, c); });
        QVERIFY2(msg.find("needs ratings") != std::string::npos, msg.c_str());
    }

    void thresholdRemovingEverythingThrows() {
        const Dataset d = make({{"1", "10", 1, 1}, {"2", "10", 2, 1}});
        PreprocessConfig c;
        c.ratingThreshold = 4.5f;
        const std::string msg = messageOf([&] { preprocess(d, c); });
        QVERIFY2(msg.find("no interactions") != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("rating threshold 4.5") != std::string::npos, msg.c_str());
    }

    void duplicatesKeepLatest() {
        // The rating marks which copy survived.
        const Dataset d = make({{"1", "10", 1, 5},
                                {"1", "11", 9, 1},
                                {"1", "10", 2, 9},  // latest of user 1's item 10
                                {"1", "10", 3, 7},
                                {"2", "10", 4, 3},
                                {"2", "10", 5, 3},  // same time: the later line wins
                                {"2", "12", 6, 8}});
        PreprocessConfig c;
        c.dropDuplicates = true;
        PreprocessReport rep;
        const Dataset out = preprocess(d, c, &rep);
        QCOMPARE(rep.removedDuplicates, int64_t(3));
        QCOMPARE(triples(out), v({"1:10=2", "1:11=9", "2:10=5", "2:12=6"}));
        QCOMPARE(out.timestamps, (std::vector<int64_t>{9, 1, 3, 8}));
    }

    void duplicatesWithoutTimestampsKeepLastLine() {
        const Dataset d =
            make({{"1", "10", 1, 0}, {"1", "10", 2, 0}, {"1", "10", 3, 0}, {"1", "11", 4, 0}}, true,
                 false);
        PreprocessConfig c;
        c.dropDuplicates = true;
        PreprocessReport rep;
        const Dataset out = preprocess(d, c, &rep);
        QCOMPARE(rep.removedDuplicates, int64_t(2));
        QCOMPARE(triples(out), v({"1:10=3", "1:11=4"}));
    }

    void thresholdBeforeDuplicates() {
        // The latest copy is below the threshold, so the older copy that passes it is kept.
        const Dataset d = make({{"1", "10", 5, 1}, {"1", "10", 1, 2}});
        PreprocessConfig c;
        c.ratingThreshold = 4.0f;
        c.dropDuplicates = true;
        PreprocessReport rep;
        const Dataset out = preprocess(d, c, &rep);
        QCOMPARE(rep.removedByThreshold, int64_t(1));
        QCOMPARE(rep.removedDuplicates, int64_t(0));
        QCOMPARE(triples(out), v({"1:10=5"}));
    }

    void coreNeedsSeveralPasses() {
        // Pass 1 drops (3, c) because item c has one user; that leaves user 3 with one
        // interaction, which only pass 2 can see and drop.
        const Dataset d = make({{"1", "a", 1, 1},
                                {"1", "b", 1, 1},
                                {"2", "a", 1, 1},
                                {"2", "b", 1, 1},
                                {"3", "a", 1, 1},
                                {"3", "c", 1, 1}});
        PreprocessConfig c;
        c.userCore = 2;
        c.itemCore = 2;
        PreprocessReport rep;
        const Dataset out = preprocess(d, c, &rep);
        QCOMPARE(rep.coreIterations, 2);
        QCOMPARE(rep.removedByCore, int64_t(2));
        QCOMPARE(triples(out), v({"1:a=1", "1:b=1", "2:a=1", "2:b=1"}));
        QCOMPARE(out.userIds, v({"1", "2"}));
        QCOMPARE(out.itemIds, v({"a", "b"}));
        for (int32_t u = 0; u < out.numUsers(); ++u) QVERIFY(out.userDegree(u) >= 2);
        for (int64_t deg : out.itemDegrees()) QVERIFY(deg >= 2);
    }

    void coreAlreadySatisfiedTakesNoPass() {
        const Dataset d =
            make({{"1", "a", 1, 1}, {"1", "b", 1, 1}, {"2", "a", 1, 1}, {"2", "b", 1, 1}});
        PreprocessConfig c;
        c.userCore = 2;
        c.itemCore = 2;
        PreprocessReport rep;
        const Dataset out = preprocess(d, c, &rep);
        QCOMPARE(rep.coreIterations, 0);
        QCOMPARE(out.hash, d.hash);
    }

    void coreRemovingEverythingThrows() {
        const Dataset d = make({{"1", "a", 1, 1}, {"2", "b", 1, 1}});
        PreprocessConfig c;
        c.userCore = 2;
        const std::string msg = messageOf([&] { preprocess(d, c); });
        QVERIFY2(msg.find("k-core") != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("no interactions") != std::string::npos, msg.c_str());
    }

    void maxUsersKeepsMostActive() {
        // Degrees: 1 -> 3, 2 -> 1, 3 -> 3, 4 -> 2. With a limit of 2 the tie between 1 and 3
        // keeps both; with 1 the smaller id (user 1) wins.
        const Dataset d = make({{"1", "a", 1, 1},
                                {"1", "b", 1, 1},
                                {"1", "c", 1, 1},
                                {"2", "a", 1, 1},
                                {"3", "a", 1, 1},
                                {"3", "d", 1, 1},
                                {"3", "e", 1, 1},
                                {"4", "a", 1, 1},
                                {"4", "b", 1, 1}});
        PreprocessConfig c;
        c.maxUsers = 2;
        PreprocessReport rep;
        Dataset out = preprocess(d, c, &rep);
        QCOMPARE(rep.removedByLimits, int64_t(3));
        QCOMPARE(out.userIds, v({"1", "3"}));
        QCOMPARE(out.itemIds, v({"a", "b", "c", "d", "e"}));

        c.maxUsers = 1;
        out = preprocess(d, c, &rep);
        QCOMPARE(out.userIds, v({"1"}));
        QCOMPARE(rep.removedByLimits, int64_t(6));
    }

    void maxItemsKeepsMostPopular() {
        // Popularity: a -> 3, b, c and d -> 2. Two items: a, then b beats c and d on id.
        const Dataset d = make({{"1", "a", 1, 1},
                                {"1", "b", 1, 1},
                                {"1", "d", 1, 1},
                                {"2", "a", 1, 1},
                                {"2", "c", 1, 1},
                                {"3", "a", 1, 1},
                                {"3", "b", 1, 1},
                                {"3", "c", 1, 1},
                                {"4", "d", 0, 1}});
        PreprocessConfig c;
        c.maxItems = 2;
        PreprocessReport rep;
        const Dataset out = preprocess(d, c, &rep);
        QCOMPARE(rep.removedByLimits, int64_t(4));
        QCOMPARE(triples(out), v({"1:a=1", "1:b=1", "2:a=1", "3:a=1", "3:b=1"}));
        QCOMPARE(out.userIds, v({"1", "2", "3"}));
    }

    void limitsCountOnlyWhatEarlierStepsKept() {
        // Before the threshold user 2 is the most active; after it user 1 is.
        const Dataset d = make({{"1", "a", 5, 1},
                                {"1", "b", 5, 1},
                                {"2", "a", 1, 1},
                                {"2", "b", 1, 1},
                                {"2", "c", 5, 1}});
        PreprocessConfig c;
        c.ratingThreshold = 3.0f;
        c.maxUsers = 1;
        PreprocessReport rep;
        const Dataset out = preprocess(d, c, &rep);
        QCOMPARE(rep.removedByThreshold, int64_t(2));
        QCOMPARE(rep.removedByLimits, int64_t(1));
        QCOMPARE(triples(out), v({"1:a=5", "1:b=5"}));
    }

    void limitsThenCore() {
        // maxItems drops d; then user 4 has one interaction left, below the user core of 2.
        const Dataset d = make({{"1", "a", 1, 1},
                                {"1", "b", 1, 1},
                                {"2", "a", 1, 1},
                                {"2", "b", 1, 1},
                                {"4", "a", 1, 1},
                                {"4", "d", 1, 1}});
        PreprocessConfig c;
        c.maxItems = 2;
        c.userCore = 2;
        PreprocessReport rep;
        const Dataset out = preprocess(d, c, &rep);
        QCOMPARE(rep.removedByLimits, int64_t(1));
        QCOMPARE(rep.removedByCore, int64_t(1));
        QCOMPARE(rep.coreIterations, 1);
        QCOMPARE(out.userIds, v({"1", "2"}));
        QCOMPARE(out.numInteractions(), int64_t(4));
    }
};

QTEST_APPLESS_MAIN(TestPreprocess)
#include "test_preprocess.moc"
