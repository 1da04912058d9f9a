// What the work commands share with the other features that speak of tasks (the
// reminders, the forum's follow-up, the wheel's answers): reading a command's words,
// naming tasks, units and plan dates, and the completions by id. Pure: today comes
// from the Context, never from a clock. The work commands' own handlers are in
// work_support.hpp, which is private to commands/work/.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "commands/command_line.hpp"
#include "commands/event.hpp"
#include "commands/language/dates.hpp"
#include "commands/reply_text.hpp"
#include "commands/work/tasks.hpp"

namespace planbot::commands::detail {

// ---- args --------------------------------------------------------------------

// The items joined with single spaces.
std::string join_words(const std::vector<std::string>& items);
// args[from…] joined with single spaces ("" when from is past the end).
std::string join_from(const std::vector<std::string>& args, size_t from);

// "Fylkesleder" → "fylkesleder" for the middle of a sentence ("AU" stays).
std::string lower_first(std::string text);

// The one folded word an arg is ("9." → "9"), or "" when it folds to none or several.
std::string one_word(std::string_view arg);

// Raw args folded word by word, remembering which arg each word came from, so a role
// or unit read from folded words maps back to the raw text after it.
struct FoldedArgs {
    std::vector<std::string> words;
    std::vector<size_t> arg_of;
    size_t from = 0;
    // The first arg after the first `used` words (a word's whole arg counts as used).
    size_t next_arg(size_t used) const {
        if (used == 0 || words.empty()) return from;
        return arg_of[std::min(used, words.size()) - 1] + 1;
    }
};

FoldedArgs fold_args(const std::vector<std::string>& args, size_t from);

// "… side 2" at the end of the args: the page asked for (1 when none), taken off the args.
size_t take_page(std::vector<std::string>& args);
// The answer to a page after the last of `pages`: "Det er bare 2 sider. Skriv «/frister
// juni side 2» for den siste."
std::string beyond_last_page(size_t pages, std::string_view command);

// The raw text after the first `count` args (args are split at whitespace), trimmed;
// line breaks inside are kept.
std::string text_after(std::string_view rest, size_t count);

// How many characters (Unicode code points) UTF-8 text has: "æ" and "🎉" count one each.
size_t character_count(std::string_view text);

// The task number at args[at] ("9", "9.", "nr. 9"); `at` moves past it.
std::optional<int> task_number(const std::vector<std::string>& args, size_t& at);

// ---- dates (calendar days in the plan's zone) ---------------------------------

// long_day, day_in and local_day: language/dates.hpp.
int days_between(date::year_month_day from, date::year_month_day to);
date::year_month_day week_monday(date::year_month_day day);
// The first and last day of the plan period.
date::year_month_day plan_first(const config::Plan& plan);
date::year_month_day plan_last(const config::Plan& plan);

// ---- tasks, units, roles -------------------------------------------------------

// Where an occurrence stands on `today`, the one rule /oppgaver lists by and /ferdig
// without a selector confirms by, so the two never disagree: due before tracking
// started (`since`) it is history, not work left; so is a weekly task's past week (last
// month's meeting is not work left to do); otherwise it is overdue (before today) or
// current (today or later; a weekly task's this week).
enum class Standing { history, overdue, current };
Standing standing_of(const Occurrence& occurrence, bool weekly, date::year_month_day since, date::year_month_day today);

// "region"/"regioner", "utvalg", "lokallag", "enhet"/"enheter".
std::string units_word(config::Scope scope, size_t count);
bool is_weekly(const Task& task);
// admin_dates and ongoing tiltak: their dates are the ones admins add with /frist.
bool has_own_dates(const Task& task);
// The units a task has occurrences for: the plan's, or a single "" for a task not per unit.
std::vector<std::string> task_units(const config::Plan& plan, const Task& task);
// "nr. 9 Følge opp partiskatt", for the middle of a sentence.
std::string task_name(const Task& task);
// "Nr. 9 Følge opp partiskatt", for the start of one.
std::string task_heading(const Task& task);
// "Nr. 9 Følge opp partiskatt (1. kvartal 2026)".
std::string occurrence_name(const config::Plan& plan, const Task& task, const Occurrence& occurrence);

// The replies to a task number or role name that matches nothing, with what would.
std::string unknown_task(const config::Plan& plan, int number);
std::string unknown_role(const config::Plan& plan, std::string_view typed);

// Completed occurrences, for lookups by id.
class DoneSet {
public:
    explicit DoneSet(std::vector<Completion> completions) : list_(std::move(completions)) {
        std::ranges::sort(list_, {}, &Completion::id);
    }
    const Completion* find(const OccurrenceId& id) const {
        auto found = std::ranges::lower_bound(list_, id, {}, &Completion::id);
        return found != list_.end() && found->id == id ? &*found : nullptr;
    }

private:
    std::vector<Completion> list_;
};

}  // namespace planbot::commands::detail
