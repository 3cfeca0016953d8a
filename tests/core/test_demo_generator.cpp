#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>
#include <functional>
#include <set>

#include "config/run_config.h"
#include "data/data_loader.h"
#include "data/demo_generator.h"
#include "data/demo_spec.h"
#include "data/load_error.h"
#include "util/rng.h"

using namespace rd;

namespace {

/** Share of interactions held by the top 10% most-interacted items. */
double topDecileShare(const Dataset& d) {
    std::vector<int64_t> deg = d.itemDegrees();
    std::sort(deg.begin(), deg.end(), std::greater<>());
    const size_t top = std::max<size_t>(1, deg.size() / 10);
    int64_t head = 0;
    for (size_t k = 0; k < top; ++k) head += deg[k];
    return static_cast<double>(head) / static_cast<double>(d.numInteractions());
}

/** The message of what f throws, or "" when it does not throw. */
template <typename F>
QString messageOf(F&& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

/** Jaccard overlap of two items' category sets. */
double categoryOverlap(const Dataset& d, int32_t a, int32_t b) {
    const int32_t* ab = &d.itemCategories[d.itemCategoryOffsets[a]];
    const int32_t* ae = &d.itemCategories[d.itemCategoryOffsets[a + 1]];
    const int32_t* bb = &d.itemCategories[d.itemCategoryOffsets[b]];
    const int32_t* be = &d.itemCategories[d.itemCategoryOffsets[b + 1]];
    int common = 0;
    for (const int32_t* x = ab; x != ae; ++x) common += std::count(bb, be, *x) > 0;
    const auto all = static_cast<int>((ae - ab) + (be - bb)) - common;
    return all > 0 ? static_cast<double>(common) / all : 0.0;
}

}  // namespace

class TestDemoGenerator : public QObject {
    Q_OBJECT

private:
    Dataset demo_;

private Q_SLOTS:
    void initTestCase() {
        QElapsedTimer timer;
        timer.start();
        demo_ = generateDemoDataset();
        const qint64 ms = timer.elapsed();
        qDebug("demo: %d users, %d items, %lld interactions, top-10%% share %.3f, %lld ms",
               demo_.numUsers(), demo_.numItems(), static_cast<long long>(demo_.numInteractions()),
               topDecileShare(demo_), static_cast<long long>(ms));
    }

    void deterministicBySeed() {
        const Dataset again = generateDemoDataset();
        QCOMPARE(again.hash, demo_.hash);
        QVERIFY(again.items == demo_.items);
        QVERIFY(again.ratings == demo_.ratings);
        QVERIFY(again.timestamps == demo_.timestamps);

        DemoConfig other;
        other.seed = 43;
        QVERIFY(generateDemoDataset(other).hash != demo_.hash);
    }

    void sizesInRange() {
        QCOMPARE(demo_.numUsers(), 1000);
        QVERIFY2(demo_.numItems() >= 1450 && demo_.numItems() <= 1500,
                 qPrintable(QString::number(demo_.numItems())));
        QVERIFY2(demo_.numInteractions() >= 50000 && demo_.numInteractions() <= 80000,
                 qPrintable(QString::number(demo_.numInteractions())));
        QCOMPARE(demo_.name, std::string("demo"));
        QCOMPARE(demo_.hash.size(), size_t(16));
        for (int32_t u = 0; u < demo_.numUsers(); ++u) {
            QVERIFY(demo_.userDegree(u) >= 5);
            QVERIFY(demo_.userDegree(u) <= 500);
        }
    }

    void sizesFollowConfig() {
        DemoConfig small;
        small.users = 100;
        small.items = 200;
        small.meanPerUser = 20;
        small.seed = 7;
        const Dataset d = generateDemoDataset(small);
        QCOMPARE(d.numUsers(), 100);
        QVERIFY(d.numItems() <= 200 && d.numItems() >= 190);
        QVERIFY(d.numInteractions() > 1000 && d.numInteractions() < 3500);
    }

    void longTail() {
        const double share = topDecileShare(demo_);
        QVERIFY2(share >= 0.35 && share <= 0.55, qPrintable(QString::number(share)));
        // The tail is long: many items are rare, but the generator leaves none without
        // interactions.
        const std::vector<int64_t> deg = demo_.itemDegrees();
        QVERIFY(*std::min_element(deg.begin(), deg.end()) >= 1);
        const auto rare = std::count_if(deg.begin(), deg.end(), [](int64_t k) { return k <= 10; });
        QVERIFY2(rare >= demo_.numItems() / 10, qPrintable(QString::number(rare)));
    }

