// Benchmark, run by hand: the forum's reads over a SQLite database with 50,000 posts
// (threads of about five posts, 200 authors, folded Norwegian words with a long tail of
// rare ones, a few tags, 1% of posts hidden and 1% deleted), written through
// WorkState::apply as the bot writes them. Prints median and p90 of:
//   (a) forum_search for one and two prefixes, common and rare, limit 10;
//   (b) the listings: a page of threads, the thread count, the tag list, a tag's threads.
// Target: a search well under 5 ms median. Asserts nothing.
//   build/bench/bench_forum [rounds] [directory for the database]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "storage/directory.hpp"
#include "storage/migrations.hpp"
#include "storage/work_state.hpp"

namespace {

using namespace planbot;
using Steady = std::chrono::steady_clock;

constexpr int kPosts = 50000;
constexpr int kAuthors = 200;
const std::chrono::sys_seconds kStart = std::chrono::sys_days(std::chrono::year(2025) / 1 / 6);

// Folded words as the core writes them (æ, ø, å as ae, o, a), the everyday ones first:
// words are drawn with Zipf weights, so the first are in most posts and the last rare.
const std::vector<std::string> kWords = {
    "og", "i", "pa", "til", "det", "er", "som", "vi", "for", "med", "en", "at", "har", "ikke", "om", "kan", "skal",
    "styremote", "styret", "budsjett", "frist", "arsmote", "medlemmer", "lokallaget", "fylket", "valgkamp", "stand",
    "innkalling", "referat", "sakliste", "kontingent", "regnskap", "kasserer", "leder", "nestleder", "sekretaer",
    "skolering", "kurs", "helgesamling", "reise", "refusjon", "kvittering", "uttalelse", "resolusjon", "landsmote",
    "delegater", "nominasjon", "valgkomite", "kandidat", "liste", "kommunevalg", "stortingsvalg", "flygeblad",
    "plakater", "vervekampanje", "aksjon", "streik", "klima", "bolig", "skole", "sykehus", "buss", "ferje",
    "bompenger", "eiendomsskatt", "innherred", "namdal", "trondheim", "steinkjer", "levanger", "verdal", "stjordal",
    "orkland", "oppdal", "roros", "malvik", "melhus", "frosta", "snasa", "grong", "namsos", "vikna", "leka",
    "ferjeavgang", "kulturhus", "fotballbane", "gatelys", "barnehageplass", "tannhelse", "legevakt", "fodeavdeling",
};
// Words in about one post of a thousand each.
const std::vector<std::string> kRareWords = {"hurtigbatrute", "fylkesting", "tannlegevakt", "vindkraft"};
const std::vector<std::string> kTags = {"valg", "budsjett", "arsmote", "stand", "klima", "bolig", "skolering"};

double elapsed_ms(Steady::time_point began) {
    return std::chrono::duration<double, std::milli>(Steady::now() - began).count();
}

// Runs `read` `rounds` times and prints its median and p90; `found` is the size of its answer.
void measure(const char* what, int rounds, const std::function<size_t()>& read) {
    std::vector<double> ms;
    size_t found = 0;
    for (int round = 0; round < rounds; ++round) {
        const auto began = Steady::now();
        found = read();
        ms.push_back(elapsed_ms(began));
    }
    std::ranges::sort(ms);
    std::printf("%-44s median %9.3f ms   p90 %9.3f ms   (%zu runs, %zu found)\n", what, ms[ms.size() / 2],
                ms[ms.size() * 9 / 10], ms.size(), found);
}

std::string sentence(std::mt19937& random, std::discrete_distribution<size_t>& word, int words) {
    std::string text;
    for (int i = 0; i < words; ++i) {
        if (i > 0) text += ' ';
        text += kWords[word(random)];
    }
    return text;
}

// The database the bench runs on: kPosts posts, a new thread after about every fifth,
// ten minutes apart; 1% of the posts hidden by an admin and 1% deleted by their authors.
void fill(storage::Database& database) {
    std::mt19937 random(2025);
    std::vector<double> weights;
    for (size_t i = 0; i < kWords.size(); ++i) weights.push_back(1.0 / static_cast<double>(i + 1));
    std::discrete_distribution<size_t> word(weights.begin(), weights.end());
    std::uniform_int_distribution<int> percent(0, 99), permille(0, 999), length(8, 60), author(0, kAuthors - 1);

    storage::WorkState state(database);
    storage::Directory directory(database);
    storage::Transaction transaction(database);
    for (int i = 0; i < kAuthors; ++i)
        directory.remember_user({"telegram", std::to_string(7100000001LL + i), "Medlem", std::to_string(i), ""}, kStart);
    int64_t thread = 1;
    for (int64_t number = 1; number <= kPosts; ++number) {
        if (number > 1 && percent(random) < 20) thread = number;
        const auto now = kStart + std::chrono::minutes(10 * number);
        commands::AddForumPost post{number, thread, thread == number ? sentence(random, word, 4) : "",
                                    sentence(random, word, length(random)), {}, ""};
        if (permille(random) < 4)
            post.text += " " + kRareWords[static_cast<size_t>(permille(random)) % kRareWords.size()];
        if (percent(random) < 15) post.tags = {kTags[static_cast<size_t>(percent(random)) % kTags.size()]};
        post.search_text = post.title.empty() ? post.text : post.title + " " + post.text;
        const std::string user_id = std::to_string(7100000001LL + author(random));
        state.apply({post, ""}, "telegram", user_id, now);
        if (const int fate = percent(random); fate == 0)
            state.apply({commands::HideForumPost{number, true}, "skjult"}, "telegram", "7100000001", now);
        else if (fate == 1)
            state.apply({commands::DeleteForumPost{number}, "slettet"}, "telegram", user_id, now);
    }
    transaction.commit();
}

// (a) and (b) as the bot reads: a fresh connection on the file, its statement cache
// warm after the first round.
void measure_reads(const std::filesystem::path& file, int rounds) {
    storage::Database database(file);
    storage::WorkState state(database);
    auto search = [&](std::vector<std::string> prefixes) {
        return [&state, prefixes] { return state.forum_search(prefixes, 10).size(); };
    };
    std::printf("(a) forum_search, limit 10\n");
    measure("  \"styre\" (common)", rounds, search({"styre"}));
    measure("  \"st\" (common, short)", rounds, search({"st"}));
    measure("  \"s\" (one letter)", rounds, search({"s"}));
    measure("  \"budsj\" \"frist\" (two common)", rounds, search({"budsj", "frist"}));
    measure("  \"ferjeavg\" (in the long tail)", rounds, search({"ferjeavg"}));
    measure("  \"hurtigb\" (rare)", rounds, search({"hurtigb"}));
    measure("  \"vindkraft\" \"fylkest\" (two rare)", rounds, search({"vindkraft", "fylkest"}));
    measure("  \"styre\" \"vindk\" (common and rare)", rounds, search({"styre", "vindk"}));
    measure("  \"zqx\" (no match)", rounds, search({"zqx"}));
    std::printf("(b) listings\n");
    measure("  forum_threads(10, 0)", rounds, [&] { return state.forum_threads(10, 0).size(); });
    measure("  forum_threads(10, 5000)", rounds, [&] { return state.forum_threads(10, 5000).size(); });
    measure("  forum_thread_count", rounds, [&] { return static_cast<size_t>(state.forum_thread_count()); });
    measure("  forum_tags", rounds, [&] { return state.forum_tags().size(); });
    measure("  forum_threads_tagged(\"valg\", 10)", rounds, [&] { return state.forum_threads_tagged("valg", 10).size(); });
    measure("  forum_posts_between (one week)", rounds, [&] {
        const auto until = kStart + std::chrono::minutes(10 * kPosts);
        return state.forum_posts_between(until - std::chrono::days(7), until).size();
    });
}

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::max(10, std::atoi(argv[1])) : 200;
    const std::filesystem::path directory = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
    const std::filesystem::path file = directory / "planbot-forum-bench.db";
    auto remove_database = [&] {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    };
    remove_database();
    {
        storage::Database database(file);
        storage::migrate(database);
        const auto began = Steady::now();
        fill(database);
        storage::WorkState state(database);
        std::printf("filled %s in %.1f s: %lld posts in %d visible threads, %zu tags, %.1f MB\n", file.string().c_str(),
                    elapsed_ms(began) / 1000.0, static_cast<long long>(state.next_forum_post_number() - 1),
                    state.forum_thread_count(), state.forum_tags().size(),
                    static_cast<double>(std::filesystem::file_size(file) +
                                        std::filesystem::file_size(file.string() + "-wal")) / 1e6);
    }

    measure_reads(file, rounds);
    remove_database();
    return 0;
}
