#include "data/stats_json.h"

namespace rd {

namespace {
nlohmann::json summaryJson(const CountSummary& s) {
    return {{"min", s.min}, {"median", s.median}, {"mean", s.mean}, {"max", s.max}};
}
}  // namespace

nlohmann::json statsToJson(const DatasetStats& st) {
    nlohmann::json j;
    j["name"] = st.name;
    j["format"] = st.format;
    j["path"] = st.sourcePath;
    j["users"] = st.users;
    j["items"] = st.items;
    j["interactions"] = st.interactions;
    j["density"] = st.density;
    j["per_user"] = summaryJson(st.perUser);
    j["per_item"] = summaryJson(st.perItem);
    j["top_share"] = {{"1%", st.top1Share}, {"10%", st.top10Share}, {"20%", st.top20Share}};
    j["categories"] = st.categories.size();
    nlohmann::json names = nlohmann::json::object();
    for (const auto& [name, count] : st.categories) names[name] = count;
    j["category_items"] = names;
    if (st.hasRatings) {
        nlohmann::json hist = nlohmann::json::object();
        for (const auto& [r, c] : st.ratingHistogram) {
            char key[32];
            std::snprintf(key, sizeof key, "%g", r);
            hist[key] = c;
        }
        j["ratings"] = hist;
    }
    if (st.hasTimestamps) j["time_range"] = {st.firstTimestamp, st.lastTimestamp};
    if (st.presplit) {
        j["splits"] = {{"train", st.trainInteractions},
                       {"valid", st.validInteractions},
                       {"test", st.testInteractions}};
        j["items_only_in_held_out"] = st.itemsOnlyInHeldOut;
    }
    j["hash"] = st.hash;
    return j;
}

}  // namespace rd