    void categoriesForEveryItem() {
        QVERIFY(demo_.hasCategories());
        QCOMPARE(demo_.numCategories(), 12);
        QCOMPARE(demo_.categoryNames[0], std::string("Action"));
        QCOMPARE(static_cast<int32_t>(demo_.itemCategoryOffsets.size()), demo_.numItems() + 1);
        QCOMPARE(static_cast<int32_t>(demo_.itemTitles.size()), demo_.numItems());
        std::set<int32_t> seen;
        for (int32_t i = 0; i < demo_.numItems(); ++i) {
            const int32_t n = demo_.itemCategoryOffsets[i + 1] - demo_.itemCategoryOffsets[i];
            QVERIFY(n >= 1 && n <= 3);
            for (int32_t k = demo_.itemCategoryOffsets[i]; k < demo_.itemCategoryOffsets[i + 1];
                 ++k) {
                const int32_t c = demo_.itemCategories[k];
                QVERIFY(c >= 0 && c < demo_.numCategories());
                seen.insert(c);
            }
            const std::string prefix = "Demo item " + demo_.itemIds[i] + " (";
            QVERIFY2(demo_.itemTitles[i].rfind(prefix, 0) == 0, demo_.itemTitles[i].c_str());
            const std::string first =
                demo_.categoryNames[demo_.itemCategories[demo_.itemCategoryOffsets[i]]];
            QVERIFY(demo_.itemTitles[i].find(first) != std::string::npos);
        }
        QCOMPARE(static_cast<int32_t>(seen.size()), demo_.numCategories());
    }

    void ratingsAreIntegersOneToFive() {
        QVERIFY(demo_.hasRatings());
        QCOMPARE(demo_.ratings.size(), demo_.items.size());
        int count[6] = {};
        for (float r : demo_.ratings) {
            QVERIFY(r >= 1.0f && r <= 5.0f && r == static_cast<float>(static_cast<int>(r)));
            ++count[static_cast<int>(r)];
        }
        for (int r = 1; r <= 5; ++r) QVERIFY2(count[r] > 0, qPrintable(QString::number(r)));
    }

    void timestampsPerUserDistinctWithinYear() {
        QVERIFY(demo_.hasTimestamps());
        QCOMPARE(demo_.timestamps.size(), demo_.items.size());
        const int64_t from = 1577836800, to = from + 366LL * 86400;
        for (int32_t u = 0; u < demo_.numUsers(); ++u) {
            std::vector<int64_t> t(demo_.timestamps.begin() + demo_.userBegin(u),
                                   demo_.timestamps.begin() + demo_.userEnd(u));
            std::sort(t.begin(), t.end());
            QVERIFY(t.front() >= from && t.back() < to + 1000);
            QVERIFY(std::adjacent_find(t.begin(), t.end()) ==
                    t.end());  // a strict time order per user
        }
    }

    // The planted structure: a user's items share categories far more often than items drawn from
    // the same popularity distribution at random (two interactions of any users).
    void usersItemsShareCategories() {
        double within = 0.0;
        int64_t withinPairs = 0;
        for (int32_t u = 0; u < demo_.numUsers(); ++u)
            for (int64_t a = demo_.userBegin(u); a < demo_.userEnd(u); ++a)
                for (int64_t b = a + 1; b < demo_.userEnd(u); ++b, ++withinPairs)
                    within += categoryOverlap(demo_, demo_.items[a], demo_.items[b]);
        within /= static_cast<double>(withinPairs);

        Rng rng(1);
        const auto n = static_cast<uint64_t>(demo_.numInteractions());
        double random = 0.0;
        const int samples = 200000;
        for (int k = 0; k < samples; ++k)
            random += categoryOverlap(demo_, demo_.items[rng.below(n)], demo_.items[rng.below(n)]);
        random /= samples;
        qDebug("category overlap: within a user %.3f, random pairs %.3f", within, random);
        QVERIFY2(within > 1.5 * random,
                 qPrintable(QStringLiteral("%1 vs %2").arg(within).arg(random)));
    }

