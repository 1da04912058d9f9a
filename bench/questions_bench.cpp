// Benchmark, run by hand: how long the core takes to answer "hva skjer i mai", every
// message of the questions corpus (tests/fixtures/language/questions.tsv) through the
// router, and to load and validate the shipped plan; and what loading Debian's
// Norwegian dictionaries (language.dictionaries) adds to start-up and resident memory.
// Questions are answered with the dictionaries, as the bot answers them. Prints
// medians; not a test, asserts nothing.
//   build/bench/bench_questions [rounds]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bot/language/hunspell_speller.hpp"
#include "commands/router.hpp"
#include "commands/language/search_index.hpp"
#include "commands/people/roles.hpp"
#include "config/plan_loader.hpp"
#include "config/settings.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// The process's resident memory, in kB (Linux).
long resident_kb() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.starts_with("VmRSS:")) return std::atol(line.c_str() + 6);
    return 0;
}

double median(std::vector<double> values) {
    std::ranges::sort(values);
    return values[values.size() / 2];
}

double percentile(std::vector<double> values, double p) {
    std::ranges::sort(values);
    return values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

// The corpus's messages (third column), without the comment lines.
std::vector<std::string> corpus_messages() {
    std::ifstream file(PLANBOT_SOURCE_DIR "/tests/fixtures/language/questions.tsv");
    std::vector<std::string> out;
    for (std::string row; std::getline(file, row);) {
        if (row.empty() || row.starts_with("#")) continue;
        std::stringstream split(row);
        std::string field;
        for (int column = 0; column < 3 && std::getline(split, field, '\t'); ++column) {}
        out.push_back(field);
    }
    return out;
}

// Every corpus message once per round, in a private chat; the median and p90 of the
// time per message over all of them.
size_t bench_corpus(const planbot::commands::Context& context, int rounds) {
    using namespace planbot;
    const std::vector<std::string> messages = corpus_messages();
    std::vector<double> per_message_us;
    size_t checksum = 0;
    commands::Event event;
    event.chat_id = "42";
    std::vector<double> first_round_us;
    for (int round = 0; round < rounds / 20 + 1; ++round)
        for (const std::string& message : messages) {
            event.text = message;
            auto start = Clock::now();
            const commands::Outcome outcome = commands::handle(event, context);
            const double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
            (round == 0 ? first_round_us : per_message_us).push_back(us);
            for (const commands::Reply& reply : outcome.replies) checksum += reply.text.size();
        }
    // The first round meets each word for the first time (the dictionaries remember
    // their answers); later rounds are what a running bot sees for words it has met.
    std::printf("answer the questions corpus, first time each message (%zu): median %.2f us, p90 %.2f us, "
                "max %.2f us\n",
                first_round_us.size(), median(first_round_us), percentile(first_round_us, 0.9),
                percentile(first_round_us, 1.0));
    if (per_message_us.empty()) return checksum;
    std::printf("answer the questions corpus (%zu messages, router, no database): median %.2f us, p90 %.2f us, "
                "max %.2f us per message (%d rounds)\n",
                messages.size(), median(per_message_us), percentile(per_message_us, 0.9),
                percentile(per_message_us, 1.0), rounds / 20 + 1);
    return checksum;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace planbot;
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 2000;
    const char* plan_file = PLANBOT_SOURCE_DIR "/config/plan/trondelag-sv-2025-2028.toml";

    std::vector<double> load_ms;
    std::optional<config::Plan> plan;
    for (int i = 0; i < 50; ++i) {
        auto start = Clock::now();
        auto loaded = config::load_plan(plan_file);
        load_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (!loaded) {
            std::fprintf(stderr, "%s\n", loaded.error().describe().c_str());
            return 1;
        }
        plan = std::move(*loaded);
    }

    const date::time_zone* zone = date::locate_zone("Europe/Oslo");
    const commands::SearchIndex index = commands::build_search_index(*plan);
    const long before_kb = resident_kb();
    const auto load_start = Clock::now();
    auto speller = bot::HunspellSpeller::load(config::Settings{}.dictionaries);
    const double dictionaries_ms = std::chrono::duration<double, std::milli>(Clock::now() - load_start).count();
    if (!speller) {
        std::fprintf(stderr, "%s\n", speller.error().c_str());
        return 1;
    }
    std::printf("load the dictionaries (nb_NO, nn_NO): %.1f ms, resident memory +%.1f MB\n", dictionaries_ms,
                static_cast<double>(resident_kb() - before_kb) / 1024.0);
    commands::Context context{*plan, date::sys_days(date::year(2026) / 11 / 28) + std::chrono::hours(9), zone,
                              "planbot", &index};
    context.speller = speller->get();
    const commands::RoleNames role_names = commands::build_role_names(*plan);
    context.role_names = &role_names;
    size_t checksum = 0;
    const char* questions[] = {"hva skjer i mai", "ka skjer neste uke", "når er fylkesårsmøtet?",
                               "hvem har ansvar for partiskatt", "hvem er kasserer"};
    for (const char* question : questions) {
        std::vector<double> per_question_us;
        constexpr int kBatch = 10;
        for (int round = 0; round < rounds; ++round) {
            auto start = Clock::now();
            for (int i = 0; i < kBatch; ++i) checksum += commands::answer(question, context).size();
            per_question_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count() /
                                      kBatch);
        }
        std::printf("answer \"%s\": median %.2f us, p90 %.2f us per question (%d x %d)\n", question,
                    median(per_question_us), percentile(per_question_us, 0.9), rounds, kBatch);
    }
    {
        // The role names built per question, as without Context::role_names.
        commands::Context uncached = context;
        uncached.role_names = nullptr;
        std::vector<double> per_question_us;
        constexpr int kBatch = 10;
        for (int round = 0; round < rounds; ++round) {
            auto start = Clock::now();
            for (int i = 0; i < kBatch; ++i) checksum += commands::answer("hvem er kasserer", uncached).size();
            per_question_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count() /
                                      kBatch);
        }
        std::printf("answer \"hvem er kasserer\" without the role names built once: median %.2f us, p90 %.2f us\n",
                    median(per_question_us), percentile(per_question_us, 0.9));
    }
    checksum += bench_corpus(context, rounds);
    std::printf("load and validate plan: median %.3f ms, p90 %.3f ms (50 loads)\n", median(load_ms),
                percentile(load_ms, 0.9));
    std::printf("(checksum %zu)\n", checksum);
    return 0;
}
