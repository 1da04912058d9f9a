// Benchmark, run by hand: what the secret links serve (issue 21), made from a database
// as it would look in June 2027 after two and a half busy years (four in five
// deadlines confirmed, some with a comment): a personal calendar feed for someone with
// five roles, the organisation's feed, the wheel as PNG and SVG (1080 px), and the
// board's overview page. Each is made `rounds` times; prints the median and the 90th
// percentile; asserts nothing.
//   build/bench/bench_publish [rounds]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "commands/work/tasks_in.hpp"
#include "config/plan_loader.hpp"
#include "publish/calendar_feed.hpp"
#include "publish/overview_page.hpp"
#include "publish/wheel_picture.hpp"
#include "storage/directory.hpp"
#include "storage/migrations.hpp"
#include "storage/work_state.hpp"

namespace {

using namespace planbot;
using Steady = std::chrono::steady_clock;

void measure(const char* what, int rounds, const std::function<size_t()>& make) {
    std::vector<double> ms;
    size_t bytes = 0;
    for (int round = 0; round < rounds; ++round) {
        const auto started = Steady::now();
        bytes = make();
        ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - started).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-44s median %8.3f ms   p90 %8.3f ms   (%zu bytes, %d rounds)\n", what, ms[ms.size() / 2],
                ms[ms.size() * 9 / 10], bytes, rounds);
}

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 200;
    const auto plan_text = config::read_text_file(PLANBOT_SOURCE_DIR "/config/plan/trondelag-sv-2025-2028.toml", "plan");
    const auto plan = config::parse_plan(plan_text.value(), "plan");
    if (!plan) {
        std::fprintf(stderr, "%s\n", plan.error().describe().c_str());
        return 1;
    }
    const date::time_zone* zone = date::locate_zone("Europe/Oslo");
    const date::year_month_day today = date::year(2027) / 6 / 10;
    const auto now = zone->to_sys(date::local_days(today) + std::chrono::hours(10));

    storage::Database database = storage::Database::in_memory();
    storage::migrate(database);
    storage::WorkState state(database);
    // Kari holds five roles; she confirmed four in five of the deadlines before today.
    const std::vector<config::RoleRef> roles = {
        {"kasserer", ""}, {"fylkessekretaer", ""}, {"regionleder", "innherred"}, {"fylkesleder", ""}, {"au", ""}};
    {
        storage::Transaction transaction(database);
        storage::Directory(database).remember_user({"telegram", "1001", "Kari", "Nordmann", "kari"}, now, true);
        for (const config::RoleRef& role : roles)
            state.apply({commands::GrantRole{{"telegram", "1001", "Kari Nordmann", "kari"}, role}, ""}, "telegram", "1",
                        now);
        int n = 0;
        for (int year = plan->first_year; year <= 2027; ++year)
            for (const commands::DueTask& due : commands::TaskCalendar(*plan, state).of_year(year))
                for (const commands::Occurrence& occurrence : due.occurrences)
                    if (occurrence.due < today && ++n % 5 != 0)
                        state.apply({commands::Complete{occurrence.id, n % 3 ? "" : "Gjort, og referat sendt"}, ""},
                                    "telegram", "1001", now - std::chrono::hours(24 * (n % 300)));
        transaction.commit();
    }
    std::printf("%zu completions in the database\n", state.all_completions().size());
    const std::vector<config::RoleRef> held = state.roles_of("telegram", "1001", today);
    std::printf("Kari holds %zu roles\n", held.size());

    measure("personal calendar feed (5 roles)", rounds, [&] {
        publish::FeedRequest request{*plan, &state, zone, now, held, "Trøndelag SV – mine frister"};
        return publish::calendar_feed(request).text.size();
    });
    measure("organisation's calendar feed", rounds, [&] {
        publish::FeedRequest request{*plan, &state, zone, now, std::nullopt, "Trøndelag SV – alle frister"};
        return publish::calendar_feed(request).text.size();
    });
    measure("wheel PNG 1080 px", std::max(rounds / 10, 5), [&] {
        return publish::wheel_png({*plan, &state, 2027, today}).size();
    });
    measure("wheel SVG", std::max(rounds / 10, 5), [&] { return publish::wheel_svg({*plan, &state, 2027, today}).size(); });
    measure("overview page 2027", rounds, [&] {
        publish::OverviewRequest request{*plan, &state, 2027, today};
        request.wheel_picture_url = "/arshjul/2027.svg?t=x";
        request.calendar_url = "/kalender/x.ics";
        request.stylesheet_url = "/oversikt/x/stil.css";
        request.zone = zone;
        return publish::overview_page(request).size();
    });
    return 0;
}