    // The sized demo ("demo:…"): what the keys ask for, by the scalable sampler (3000 × 4000 pairs
    // are above the exact method's limit) and by the exact one.
    void sizedDemoHonoursItsKeys_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("users");
        QTest::addColumn<int>("items");
        QTest::addColumn<int>("interactions");
        QTest::newRow("sampled") << "demo:users=3000,items=4000,interactions=150000,seed=7" << 3000
                                 << 4000 << 150000;
        QTest::newRow("exact") << "demo:users=200,items=300,interactions=5000,seed=7" << 200 << 300
                               << 5000;
        QTest::newRow("spaces, any order")
            << "demo: seed = 3 , items=300,users=200" << 200 << 300 << 0;
    }
    void sizedDemoHonoursItsKeys() {
        QFETCH(QString, path);
        QFETCH(int, users);
        QFETCH(int, items);
        QFETCH(int, interactions);
        const Dataset d = loadDataset(path.toStdString()).dataset;
        QCOMPARE(d.numUsers(), users);
        QCOMPARE(d.numItems(), items);  // items nobody drew are adopted, so the catalogue is whole
        QCOMPARE(d.name, path.toStdString());
        if (interactions > 0) {
            // Exactly as asked before orphan items are adopted; they add well under 1 %.
            QVERIFY2(d.numInteractions() >= interactions &&
                         d.numInteractions() <= interactions + interactions / 100,
                     qPrintable(QString::number(d.numInteractions())));
        } else {
            QVERIFY(d.numInteractions() >= 65 * users * 8 / 10 &&
                    d.numInteractions() <= 65 * users * 12 / 10);
        }
        const int64_t fewest = demoItemsPerUser(items).first;
        for (int32_t u = 0; u < d.numUsers(); ++u) QVERIFY(d.userDegree(u) >= fewest);
    }

    void sizedDemoKeepsTailCategoriesAndTaste() {
        const Dataset d =
            loadDataset("demo:users=3000,items=4000,interactions=150000,seed=7").dataset;
        const double share = topDecileShare(d);
        qDebug("sized demo: top-10%% share %.3f", share);
        QVERIFY2(share > 0.45 && share < 0.65, qPrintable(QString::number(share)));
        QVERIFY(d.hasCategories() && d.hasRatings() && d.hasTimestamps());
        QCOMPARE(d.numCategories(), 12);
        for (int32_t i = 0; i < d.numItems(); ++i) {
            const int32_t n = d.itemCategoryOffsets[i + 1] - d.itemCategoryOffsets[i];
            QVERIFY(n >= 1 && n <= 3);
        }
        // The sampler keeps the planted structure: a user's items share categories.
        double within = 0.0;
        int64_t pairs = 0;
        for (int32_t u = 0; u < d.numUsers(); u += 3)
            for (int64_t a = d.userBegin(u); a < d.userEnd(u); ++a)
                for (int64_t b = a + 1; b < d.userEnd(u); ++b, ++pairs)
                    within += categoryOverlap(d, d.items[a], d.items[b]);
        within /= static_cast<double>(pairs);
        Rng rng(1);
        const auto n = static_cast<uint64_t>(d.numInteractions());
        double random = 0.0;
        for (int k = 0; k < 100000; ++k)
            random += categoryOverlap(d, d.items[rng.below(n)], d.items[rng.below(n)]);
        random /= 100000;
        qDebug("sized demo category overlap: within a user %.3f, random pairs %.3f", within,
               random);
        QVERIFY2(within > 1.5 * random,
                 qPrintable(QStringLiteral("%1 vs %2").arg(within).arg(random)));
    }

    void sizedDemoDeterministicBySeed() {
        const std::string spec = "demo:users=2500,items=3000,interactions=60000,seed=";
        const Dataset a = loadDataset(spec + "7").dataset;
        const Dataset b = loadDataset(spec + "7").dataset;
        QCOMPARE(a.hash, b.hash);
        QVERIFY(a.items == b.items && a.ratings == b.ratings && a.timestamps == b.timestamps);
        QVERIFY(loadDataset(spec + "8").dataset.hash != a.hash);
    }

