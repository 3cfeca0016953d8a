#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/data_loader.h"
#include "data/dataset_builder.h"
#include "data/split.h"
#include "test_util.h"

using namespace rd;

namespace {

// One user with `tot` interactions (items 0..tot-1, timestamp = item).
Dataset oneUser(int tot) {
    DatasetBuilder b(false, true);
    for (int i = 0; i < tot; ++i) b.add(b.user("1"), b.item(std::to_string(i)), 1.0f, i);
    return b.build("t", "t", "test");
}

// `users` users with `perUser` interactions each; timestamps distinct and scrambled.
Dataset grid(int users, int perUser, bool timestamps = true) {
    DatasetBuilder b(false, timestamps);
    for (int u = 0; u < users; ++u)
        for (int i = 0; i < perUser; ++i)
            b.add(b.user(std::to_string(u)), b.item(std::to_string(i)), 1.0f,
                  (u * 7919 + i * 104729) % 1000003);
    return b.build("t", "t", "test");
}

int64_t countIn(const Split& s, const Dataset& d, int32_t u, SplitPart p) {
    int64_t n = 0;
    for (int64_t k = d.userBegin(u); k < d.userEnd(u); ++k) n += s.part[k] == uint8_t(p);
    return n;
}

using rdtest::messageOf;

SplitConfig config(SplitKind kind, uint64_t seed = 2020) {
    SplitConfig c;
    c.kind = kind;
    c.seed = seed;
    return c;
}

}  // namespace

