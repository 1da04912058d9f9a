// See router.hpp.
#include "commands/router.hpp"

#include <algorithm>

#include "commands/command_line.hpp"
#include "commands/forum/forum.hpp"
#include "commands/intents.hpp"
#include "commands/language/matching.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/language/period.hpp"
#include "commands/language/stop_words.hpp"
#include "commands/people/admin_commands.hpp"
#include "commands/reminders/reminder_commands.hpp"
#include "commands/reply_text.hpp"
#include "commands/wheel/calendar_questions.hpp"
#include "commands/report/overview_commands.hpp"
#include "commands/sharing/sharing_commands.hpp"
#include "commands/wheel/date_command.hpp"
#include "commands/wheel/wheel_questions.hpp"
#include "commands/work/handover.hpp"
#include "commands/work/plan_changes.hpp"
#include "commands/work/work_commands.hpp"

namespace planbot::commands {

namespace {

// Questions are short; a longer message is read only this far (at a character
// boundary), so a pasted essay cannot make the bot slow.
constexpr size_t kLongestQuestion = 500;
// "hva skjer?" without a time: the next two weeks.
constexpr int kComingDays = 14;

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    return out;
}

// Drops mentions of the bot ("@planbot") and the leading "/" (and "@planbot" suffix)
// of a command, so "/hjelp@planbot" and "@planbot hva skjer?" read as "hjelp" and
// "hva skjer?". Mentions of others stay, so "@kari hva skjer" is not for us.
std::string strip_addressing(std::string_view text, std::string_view bot_username) {
    if (text.size() > kLongestQuestion) {
        size_t cut = kLongestQuestion;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text = text.substr(0, cut);
    }
    const std::string us = "@" + lower_ascii(bot_username);
    std::string out;
    size_t start = 0;
    bool first = true;
    while (start < text.size()) {
        size_t end = text.find_first_of(" \t\r\n", start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view token = text.substr(start, end - start);
        start = end + 1;
        if (token.empty()) continue;
        std::string folded_token = lower_ascii(token);
        while (!folded_token.empty() && std::string_view(",.:!?").find(folded_token.back()) != std::string_view::npos)
            folded_token.pop_back();
        if (token.front() == '@' && (bot_username.empty() || folded_token == us)) continue;
        if (first && token.front() == '/') {
            token.remove_prefix(1);
            auto at = token.find('@');
            if (at != std::string_view::npos) token = token.substr(0, at);
        }
        first = false;
        out += std::string(token) + " ";
    }
    return out;
}

bool is_skjer(std::string_view word) {
    return is_one_of(word, {"skjer", "skjera", "skjere", "skjed", "skjaer", "skje", "sjer", "skjet", "hender", "skjedde",
                            "skjedd", "hendte"});
}

bool is_who_question(const std::vector<std::string>& w) {
    bool asks_who = std::ranges::any_of(w, [](const std::string& word) {
        return is_one_of(word, {"hvem", "kven", "kem", "kaem", "hvemm", "kenn"});
    });
    bool mentions_ansvar = std::ranges::any_of(w, [](const std::string& word) { return word.starts_with("ansvar"); });
    return asks_who && mentions_ansvar;
}

bool is_when_question(const std::vector<std::string>& w) {
    for (size_t i = 0; i < w.size() && i < 6; ++i) {
        if (is_one_of(w[i], {"nar", "nr", "narr"})) return true;
        if (i + 1 < w.size() && is_one_of(w[i], {"kor", "ka", "kva", "hva", "hvilken", "kaffer"}) &&
            is_one_of(w[i + 1], {"tid", "dato", "tidspunkt"}))
            return true;
    }
    return !w.empty() && w[0] == "dato";
}

std::string not_understood() {
    return "Det skjønte jeg ikke helt. Prøv for eksempel «hva skjer i mai» eller «når er fylkesårsmøtet?». "
           "Skriv «hjelp» for flere eksempler.";
}

std::string which_time() {
    return "Jeg skjønte ikke hvilken tid du mener. Prøv «hva skjer i mai», «hva skjer neste uke», «hva skjer i uke 12» "
           "eller «hva skjer i dag».";
}

bool has_number(const std::vector<std::string>& words) {
    return std::ranges::any_of(words, [](const std::string& word) { return as_number(word).has_value(); });
}

std::string answer_period_question(std::string_view text, const Context& context) {
    PeriodParse parse = parse_period(text, local_today(context), ferie_weeks(context));
    if (parse.status == PeriodStatus::ambiguous_month) {
        std::string options;
        for (size_t i = 0; i < parse.month_candidates.size(); ++i)
            options += (i == 0 ? "" : i + 1 == parse.month_candidates.size() ? " eller " : ", ") +
                       std::string(month_name(parse.month_candidates[i]));
        return "Mente du " + options + "? Skriv for eksempel «hva skjer i " +
               std::string(month_name(parse.month_candidates.front())) + "».";
    }
    // A number we could not place ("mai 28", "i 1.5") means we may have misread the
    // time: ask rather than answer for the wrong one.
    if (has_number(parse.leftover)) return which_time();
    if (parse.status == PeriodStatus::found) return answer_period(context, parse.period);
    if (parse.leftover.empty()) return answer_period(context, coming_days(local_today(context), kComingDays));
    if (auto reply = answer_when(context, topic_words(parse.leftover))) return *reply;
    return which_time();
}

}  // namespace

bool is_open_wheel_question(std::string_view text, std::string_view bot_username) {
    std::vector<std::string> w = words(strip_addressing(text, bot_username));
    return w.size() >= 2 && is_one_of(w[0], {"hva", "kva", "ka", "hvad"}) &&
           (is_skjer(w[1]) || (w.size() >= 3 && w[1] == "som" && is_skjer(w[2])));
}

const std::vector<CommandSpec>& command_table() {
    static const std::vector<CommandSpec> table = [] {
        std::vector<CommandSpec> rows = {
            {.name = "hjelp",
             .aliases = {"help", "start", "hjelpe", "hjalp", "kommandoer", "meny"},
             .handler = [](const Event& event, const Context& context, const Command&) {
                 return detail::say(event, help_text(context));
             },
             .needs_state = false,
             .needs_person = false,
             .menu = "Hva jeg kan svare på, med eksempler"},
        };
        for (const auto* family : {&work_commands(), &wheel_commands(), &reminder_commands(), &people_commands(),
                                   &overview_commands(), &sharing_commands(), &forum_commands(), &plan_commands()})
            rows.insert(rows.end(), family->begin(), family->end());
        // Whoever gets a role gets its handover: /rolle (people/) followed by the handover (work/).
        for (CommandSpec& row : rows)
            if (row.name == "rolle")
                row.handler = [](const Event& event, const Context& context, const Command& command) {
                    Outcome outcome = find_command(people_commands(), "rolle")->handler(event, context, command);
                    add_handovers(event, context, outcome);
                    return outcome;
                };
        return rows;
    }();
    return table;
}

std::vector<MenuEntry> command_menu() {
    std::vector<MenuEntry> menu;
    for (const CommandSpec& row : command_table())
        if (!row.menu.empty()) menu.push_back({std::string(row.name), std::string(row.menu)});
    return menu;
}

std::string help_text(const Context& context) {
    const config::Plan& plan = context.plan;
    std::string text = "Hei! Jeg er planbot og holder styr på arbeidsplanen til " + plan.organisation + " " +
                       std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year) +
                       ". Spør meg med vanlige ord, for eksempel:\n"
                       "• hva skjer i mai\n"
                       "• ka skjer neste uke / i helga / i dag / i morgen\n"
                       "• hva skjer i mars 2027 (eller «neste måned», «uke 12», «i år»)\n"
                       "• når er fylkesårsmøtet?\n"
                       "• hvem har ansvar for partiskatt? (eller «… for nr. 9»)\n"
                       "• hva har jeg ansvar for? / hvilke frister er det i juni?\n"
                       "Kommandoer:\n";
    std::vector<std::string> for_admins;
    for (const CommandSpec& row : command_table()) {
        if (!row.help.empty())
            text += "• " + (row.usage.empty() ? "/" + std::string(row.name) : std::string(row.usage)) + " – " +
                    std::string(row.help) + "\n";
        if (!row.admin_usage.empty()) for_admins.emplace_back(row.admin_usage);
    }
    return text + "For admin: " + detail::join_list(for_admins, ", ") + "\nBokmål, nynorsk og trøndersk går fint.";
}

