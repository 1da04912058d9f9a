// See forum.hpp. The entry points: the command table's row for /forum and the
// dispatch of its subcommands, the rest of what a message can be to the forum (a
// member's draft going on, a reply to a relayed or mirrored post, an attachment), the
// ✅ Publiser button, and the county board's follow-up lines. What they call lives
// beside them, shared through forum_support.hpp:
//   members.cpp   who is in the forum, how authors are named, whom a non-member asks
//   text.cpp      post numbers, trimming, pieces of a long text, search text and #tags
//   relay.cpp     a new post stored and relayed to the members and the mirror
//   listings.cpp  /forum, /forum vis, /forum søk, /forum emne
//   writing.cpp   /forum ny, svar, rediger, slett, skjul, gjenopprett, demp, på
//   drafts.cpp    what goes to every member shown to its author first, and sent on «send»
#include "commands/forum/forum.hpp"

#include <algorithm>
#include <tuple>

#include "commands/forum/forum_support.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"

namespace planbot::commands {

using namespace forum_detail;

namespace {

constexpr int64_t kLastPage = 1'000'000;  // pages asked for beyond this are read as this one

constexpr std::string_view kUsage =
    "Forumet for enpersonsgrupper:\n"
    "• /forum – de nyeste trådene (/forum side 2 for flere)\n"
    "• /forum ny <tittel> – start en tråd; skriv teksten i neste melding (eller «/forum ny tittel: tekst»)\n"
    "• send – sender innlegget du har fått se (/forum avbryt forkaster det)\n"
    "• /forum vis 12 – les tråd 12 med svarene\n"
    "• /forum svar 12 <tekst> – svar i tråd 12 (eller svar på meldingen fra meg)\n"
    "• /forum søk <ord> – søk i titler og tekst\n"
    "• /forum emne – emneknaggene; /forum emne budsjett – trådene merket #budsjett\n"
    "• /forum rediger 13 <tekst>, /forum slett 13 – endre eller slette ditt eget innlegg\n"
    "• /forum demp – bare en oppsummering hver mandag; /forum på – hvert innlegg igjen\n"
    "Skriv #emneknagger i teksten, for eksempel #budsjett eller #skole. Forumet tar bare vare på tekst.";

// "/forum vis 12 side 2": the page asked for, taken off the args; nullopt when none is.
// A page past every page is told so (a number of any length reads as kLastPage).
std::optional<size_t> take_page(std::vector<std::string>& args) {
    if (args.size() < 2 || detail::one_word(args[args.size() - 2]) != "side") return std::nullopt;
    const std::string word = detail::one_word(args.back());
    if (word.empty() || !std::ranges::all_of(word, [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    const auto number = digits_number(word);
    args.resize(args.size() - 2);
    return static_cast<size_t>(number ? std::clamp<int64_t>(*number, 1, kLastPage) : kLastPage);
}

Outcome forum_command(const Event& event, const Context& context, const Command& command) {
    if (event.chat_kind != ChatKind::private_chat)
        return say(event, "Forumet er privat. Skriv /forum til meg i en privat melding (trykk på navnet mitt).");
    const Members members = members_of(event, context);
    if (!members.find(event.platform, event.user_id)) return not_a_member(event, context);

    std::vector<std::string> args = command.args;
    const std::optional<size_t> page = take_page(args);
    const std::string sub = args.empty() ? "" : detail::one_word(args[0]);
    auto number_at = [&](size_t at) { return at < args.size() ? post_number(args[at]) : std::nullopt; };
    auto needs_number = [&](std::string_view how) {
        return say(event, "Hvilket nummer? Skriv for eksempel «/forum " + std::string(how) + "». «/forum» viser "
                          "trådene med numrene.");
    };

    if (sub.empty()) return list_threads(event, context, members, static_cast<int>(page.value_or(1)));
    if (post_number(args[0])) return show_thread(event, context, members, *post_number(args[0]), page);
    if (is_one_of(sub, {"hjelp", "help"})) return say(event, std::string(kUsage));
    if (is_one_of(sub, {"ny", "nytt", "ni"})) return new_thread(event, context, members, detail::text_after(command.rest, 1));
    if (is_one_of(sub, {"vis", "les", "sjå", "sja", "apne"})) {
        if (auto number = number_at(1)) return show_thread(event, context, members, *number, page);
        return needs_number("vis 12");
    }
    if (is_one_of(sub, {"svar", "svare"})) {
        if (auto number = number_at(1))
            return draft_reply(event, context, members, *number, detail::text_after(command.rest, 2));
        return needs_number("svar 12 <tekst>");
    }
    if (is_one_of(sub, {"sok", "finn", "let"})) return search(event, context, members, detail::text_after(command.rest, 1));
    if (is_one_of(sub, {"emne", "emner", "emneknagg", "emneknagger", "tag", "knagg"}))
        return tags(event, context, members, detail::text_after(command.rest, 1));
    if (is_one_of(sub, {"demp", "dempe", "stille", "ukentlig"})) return set_muted(event, context, true);
    if (is_one_of(sub, {"pa", "live", "alle"})) return set_muted(event, context, false);
    if (is_one_of(sub, {"rediger", "endre", "rett"})) {
        if (auto number = number_at(1)) return edit_post(event, context, *number, detail::text_after(command.rest, 2));
        return needs_number("rediger 13 <ny tekst>");
    }
    if (is_one_of(sub, {"slett", "slette", "fjern"})) {
        if (auto number = number_at(1)) return delete_post(event, context, *number);
        return needs_number("slett 13");
    }
    if (is_one_of(sub, {"skjul", "skjule"})) {
        if (auto number = number_at(1)) return hide_post(event, context, members, *number, true);
        return needs_number("skjul 13");
    }
    if (is_one_of(sub, {"gjenopprett", "vis-igjen", "fram"})) {
        if (auto number = number_at(1)) return hide_post(event, context, members, *number, false);
        return needs_number("gjenopprett 13");
    }
    if (is_one_of(sub, {"avbryt", "angre", "stopp", "forkast"})) return drop_draft(event, context);
    if (is_one_of(sub, {"send", "sende", "publiser"})) return send_draft(event, context, members);
    return say(event, "Den kjenner jeg ikke: " + detail::quoted(args[0]) + ".\n\n" + std::string(kUsage));
}

// A photo, file or voice message: the forum keeps text only.
Outcome attachment(const Event& event, const Context& context, bool member) {
    if (!member) return say(event, "Jeg leser bare tekst. Skriv for eksempel «hva skjer i mai» eller «hjelp».");
    std::string text = "Forumet tar bare vare på tekst, så vedlegget er ikke lagret. Skriv innlegget som tekst "
                       "(en lenke går fint).";
    if (auto draft = context.state->forum_draft(event.platform, event.user_id); draft && draft_fresh(context, *draft))
        text += " " + draft_waiting(context, *draft);
    return say(event, text);
}

bool is_mirror(const Event& event, const Context& context) {
    return std::ranges::any_of(context.state->channels(), [&](const Channel& channel) {
        return channel.target == kForumChannel && channel.platform == event.platform && channel.chat_id == event.chat_id;
    });
}

}  // namespace

const std::vector<CommandSpec>& forum_commands() {
    static const std::vector<CommandSpec> rows = {
        {.name = "forum",
         .handler = [](const Event& event, const Context& context, const Command& command) {
             // "/forum ny …" as a photo's caption: the photo would be lost, so nothing is posted.
             if (!event.attachment.empty() && event.chat_kind == ChatKind::private_chat)
                 return attachment(event, context, members_of(event, context).find(event.platform, event.user_id));
             return forum_command(event, context, command);
         },
         .help = "forumet for enpersonsgruppene (for medlemmene, i privat chat)",
         .menu = "Forumet for enpersonsgruppene (i privat chat)"},
    };
    return rows;
}

std::optional<Outcome> handle_forum(const Event& event, const Context& context, const std::optional<Command>& command) {
    if (command) return run_command(forum_commands(), event, context, *command);
    if (!context.state || event.button) return std::nullopt;
    const bool in_private = event.chat_kind == ChatKind::private_chat;
    const std::optional<int64_t> replied_thread =
        event.reply_to_bot_message.empty()
            ? std::nullopt
            : context.state->forum_thread_of_message(event.platform, event.chat_id, event.reply_to_bot_message);
    std::optional<int64_t> thread = replied_thread;
    // In a group only the mirror's messages can be the forum's: a reply to a mirrored
    // post, or a message in a thread's own topic. Anything else there (photos included)
    // is not for the bot to answer.
    bool in_topic = false;
    if (!in_private) {
        const bool mirror = is_mirror(event, context);
        if (mirror && !thread && !event.thread_id.empty()) {
            thread = context.state->forum_thread_of_topic(event.platform, event.chat_id, event.thread_id);
            in_topic = thread.has_value();
        }
        if (!mirror || !thread) {
            if (!event.attachment.empty()) return Outcome{};
            return std::nullopt;
        }
    }
    const std::optional<ForumDraft> draft =
        in_private ? context.state->forum_draft(event.platform, event.user_id) : std::nullopt;
    if (!draft && !thread && event.attachment.empty()) return std::nullopt;

    const Members members = members_of(event, context);
    const bool member = members.find(event.platform, event.user_id) != nullptr;
    // The topic is the group's: what others write there is theirs, and left alone.
    if (in_topic && !member) return Outcome{};
    if (!event.attachment.empty()) return attachment(event, context, member);
    if (!member) {
        Outcome refused = not_a_member(event, context);
        if (draft) refused.changes.push_back({SetForumDraft{std::nullopt}, ""});
        return refused;
    }
    // A reply to a thread's message says where it belongs, even while a draft waits.
    if (in_private && replied_thread)
        return draft_reply(event, context, members, *replied_thread, trimmed(event.text));
    if (in_private) return continue_draft(event, context, members, *draft);
    // Written in the mirror group, in answer to a thread's message or in its topic, the
    // post is already there for the group to read, and plainly meant for the thread: it
    // is published at once, without the private confirmation step.
    Outcome outcome = reply_to(event, context, members, *thread, trimmed(event.text), true);
    // Written in the thread's topic, the post is there for all to see: no receipt under it.
    if (in_topic && !outcome.changes.empty()) outcome.replies.erase(outcome.replies.begin());
    return outcome;
}

std::optional<Outcome> handle_forum_button(const Event& event, const Context& context) {
    if (!event.button) return std::nullopt;
    return press_publish(event, context);
}

std::string forum_follow_up_lines(const config::Plan& plan, const State& state, const date::time_zone* zone,
                                  date::year_month_day deadline, date::year_month_day today) {
    std::vector<Holding> groups =
        plan.special.forum_members.empty() ? std::vector<Holding>{} : state.holders(plan.special.forum_members, today);
    if (groups.empty())
        return "Ingen har rollen " + role_label(plan, {plan.special.forum_members, ""}) +
               " ennå. Gi den med «/rolle gi enpersonsgruppe <kommune> @navn», så kommer de med i forumet og på "
               "denne lista.";
    std::ranges::stable_sort(groups, [](const Holding& a, const Holding& b) {
        return std::tie(a.role.unit, a.person.name) < std::tie(b.role.unit, b.person.name);
    });
    const unsigned quarter_month = (static_cast<unsigned>(deadline.month()) - 1) / 3 * 3 + 1;
    const date::local_days quarter_start{deadline.year() / date::month(quarter_month) / 1};
    const std::chrono::sys_seconds quarter_from = date::make_zoned(zone, date::local_seconds(quarter_start)).get_sys_time();
    std::string text = "Enpersonsgruppene i forumet:";
    std::vector<std::string> silent;
    for (const Holding& holding : groups) {
        const std::string name = display_name(holding.person) +
                                 (holding.role.unit.empty() ? "" : " (" + holding.role.unit + ")");
        const auto last = state.forum_last_post_by(holding.person.platform, holding.person.user_id);
        if (last) {
            text += "\n• " + name + ": sist i forumet " + format_day(local_day(zone, *last), true);
        } else {
            text += "\n• " + name + ": har ikke skrevet i forumet";
        }
        if (!last || *last < quarter_from) silent.push_back(name);
    }
    text += silent.empty() ? "\nAlle har vært i forumet dette kvartalet."
                           : "\nIngen kontakt i forumet dette kvartalet: " + join_list(silent) +
                                 ". Ta en telefon eller skriv til dem.";
    return text;
}

}  // namespace planbot::commands