class TestSplit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void names() {
        for (const char* n : {"random", "loo", "temporal", "given"})
            QCOMPARE(splitKindName(splitKindFromName(n)), std::string(n));
        QCOMPARE(splitKindFromName("loo"), SplitKind::LeaveOneOut);
        const std::string msg = messageOf([] { splitKindFromName("Random"); });
        QVERIFY2(msg.find("unknown split kind 'Random'") != std::string::npos, msg.c_str());
    }

    void randomSizesFollowRecBole_data() {
        QTest::addColumn<int>("tot");
        QTest::addColumn<double>("train");
        QTest::addColumn<double>("valid");
        QTest::addColumn<double>("test");
        QTest::addColumn<int>("nTrain");
        QTest::addColumn<int>("nValid");
        QTest::addColumn<int>("nTest");
        // Worked by hand from RecBole's _calcu_split_ids (and checked against its Python).
        QTest::newRow("1") << 1 << 0.8 << 0.1 << 0.1 << 1 << 0 << 0;  // train keeps the only one
        QTest::newRow("2") << 2 << 0.8 << 0.1 << 0.1 << 1 << 0 << 1;  // test lifted, then stop
        QTest::newRow("3") << 3 << 0.8 << 0.1 << 0.1 << 1 << 1 << 1;  // both lifted
        QTest::newRow("4") << 4 << 0.8 << 0.1 << 0.1 << 2 << 1 << 1;
        QTest::newRow("5") << 5 << 0.8 << 0.1 << 0.1 << 3 << 1 << 1;
        QTest::newRow("9") << 9 << 0.8 << 0.1 << 0.1 << 7 << 1 << 1;    // 0.9 lifted to 1
        QTest::newRow("10") << 10 << 0.8 << 0.1 << 0.1 << 8 << 1 << 1;  // exactly 1: no lift
        QTest::newRow("11") << 11 << 0.8 << 0.1 << 0.1 << 9 << 1 << 1;  // int(1.1) = 1
        QTest::newRow("20") << 20 << 0.8 << 0.1 << 0.1 << 16 << 2 << 2;
        QTest::newRow("19") << 19 << 0.8 << 0.1 << 0.1 << 17 << 1 << 1;       // int(1.9) = 1
        QTest::newRow("8:1:1 x 5") << 5 << 8.0 << 1.0 << 1.0 << 3 << 1 << 1;  // normalised
        QTest::newRow("no valid 3") << 3 << 0.8 << 0.0 << 0.2 << 2 << 0 << 1;
        QTest::newRow("no valid 10") << 10 << 0.8 << 0.0 << 0.2 << 8 << 0 << 2;
        QTest::newRow("7:2:1 x 7")
            << 7 << 0.7 << 0.2 << 0.1 << 5 << 1 << 1;  // int(1.4), 0.7 lifted
        QTest::newRow("train only") << 6 << 1.0 << 0.0 << 0.0 << 6 << 0 << 0;
    }

    void randomSizesFollowRecBole() {
        QFETCH(int, tot);
        QFETCH(double, train);
        QFETCH(double, valid);
        QFETCH(double, test);
        QFETCH(int, nTrain);
        QFETCH(int, nValid);
        QFETCH(int, nTest);
        const Dataset d = oneUser(tot);
        SplitConfig c = config(SplitKind::RandomRatio);
        c.train = train;
        c.valid = valid;
        c.test = test;
        const Split s = makeSplit(d, c);
        QCOMPARE(s.part.size(), size_t(tot));
        QCOMPARE(s.count(SplitPart::Train), int64_t(nTrain));
        QCOMPARE(s.count(SplitPart::Valid), int64_t(nValid));
        QCOMPARE(s.count(SplitPart::Test), int64_t(nTest));
    }

    void randomSizesArePerUser() {
        DatasetBuilder b(false, false);
        for (int tot : {1, 2, 3, 5, 10})
            for (int i = 0; i < tot; ++i)
                b.add(b.user(std::to_string(tot)), b.item(std::to_string(i)));
        const Dataset d = b.build("t", "t", "test");
        const Split s = makeSplit(d, config(SplitKind::RandomRatio));
        const int expected[5][3] = {{1, 0, 0}, {1, 0, 1}, {1, 1, 1}, {3, 1, 1}, {8, 1, 1}};
        for (int32_t u = 0; u < 5; ++u) {
            QCOMPARE(countIn(s, d, u, SplitPart::Train), int64_t(expected[u][0]));
            QCOMPARE(countIn(s, d, u, SplitPart::Valid), int64_t(expected[u][1]));
            QCOMPARE(countIn(s, d, u, SplitPart::Test), int64_t(expected[u][2]));
        }
        QCOMPARE(s.count(SplitPart::Train), int64_t(14));
    }

    void everyInteractionInExactlyOnePart() {
        const Dataset d = grid(30, 17);
        for (SplitKind kind :
             {SplitKind::RandomRatio, SplitKind::LeaveOneOut, SplitKind::TemporalRatio}) {
            const Split s = makeSplit(d, config(kind));
            QCOMPARE(int64_t(s.part.size()), d.numInteractions());
            for (uint8_t p : s.part) QVERIFY(p <= uint8_t(SplitPart::Test));
            QCOMPARE(
                s.count(SplitPart::Train) + s.count(SplitPart::Valid) + s.count(SplitPart::Test),
                d.numInteractions());
        }
    }

    void randomIsDeterministicBySeed() {
        const Dataset d = grid(20, 30);
        const Split a = makeSplit(d, config(SplitKind::RandomRatio, 7));
        const Split b = makeSplit(d, config(SplitKind::RandomRatio, 7));
        const Split c = makeSplit(d, config(SplitKind::RandomRatio, 8));
        QVERIFY(a.part == b.part);
        QVERIFY(a.part != c.part);
        // Sizes do not depend on the seed, only which interactions land where.
        QCOMPARE(a.count(SplitPart::Test), c.count(SplitPart::Test));
        QCOMPARE(a.count(SplitPart::Train), int64_t(20 * 24));
    }

    void randomUserDoesNotDependOnOtherUsers() {
        // User 0's split must not move when a later user is added: each user has its own stream.
        const Dataset small = grid(1, 30), large = grid(5, 30);
        const Split a = makeSplit(small, config(SplitKind::RandomRatio));
        const Split b = makeSplit(large, config(SplitKind::RandomRatio));
        QVERIFY(std::equal(a.part.begin(), a.part.end(), b.part.begin()));
    }

    void leaveOneOutTakesLatest() {
        DatasetBuilder b(false, true);
        // User 1: 11 is latest, 12 second latest. User 2: two interactions. User 3: one.
        b.add(b.user("1"), b.item("10"), 1, 5);
        b.add(b.user("1"), b.item("11"), 1, 9);
        b.add(b.user("1"), b.item("12"), 1, 7);
        b.add(b.user("1"), b.item("13"), 1, 1);
        b.add(b.user("2"), b.item("10"), 1, 4);
        b.add(b.user("2"), b.item("11"), 1, 2);
        b.add(b.user("3"), b.item("12"), 1, 3);
        const Dataset d = b.build("t", "t", "test");
        for (uint64_t seed : {1, 2, 3}) {
            const Split s = makeSplit(d, config(SplitKind::LeaveOneOut, seed));
            using P = SplitPart;
            const std::vector<uint8_t> expected = {
                uint8_t(P::Train), uint8_t(P::Test),  uint8_t(P::Valid), uint8_t(P::Train),
                uint8_t(P::Test),  uint8_t(P::Train), uint8_t(P::Train)};
            QCOMPARE(s.part, expected);
        }
    }

    void leaveOneOutTiesFollowTheFile() {
        // Items 2, 0, 1 share the latest timestamp and come in that file order; item 3 is oldest.
        // The file's last tied line (item 1) is the latest, the one before it (item 0) next: for
        // every seed, as SASRec's code and RecBole order a history.
        DatasetBuilder b(false, true);
        b.add(b.user("1"), b.item("3"), 1, 1);
        for (const char* item : {"2", "0", "1"}) b.add(b.user("1"), b.item(item), 1, 5);
        const Dataset d = b.build("t", "t", "test");
        QCOMPARE(d.fileOrder, (std::vector<int32_t>{2, 3, 1, 0}));  // CSR is by item: 0,1,2,3
        for (uint64_t seed = 0; seed < 5; ++seed) {
            const Split s = makeSplit(d, config(SplitKind::LeaveOneOut, seed));
            using P = SplitPart;
            QCOMPARE(s.part, (std::vector<uint8_t>{uint8_t(P::Valid), uint8_t(P::Test),
                                                   uint8_t(P::Train), uint8_t(P::Train)}));
        }
        // A subset keeps the order of the lines it keeps.
        const Dataset sub = d.subset({1, 1, 0, 1});
        QCOMPARE(sub.fileOrder, (std::vector<int32_t>{2, 3, 0}));
    }

    void leaveOneOutWithoutTimestamps() {
        const Dataset d = grid(10, 5, false);
        const Split s = makeSplit(d, config(SplitKind::LeaveOneOut, 11));
        for (int32_t u = 0; u < d.numUsers(); ++u) {
            QCOMPARE(countIn(s, d, u, SplitPart::Test), int64_t(1));
            QCOMPARE(countIn(s, d, u, SplitPart::Valid), int64_t(1));
        }
        QVERIFY(s.part == makeSplit(d, config(SplitKind::LeaveOneOut, 11)).part);
        QVERIFY(s.part != makeSplit(d, config(SplitKind::LeaveOneOut, 12)).part);
    }

    void temporalRespectsTime() {
        DatasetBuilder b(false, true);
        // Ten interactions at times 1..10; user 2 interacts at 4 twice (items a and c), so the
        // tie goes by (user, item). User 1's item b at 4 comes first because user 1 < user 2.
        const struct {
            const char *u, *i;
            int64_t t;
        } rows[] = {{"2", "a", 4}, {"1", "a", 10}, {"1", "b", 4}, {"2", "c", 4}, {"3", "a", 1},
                    {"3", "b", 2}, {"3", "c", 3},  {"1", "c", 7}, {"2", "b", 9}, {"3", "d", 8}};
        for (const auto& r : rows) b.add(b.user(r.u), b.item(r.i), 1, r.t);
        const Dataset d = b.build("t", "t", "test");
        SplitConfig c = config(SplitKind::TemporalRatio);
        c.train = 0.6;
        c.valid = 0.2;
        c.test = 0.2;
        const Split s = makeSplit(d, c);
        // Global order: 3a(1) 3b(2) 3c(3) 1b(4) 2a(4) 2c(4) | 1c(7) 3d(8) | 2b(9) 1a(10).
        std::map<std::string, uint8_t> got;
        for (int32_t u = 0; u < d.numUsers(); ++u)
            for (int64_t k = d.userBegin(u); k < d.userEnd(u); ++k)
                got[d.userIds[u] + d.itemIds[d.items[k]]] = s.part[k];
        const uint8_t tr = uint8_t(SplitPart::Train), va = uint8_t(SplitPart::Valid),
                      te = uint8_t(SplitPart::Test);
        const std::map<std::string, uint8_t> expected = {
            {"3a", tr}, {"3b", tr}, {"3c", tr}, {"1b", tr}, {"2a", tr},
            {"2c", tr}, {"1c", va}, {"3d", va}, {"2b", te}, {"1a", te}};
        QVERIFY(got == expected);

        // Moving the cut by one tied interaction: 0.5 keeps 1b and 2a, sends 2c to valid.
        c.train = 0.5;
        c.valid = 0.1;
        c.test = 0.4;
        const Split s2 = makeSplit(d, c);
        QCOMPARE(s2.count(SplitPart::Train), int64_t(5));
        QCOMPARE(s2.count(SplitPart::Valid), int64_t(1));
        for (int32_t u = 0; u < d.numUsers(); ++u)
            for (int64_t k = d.userBegin(u); k < d.userEnd(u); ++k)
                if (d.userIds[u] + d.itemIds[d.items[k]] == "2c") QCOMPARE(s2.part[k], va);
    }

    void temporalFloorsCounts() {
        const Dataset d = oneUser(100);
        SplitConfig c = config(SplitKind::TemporalRatio);
        c.train = 0.29;  // 0.29 * 100 is 28.999... in binary; still 29
        c.valid = 0.355;
        c.test = 0.355;
        const Split s = makeSplit(d, c);
        QCOMPARE(s.count(SplitPart::Train), int64_t(29));
        QCOMPARE(s.count(SplitPart::Valid), int64_t(35));
        QCOMPARE(s.count(SplitPart::Test), int64_t(36));
        // Timestamp = item here, so train must be exactly items 0..28.
        for (int64_t k = 0; k < 100; ++k)
            QCOMPARE(s.part[k], uint8_t(k < 29   ? SplitPart::Train
                                        : k < 64 ? SplitPart::Valid
                                                 : SplitPart::Test));
    }

    void temporalNeedsTimestamps() {
        const Dataset d = grid(2, 3, false);
        const std::string msg = messageOf([&] { makeSplit(d, config(SplitKind::TemporalRatio)); });
        QVERIFY2(msg.find("needs timestamps") != std::string::npos, msg.c_str());
    }

    void asGivenCopiesTheFileSplit() {
        DatasetBuilder b(false, false, true);
        b.add(b.user("1"), b.item("1"), 1, 0, SplitPart::Train);
        b.add(b.user("1"), b.item("2"), 1, 0, SplitPart::Test);
        b.add(b.user("2"), b.item("1"), 1, 0, SplitPart::Valid);
        b.add(b.user("2"), b.item("3"), 1, 0, SplitPart::Train);
        const Dataset d = b.build("t", "t", "test");
        const Split s = makeSplit(d, config(SplitKind::AsGiven));
        QCOMPARE(s.part, d.givenSplit);
        QCOMPARE(s.part, (std::vector<uint8_t>{0, 2, 1, 0}));

        const std::string msg =
            messageOf([] { makeSplit(grid(2, 2), config(SplitKind::AsGiven)); });
        QCOMPARE(msg,
                 std::string("this data set has no given split; choose random, loo or temporal"));
    }

    void badRatiosThrow_data() {
        QTest::addColumn<double>("train");
        QTest::addColumn<double>("valid");
        QTest::addColumn<double>("test");
        QTest::addColumn<QString>("message");
        QTest::newRow("negative") << 0.8 << -0.1 << 0.3 << QStringLiteral("must not be negative");
        QTest::newRow("no train") << 0.0 << 0.5 << 0.5
                                  << QStringLiteral("training ratio must be greater than 0");
        QTest::newRow("nan") << std::nan("") << 0.1 << 0.1 << QStringLiteral("finite");
        QTest::newRow("inf") << 0.8 << HUGE_VAL << 0.1 << QStringLiteral("finite");
    }

    void badRatiosThrow() {
        QFETCH(double, train);
        QFETCH(double, valid);
        QFETCH(double, test);
        QFETCH(QString, message);
        const Dataset d = grid(2, 3);
        for (SplitKind kind : {SplitKind::RandomRatio, SplitKind::TemporalRatio}) {
            SplitConfig c = config(kind);
            c.train = train;
            c.valid = valid;
            c.test = test;
            const std::string msg = messageOf([&] { makeSplit(d, c); });
            QVERIFY2(msg.find(message.toStdString()) != std::string::npos, msg.c_str());
        }
    }

    void movieLens100kTrainsOn80808() {
        RD_SKIP_WITHOUT_SHARED("ml-100k");
        const Dataset d = loadDataset(rdtest::sharedData("ml-100k").toStdString()).dataset;
        QCOMPARE(d.numUsers(), 943);
        QCOMPARE(d.numInteractions(), int64_t(100000));
        // RecBole's rounding on MovieLens 100K at 0.8/0.1/0.1; the engine relies on this figure.
        for (uint64_t seed : {2020, 1}) {
            const Split s = makeSplit(d, config(SplitKind::RandomRatio, seed));
            QCOMPARE(s.count(SplitPart::Train), int64_t(80808));
            QCOMPARE(s.count(SplitPart::Valid), int64_t(9596));
            QCOMPARE(s.count(SplitPart::Test), int64_t(9596));
        }
        const Split loo = makeSplit(d, config(SplitKind::LeaveOneOut));
        QCOMPARE(loo.count(SplitPart::Test), int64_t(943));
        QCOMPARE(loo.count(SplitPart::Valid), int64_t(943));
    }
};

QTEST_APPLESS_MAIN(TestSplit)
#include "test_split.moc"