    // Plain "demo" is the data set it was before the keys existed (hash from commit 36c0dfd), and
    // spelling out its defaults changes nothing.
    void plainDemoUnchanged() {
        QCOMPARE(demo_.hash, std::string("0199771951934d72"));
        QCOMPARE(loadDataset("demo").dataset.hash, demo_.hash);
        QCOMPARE(loadDataset("demo:users=1000,items=1500,seed=42").dataset.hash, demo_.hash);
        QCOMPARE(detectFormat("demo:users=10"), std::string("demo"));
        QVERIFY(isDemoPath("demo") && isDemoPath("demo:seed=1") && !isDemoPath("demo.tsv"));
    }

    void badKeysRefusedNamingTheKey_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown key") << "demo:users=10,colour=red"
                                     << "unknown key 'colour'";
        QTest::newRow("not a number") << "demo:users=many"
                                      << "users: expected a whole number";
        QTest::newRow("zero users") << "demo:users=0"
                                    << "users: expected a whole number from 1";
        QTest::newRow("negative seed") << "demo:seed=-1"
                                       << "seed: expected a whole number";
        QTest::newRow("fraction") << "demo:interactions=1.5e6"
                                  << "interactions: expected";
        QTest::newRow("too few items") << "demo:items=2"
                                       << "items: expected a whole number from 3";
        QTest::newRow("too many") << "demo:users=99999999999"
                                  << "users: expected";
        QTest::newRow("repeated") << "demo:users=5,users=6"
                                  << "users: given twice";
        QTest::newRow("no value") << "demo:users"
                                  << "expected KEY=VALUE";
        QTest::newRow("empty") << "demo:"
                               << "expected KEY=VALUE";
        QTest::newRow("unreachable count") << "demo:users=10,items=30,interactions=1000"
                                           << "interactions: 1000 cannot be generated";
    }
    void badKeysRefusedNamingTheKey() {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const std::string p = path.toStdString();
        QVERIFY_THROWS_EXCEPTION(LoadError, parseDemoSpec(p));
        const QString loading = messageOf([&] { loadDataset(p); });
        QVERIFY2(loading.contains(expected), qPrintable(loading));
        QVERIFY2(loading.startsWith(path), qPrintable(loading));
        // A config with such a path is refused before any work, with the same words.
        const QString config = messageOf([&] { parseDataConfig(nlohmann::json{{"path", p}}); });
        QVERIFY2(config.startsWith(QStringLiteral("data.path: ")) && config.contains(expected),
                 qPrintable(config));
    }

    void generationStopsWhenCancelled() {
        CancelToken token;
        token.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, generateDemoDataset({}, &token));
        LoadOptions options;
        options.cancel = &token;
        QVERIFY_THROWS_EXCEPTION(
            Cancelled, loadDataset("demo:users=3000,items=4000,interactions=150000", options));
    }

    // Affinity drives ratings too: items in a user's favourite categories are rated higher.
    void ratingsFollowTaste() {
        double sumHigh = 0.0, sumLow = 0.0;
        int64_t nHigh = 0, nLow = 0;
        for (int32_t u = 0; u < demo_.numUsers(); ++u) {
            std::vector<int> catCount(demo_.numCategories(), 0);
            for (int64_t k = demo_.userBegin(u); k < demo_.userEnd(u); ++k)
                for (int32_t c = demo_.itemCategoryOffsets[demo_.items[k]];
                     c < demo_.itemCategoryOffsets[demo_.items[k] + 1]; ++c)
                    ++catCount[demo_.itemCategories[c]];
            const auto fav = static_cast<int32_t>(
                std::max_element(catCount.begin(), catCount.end()) - catCount.begin());
            for (int64_t k = demo_.userBegin(u); k < demo_.userEnd(u); ++k) {
                const int32_t i = demo_.items[k];
                const bool inFav =
                    std::count(demo_.itemCategories.begin() + demo_.itemCategoryOffsets[i],
                               demo_.itemCategories.begin() + demo_.itemCategoryOffsets[i + 1],
                               fav) > 0;
                (inFav ? sumHigh : sumLow) += demo_.ratings[k];
                ++(inFav ? nHigh : nLow);
            }
        }
        const double high = sumHigh / nHigh, low = sumLow / nLow;
        qDebug("mean rating: favourite category %.2f, others %.2f", high, low);
        QVERIFY2(high > low + 0.2, qPrintable(QStringLiteral("%1 vs %2").arg(high).arg(low)));
    }
};

QTEST_APPLESS_MAIN(TestDemoGenerator)
#include "test_demo_generator.moc"
