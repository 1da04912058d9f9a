// See term_questions.hpp.
#include "commands/reminders/term_questions.hpp"

#include <algorithm>
#include <map>

#include "commands/language/dates.hpp"
#include "commands/reminders/texts.hpp"
#include "commands/work/task_text.hpp"

namespace planbot::commands::detail {

namespace {

using date::year_month_day;

// Someone holds `role` (the same role and unit) past `end`: the role has a successor.
bool succeeded(const std::vector<Holding>& holdings, const config::RoleRef& role, year_month_day end,
               std::string_view platform) {
    return std::ranges::any_of(holdings, [&](const Holding& holding) {
        return holding.person.platform == platform && holding.role == role && held_on(holding, end);
    });
}

// The roles whose terms end on `end` without a successor, with their holders.
std::vector<EndingTerm> ending_on(const std::vector<Holding>& holdings, year_month_day end, std::string_view platform) {
    std::vector<EndingTerm> out;
    for (const Holding& holding : holdings) {
        if (holding.person.platform != platform || holding.term_end != end) continue;
        if (succeeded(holdings, holding.role, end, platform)) continue;
        auto found = std::ranges::find(out, holding.role, &EndingTerm::role);
        if (found == out.end()) found = out.insert(out.end(), EndingTerm{holding.role, {}});
        found->holders.push_back(&holding.person);
    }
    return out;
}

}  // namespace

void plan_term_questions(const config::Plan& plan, const ReminderClock& clock, Recipients& recipients, DayRange sent,
                         std::chrono::sys_seconds until, std::string_view platform, std::vector<PlannedMessage>& out) {
    const std::optional<DayRange> nominal = clock.nominal_days(sent);
    if (!nominal) return;
    const std::vector<Holding>& holdings = recipients.holdings();
    if (std::ranges::none_of(holdings, [](const Holding& holding) { return holding.term_end.has_value(); })) return;
    // A term is asked about on the first send day in its last week, up to the day it
    // ends: a week before as a rule, and a term given with less than a week left on the
    // next send day after. Each role's question has a key of its own, recorded when it is
    // queued, so it goes out once however many windows plan it again. After downtime
    // each ending day in the window is asked about once (late).
    std::map<year_month_day, std::pair<year_month_day, std::vector<EndingTerm>>> by_end;  // end → send day, terms
    for (year_month_day day = nominal->first; day <= nominal->last; day = add_days(day, 1)) {
        const year_month_day send = clock.send_day(day);
        if (send < sent.first || send > sent.last) continue;
        for (int ahead = 0; ahead <= kTermQuestionDays; ++ahead) {
            const year_month_day end = add_days(day, ahead);
            if (end < send || by_end.contains(end)) continue;  // over before it is sent; or asked on an earlier day
            if (std::vector<EndingTerm> terms = ending_on(holdings, end, platform); !terms.empty())
                by_end.emplace(end, std::pair{send, std::move(terms)});
        }
    }
    for (const auto& [end, asked] : by_end) {
        const auto& [day, terms] = asked;
        recipients.on(day);
        std::vector<std::string> roles;
        for (const EndingTerm& term : terms)
            roles.push_back(term.role.role_id + (term.role.unit.empty() ? "" : "/" + term.role.unit));
        for (const Audience& audience : recipients.secretaries()) {
            PlannedMessage& message = out.emplace_back();
            message.kind = ReminderKind::term_question;
            message.due_at = clock.send_at(day);
            message.late = is_late(message.due_at, until);
            message.platform = std::string(platform);
            const std::string prefix = "t|" + iso_date(end) + "|" + audience.chat_id + "|";
            message.key = prefix + roles.front();
            for (size_t i = 1; i < roles.size(); ++i) message.also_keys.push_back(prefix + roles[i]);
            const year_month_day today = message.late ? clock.local_day(until) : day;
            message.reply.chat_id = audience.chat_id;
            message.reply.message()->thread_id = audience.thread_id;
            message.reply.text = term_question_text(plan, terms, end, today, message.late);
            message.summary = term_question_summary(plan, terms, end, today);
            if (!audience.private_chat) message.reply.message()->mentions = mentions_of(audience.parties);
        }
    }
}

}  // namespace planbot::commands::detail