namespace {

// The reply to a message that is not a command, whatever the chat.
std::string answer_to(const Event& event, const Context& context) {
    const std::vector<std::string> w = words(strip_addressing(event.text, context.bot_username));
    if (w.empty()) return not_understood();  // only punctuation, emoji or mentions
    // Greetings, thanks, help, a tiltak by number, who holds a role, what a role does.
    if (auto reply = answer_intent(event, context, w)) return *reply;
    if (is_who_question(w)) {
        std::vector<std::string> topic = topic_words(w);
        if (topic.empty())
            return "Hva vil du vite hvem som har ansvar for? Skriv for eksempel «hvem har ansvar for partiskatt» eller "
                   "«hvem har ansvar for nr. 9».";
        if (auto reply = answer_who(context, topic)) return *reply;
        return "Jeg fant ikke noe tiltak i planen som passer. Prøv et annet ord, for eksempel «hvem har ansvar for "
               "partiskatt», eller et nummer: «hvem har ansvar for nr. 9».";
    }
    // «har vi noe i juni», «skjer det noe på lørdag», «er det noe jeg må gjøre denne uka».
    if (auto reply = answer_existence(event, context, w)) return *reply;
    if (is_when_question(w)) {
        // An event of the wheel named outright wins («når er 1. mai»); then the calendar's
        // own days («når er påska», «når er 17. mai»); then what the wheel matches loosely.
        std::optional<std::string> event_answer = answer_when(context, topic_words(w));
        if (event_answer && event_answer->starts_with("• ") && !event_answer->starts_with("• nr. ")) return *event_answer;
        if (auto reply = answer_calendar_date(context, strip_addressing(event.text, context.bot_username), w))
            return *reply;
        if (event_answer) return *event_answer;
        return "Jeg fant ikke noe i årshjulet som passer. Prøv for eksempel «når er fylkesårsmøtet?» eller "
               "«når er landsmøtet?».";
    }
    const std::string stripped = strip_addressing(event.text, context.bot_username);
    if (std::ranges::any_of(w, [](const std::string& word) { return is_skjer(word); }))
        return answer_period_question(stripped, context);
    // A bare period ("mai", "neste uke") or a bare event ("landsmøtet?") is a question too.
    PeriodParse bare = parse_period(stripped, local_today(context), ferie_weeks(context));
    if (bare.status == PeriodStatus::found && bare.leftover.empty()) return answer_period(context, bare.period);
    if (auto reply = answer_when(context, topic_words(w))) return *reply;
    return not_understood();
}

// "Ukjent kommando /ferdi. Mente du /ferdig? …": a slash command no row has is never
// read as a question.
Outcome unknown_command(const Event& event, const Command& command) {
    std::string_view typed = event.text;  // a view of the event's own text, never of a copy
    typed = typed.substr(typed.find('/') + 1);
    typed = typed.substr(0, std::min(typed.find_first_of(" \t\r\n@"), typed.size()));
    std::string text = "Ukjent kommando /" + detail::shortened(typed, 30) + ".";
    std::vector<std::string> offered;
    for (std::string_view name : closest_commands(command_table(), command.name))
        offered.push_back("/" + std::string(name));
    if (!offered.empty()) text += " Mente du " + detail::join_list(offered, " eller ") + "?";
    if (is_stop_word(command.name))  // "/hva skjer i mai", "/når er landsmøtet"
        text += " Spørsmål skriver du uten skråstrek, for eksempel «hva skjer i mai».";
    return detail::say(event, text + " Skriv /hjelp for alle kommandoene.");
}

}  // namespace

