// Benchmark, run by hand: one forum post relayed to 50 members through the whole
// Telegram path (UpdateHandler::handle: parse the JSON, dedupe, the core reading the
// members and the thread, the post and its search row, 50 outbox rows plus the
// author's answer, COMMIT — one transaction), on a forum that already holds 50,000
// posts, each reply to another thread; and /forum søk through the same path. Prints the
// median and 90th percentile; asserts nothing.
//   build/bench/bench_forum_relay [rounds] [directory for the database]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/schedule/checkpointer.hpp"
#include "bot/schedule/clock.hpp"
#include "bot/log.hpp"
#include "bot/memory.hpp"
#include "bot/telegram/update_handler.hpp"
#include "bench/update_support.hpp"
#include "commands/forum/forum.hpp"
#include "commands/router.hpp"
#include "config/plan_loader.hpp"
#include "storage/directory.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "storage/work_state.hpp"

namespace {

using namespace planbot;
using Steady = std::chrono::steady_clock;

constexpr int kMembers = 51;  // one-person groups and the county board: the author and 50 others
constexpr int kPosts = 50000;
constexpr int kPostsPerThread = 5;
constexpr int64_t kFirstUser = 7100000000;

}  // namespace

int main(int argc, char** argv) {
    planbot::bot::keep_freed_memory();
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 300;
    const std::filesystem::path directory = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
    const std::filesystem::path file = directory / "planbot-forum-relay-bench.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    bot::log::set_level(config::LogLevel::error);

    auto loaded = config::load_plan(PLANBOT_SOURCE_DIR "/config/plan/trondelag-sv-2025-2028.toml");
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().describe().c_str());
        return 1;
    }
    const config::Plan& plan = *loaded;
    std::vector<std::string> municipalities;
    for (const config::Region& region : plan.regions)
        for (const std::string& name : region.municipalities) municipalities.push_back(name);
    const date::time_zone* zone = date::locate_zone("Europe/Oslo");
    const auto start = zone->to_sys(date::local_days(date::year(2026) / 11 / 28) + std::chrono::hours(10));
    const bot::ProcessClock clock(start);

    storage::Database database(file);
    storage::migrate(database);
    storage::WorkState state(database);
    storage::Directory people(database);
    {
        storage::Transaction transaction(database);
        state.ensure_tracking_start(date::year(2026) / 1 / 1);
        for (int i = 0; i < kMembers; ++i) {
            const std::string id = std::to_string(kFirstUser + i), number = std::to_string(i);
            people.remember_user({"telegram", id, "Medlem", number, ""}, start);
            commands::Person person{"telegram", id, "Medlem " + number, ""};
            const config::RoleRef role = i < 38 ? config::RoleRef{"enpersonsgrupper", municipalities[static_cast<size_t>(i) % municipalities.size()]}
                                                : config::RoleRef{"fylkesstyret", ""};
            state.apply({commands::GrantRole{person, role}, "bench"}, "telegram", id, start);
        }
        const std::string words[] = {"budsjett", "skole", "barnehage", "vei", "eldreomsorg", "kommuneplan",
                                     "vindkraft", "helse", "bolig", "kultur"};
        for (int number = 1; number <= kPosts; ++number) {
            const int64_t thread = (number - 1) / kPostsPerThread * kPostsPerThread + 1;
            const std::string text = "Erfaringer med " + words[number % 10] + " og " + words[(number / 7) % 10] +
                                     " i kommunestyret, innlegg " + std::to_string(number);
            const std::string author = std::to_string(kFirstUser + number % kMembers);
            state.apply({commands::AddForumPost{number, thread, number == thread ? "Tråd om " + words[number % 10] : "",
                                                text, commands::forum_tags_of(text), commands::forum_search_text(text)},
                         ""},
                        "telegram", author, start - std::chrono::minutes(kPosts - number));
        }
        transaction.commit();
    }

    // As in planbot: the WAL is copied back from a thread of its own, never inside a commit.
    bot::Checkpointer checkpointer(database, file);
    bot::telegram::BotIdentity identity{"planbot", 1};
    bot::telegram::UpdateHandler handler(database, plan, clock, zone, identity, {});
    storage::Outbox outbox(database);
    const int64_t queued_before = outbox.pending_count();
    int64_t update_id = 1, queued = 0;
    std::vector<double> relay;
    for (int i = 0; i < rounds + 20; ++i) {
        // The reply is shown to its author first (untimed); «send» relays it.
        handler.handle(bench::private_command(
            update_id++,
            "/forum svar " + std::to_string(1 + kPostsPerThread * (i % (kPosts / kPostsPerThread))) +
                " Slik gjorde vi det i Oppdal, runde " + std::to_string(i),
            kFirstUser));
        database.execute("UPDATE outbox SET status = 'sent', sent_at = created_at WHERE status = 'pending'");
        const std::string body = bench::private_command(update_id++, "send", kFirstUser);
        const auto began = Steady::now();
        auto result = handler.handle(body);
        const double us = std::chrono::duration<double, std::micro>(Steady::now() - began).count();
        if (result != bot::telegram::UpdateHandler::Result::handled) std::fprintf(stderr, "not handled\n");
        if (i >= 20) relay.push_back(us);  // the first ones warm the statement cache
        // The dispatcher sends them between posts (at 30 messages a second, 50 relays
        // take two seconds), so pending messages do not pile up as in no real forum.
        queued += outbox.pending_count() - queued_before;
        database.execute("UPDATE outbox SET status = 'sent', sent_at = created_at WHERE status = 'pending'");
    }
    const int64_t queued_per_post = queued / (rounds + 20);
    std::printf("%d members, %d posts before; each post queued %lld outbox rows (%d relays and the author's answer)\n",
                kMembers, kPosts, static_cast<long long>(queued_per_post), kMembers - 1);
    bench::print_micros("send of a /forum svar draft (relay to 50 others)", relay);

    // The core's part alone (reading members, thread and digest choices, writing the
    // texts), without the transaction: what the rest of the time is spent on.
    const commands::Context context{plan, start, zone, "planbot", nullptr, &state, {}, nullptr};
    commands::Event event;
    event.platform = "telegram";
    event.chat_id = event.user_id = std::to_string(kFirstUser);
    event.user_name = "Medlem";
    event.text = "send";
    {  // the draft «send» publishes; the core only reads it, so every round finds it
        storage::Transaction transaction(database);
        state.apply({commands::SetForumDraft{commands::ForumDraft{"", start, 6, "Slik gjorde vi det i Oppdal"}}, ""},
                    "telegram", event.user_id, start);
        transaction.commit();
    }
    std::vector<double> core;
    for (int i = 0; i < rounds; ++i) {
        const auto began = Steady::now();
        const commands::Outcome outcome = commands::handle(event, context);
        core.push_back(std::chrono::duration<double, std::micro>(Steady::now() - began).count());
        if (outcome.replies.size() != static_cast<size_t>(kMembers)) std::fprintf(stderr, "unexpected replies\n");
    }
    bench::print_micros("  of which the core", core);

    // A search through the same path: parse, the core, FTS5, the answer in the outbox.
    for (const char* words : {"budsjett", "eldre kommunepl", "vindkraft helse"}) {
        std::vector<double> search;
        for (int i = 0; i < rounds; ++i) {
            const std::string body = bench::private_command(update_id++, std::string("/forum søk ") + words, kFirstUser);
            const auto began = Steady::now();
            handler.handle(body);
            search.push_back(std::chrono::duration<double, std::micro>(Steady::now() - began).count());
        }
        bench::print_micros(("/forum søk " + std::string(words)).c_str(), search);
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    return 0;
}