std::string answer(std::string_view text, const Context& context) {
    Event event;
    event.text = std::string(text);
    return answer_to(event, context);
}

Outcome handle(const Event& event, const Context& context) {
    if (event.button) {
        if (auto forum = handle_forum_button(event, context)) return std::move(*forum);
        return handle_done_button(event, context);
    }
    Outcome outcome;
    bool speak = event.chat_kind == ChatKind::private_chat || event.addressed_to_bot;
    if (!speak && is_open_wheel_question(event.text, context.bot_username)) {
        // Unaddressed in a group, "ka skjer?" is usually a greeting: answer only when
        // the message names a time ("ka skjer i mai") that we understood.
        PeriodParse parse = parse_period(strip_addressing(event.text, context.bot_username), local_today(context),
                                         ferie_weeks(context));
        speak = parse.status != PeriodStatus::none && !has_number(parse.leftover);
    }
    std::optional<Command> command = read_command(event.text);
    // In a group with topics that mirrors the forum, what members write in a thread's topic
    // goes into the thread, addressed to the bot or not.
    if (!speak && !command && context.state && event.chat_kind == ChatKind::group && !event.thread_id.empty() &&
        from_person(event))
        if (auto forum = handle_forum(event, context, std::nullopt)) return std::move(*forum);
    if (!speak) return outcome;
    if (!command && context.state) {
        // "påminnelser" written without the slash (a command menu cannot hold "å").
        const std::vector<std::string> w = words(strip_addressing(event.text, context.bot_username));
        if (!w.empty() && (w[0] == "paminnelser" || w[0] == "paminnelse")) command = Command{"paminnelser", {}, ""};
    }
    if (command) {
        if (auto routed = run_command(command_table(), event, context, *command)) return std::move(*routed);
        return unknown_command(event, *command);
    } else if (auto forum = from_person(event) ? handle_forum(event, context, std::nullopt) : std::nullopt) {
        // Before the questions: the text after "/forum ny", a reply to a relayed post, an attachment.
        // (Nothing of the forum is for a message on behalf of a chat: it is no member's.)
        return std::move(*forum);
    } else if (auto wish = wheel_picture_wish(words(strip_addressing(event.text, context.bot_username)))) {
        // «vis årshjulet», «årshjulet 2027»: the picture, as /årshjul would send it.
        if (auto routed = run_command(command_table(), event, context, *wish)) return std::move(*routed);
    } else if (context.state) {
        std::vector<std::string> w = words(strip_addressing(event.text, context.bot_username));
        if (auto work = answer_work_question(event, context, w)) return std::move(*work);
    }
    outcome.replies.push_back(reply_in(event, answer_to(event, context)));
    return outcome;
}

}  // namespace planbot::commands
