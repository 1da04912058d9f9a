// Drafts: what a member writes for every other member is shown to them first and goes
// out only when they confirm it («send», /forum send, or the ✅ Publiser button where
// the platform has buttons). One draft per member: a new thread's title waiting for its
// text, or a thread or reply with its text waiting to be sent. A second draft says what
// became of the first; a draft expires after kDraftLifetime, and its author is told
// when they come back. While a draft waits, the bot's own questions («hva skjer i mai»)
// are left to the router and answered, and the draft kept.
#include "commands/forum/forum_support.hpp"

#include <algorithm>

#include "commands/language/norwegian.hpp"

namespace planbot::commands::forum_detail {

namespace {

// A member's message arriving this soon after a piece of their draft that filled a whole
// chat message continues it: a phone app sends a text over the platform's limit as
// several messages, each cut at a line or word end, so a piece may fall short of the
// limit by a few hundred characters (full_message).
constexpr std::chrono::seconds kContinuationWindow{5};
bool full_message(std::string_view text, const Context& context) {
    const size_t limit = context.longest_message;
    return limit > 0 && character_count(text) >= limit - limit / 7;
}

// The draft's written text, and when a piece that may be continued came.
ForumDraft with_text(ForumDraft draft, std::string text, const Context& context, std::string_view piece) {
    draft.text = std::move(text);
    draft.filled_at = full_message(piece, context) ? context.now : std::chrono::sys_seconds{};
    return draft;
}

// "tråden «Budsjett»", "svaret ditt i tråd 12 «Budsjett»".
std::string draft_name(const Context& context, const ForumDraft& draft) {
    if (draft.thread == 0) return "tråden «" + draft.title + "»";
    const std::optional<ForumPost> first = context.state->forum_post(draft.thread);
    const std::string title = first && !first->title.empty() ? " «" + first->title + "»" : "";
    return "svaret ditt i tråd " + std::to_string(draft.thread) + title;
}

// "den" for a thread (tråden), "det" for a reply (svaret).
std::string_view it(const ForumDraft& draft) { return draft.thread == 0 ? "den" : "det"; }

std::string how_to_send(const Context& context) {
    return context.buttons ? "trykk ✅ Publiser eller skriv «send»" : "skriv «send»";
}

// What became of the member's earlier draft, which a new one replaces; "" for none.
std::string replaced_note(const Event& event, const Context& context) {
    const std::optional<ForumDraft> earlier = context.state->forum_draft(event.platform, event.user_id);
    if (!earlier) return "";
    return capitalise("det forrige utkastet ditt, " + draft_name(context, *earlier)) +
           (draft_fresh(context, *earlier) ? ", er forkastet og ble ikke sendt.\n\n"
                                           : ", ble liggende over et døgn og er slettet uten å bli sendt.\n\n");
}

std::string expired_text(const Context& context, const ForumDraft& draft) {
    return capitalise("utkastet ditt, " + draft_name(context, draft)) +
           ", ble liggende over et døgn og er slettet; det er ikke sendt til noen. Start på nytt med " +
           (draft.thread == 0 ? "«/forum ny <tittel>»." : "«/forum svar " + std::to_string(draft.thread) + " <tekst>».");
}

Outcome dropped_with(const Event& event, std::string text) {
    Outcome outcome = say(event, std::move(text));
    outcome.changes.push_back({SetForumDraft{std::nullopt}, ""});
    return outcome;
}

// «send», «Send!», «send den», «publiser»: the word that sends a waiting draft.
bool is_send(std::string_view text) {
    const std::vector<std::string> w = words(text);
    if (w.empty() || w.size() > 2 || !is_one_of(w[0], {"send", "sende", "publiser", "publisere"})) return false;
    return w.size() == 1 || is_one_of(w[1], {"den", "det", "inn", "na"});
}

// The bot's own questions, as the router answers them: «hva skjer i mai», «når er
// fylkesårsmøtet», «hvem har ansvar for …», «hva har jeg ansvar for», «hvilke frister
// …». Short and on one line; a forum text that merely starts with «hva» is longer.
bool asks_the_bot(std::string_view text) {
    if (text.find('\n') != std::string_view::npos) return false;
    const std::vector<std::string> w = words(text);
    if (w.size() < 2 || w.size() > 8) return false;
    const auto mentions = [&](std::string_view stem) {
        return std::ranges::any_of(w, [&](const std::string& word) { return word.starts_with(stem); });
    };
    const bool what = is_one_of(w[0], {"hva", "kva", "ka", "hvad"});
    const std::string& verb = w[1] == "som" && w.size() > 2 ? w[2] : w[1];
    if (what && (verb.starts_with("skje") || is_one_of(verb, {"sjer", "hender", "hendte"}))) return true;
    if (is_one_of(w[0], {"nar", "nr"}) && is_one_of(w[1], {"er", "e", "var", "blir", "skal", "kommer"})) return true;
    if (is_one_of(w[0], {"hvem", "kven", "kem"}) && mentions("ansvar")) return true;
    if (what && w.size() > 2 && w[1] == "har" && is_one_of(w[2], {"jeg", "eg", "e", "vi"}) && mentions("ansvar"))
        return true;
    return is_one_of(w[0], {"hvilke", "hvilken", "kva", "ka"}) && mentions("frist");
}

}  // namespace

bool draft_fresh(const Context& context, const ForumDraft& draft) {
    return context.now - draft.started <= kDraftLifetime;
}

Outcome await_text(const Event& event, const Context& context, const std::string& title) {
    Outcome outcome;
    const std::string note = replaced_note(event, context);
    outcome.changes.push_back({SetForumDraft{ForumDraft{title, context.now}}, ""});
    outcome.replies.push_back(reply_in(event, note + "Tråden «" + title +
                                                  "» er klar. Skriv teksten i neste melding (bare tekst); du får se "
                                                  "innlegget før det sendes. «/forum avbryt» avbryter."));
    return outcome;
}

namespace {

// `draft` (with its text) shown to its author with how to send it. `replacing`: a new
// draft, which takes the place of any earlier one (said so); else the waiting draft
// with its text or another piece of it.
Outcome show_draft(const Event& event, const Context& context, const Members& members, ForumDraft draft,
                   bool replacing) {
    size_t others = 0;
    for (const ForumMember& member : members.list)
        if (member.person.platform != event.platform || member.person.user_id != event.user_id) ++others;
    const std::string pronoun(it(draft));
    const std::string to = others == 0 ? "for å lagre " + pronoun + " i forumet (ingen andre er med ennå)"
                           : others == 1 ? "for å sende " + pronoun + " til 1 annen i forumet"
                                         : "for å sende " + pronoun + " til de " + std::to_string(others) +
                                               " andre i forumet";
    Outcome outcome;
    std::string text = (replacing ? replaced_note(event, context) : "") + "Slik blir " + draft_name(context, draft) +
                       ":\n\n" + draft.text + "\n\n" + capitalise(how_to_send(context)) + " " + to +
                       ". «/forum avbryt» forkaster " + pronoun + ". Utkastet gjelder i et døgn.";
    Reply preview = reply_in(event, std::move(text));
    if (context.buttons) preview.message()->publish_button = draft.started;
    outcome.changes.push_back({SetForumDraft{std::move(draft)}, ""});
    outcome.replies.push_back(std::move(preview));
    return outcome;
}

}  // namespace

Outcome show_new_draft(const Event& event, const Context& context, const Members& members, std::string title,
                       int64_t thread, std::string text) {
    ForumDraft draft{std::move(title), context.now, thread};
    const std::string piece = text;
    return show_draft(event, context, members, with_text(std::move(draft), std::move(text), context, piece), true);
}

std::optional<Outcome> continue_draft(const Event& event, const Context& context, const Members& members,
                                      const ForumDraft& draft) {
    const std::string text = trimmed(event.text);
    if (!draft_fresh(context, draft)) {
        if (asks_the_bot(text)) return std::nullopt;
        return dropped_with(event, expired_text(context, draft));
    }
    if (draft.text.empty()) {  // the new thread's text
        if (asks_the_bot(text)) return std::nullopt;
        if (is_send(text)) return say(event, draft_waiting(context, draft));
        if (auto problem = text_problem(text)) return say(event, *problem);
        return show_draft(event, context, members, with_text(draft, text, context, text), false);
    }
    if (is_send(text)) return send_draft(event, context, members);
    if (draft.filled_at.time_since_epoch().count() != 0 && context.now - draft.filled_at <= kContinuationWindow) {
        const std::string whole = draft.text + "\n" + text;
        if (auto problem = text_problem(whole)) return say(event, *problem);
        return show_draft(event, context, members, with_text(draft, whole, context, text), false);
    }
    if (asks_the_bot(text)) return std::nullopt;
    return say(event, draft_waiting(context, draft) + " Meldingen din er ikke lagt til; vil du endre teksten, skriv "
                                                      "«/forum avbryt» og begynn på nytt.");
}

std::string draft_waiting(const Context& context, const ForumDraft& draft) {
    if (draft.text.empty()) return "Tråden «" + draft.title + "» venter fortsatt på teksten din.";
    return capitalise(draft_name(context, draft)) + " venter på at du sender " + std::string(it(draft)) + ": " +
           how_to_send(context) + ", eller «/forum avbryt» for å forkaste " + std::string(it(draft)) + ".";
}

Outcome send_draft(const Event& event, const Context& context, const Members& members) {
    const std::optional<ForumDraft> draft = context.state->forum_draft(event.platform, event.user_id);
    if (!draft || draft->text.empty())
        return say(event, draft ? draft_waiting(context, *draft) : "Du har ikke noe utkast som venter på å bli sendt.");
    if (!draft_fresh(context, *draft)) return dropped_with(event, expired_text(context, *draft));
    // The thread may have gone while the reply waited: reply_to says so, and the draft goes.
    Outcome outcome = draft->thread == 0 ? start_thread(event, context, members, draft->title, draft->text)
                                         : reply_to(event, context, members, draft->thread, draft->text);
    outcome.changes.push_back({SetForumDraft{std::nullopt}, ""});
    return outcome;
}

Outcome drop_draft(const Event& event, const Context& context) {
    const std::optional<ForumDraft> draft = context.state->forum_draft(event.platform, event.user_id);
    if (!draft) return say(event, "Du har ikke noe utkast som venter.");
    return dropped_with(event, capitalise(draft_name(context, *draft)) + " er forkastet; ingenting er sendt.");
}

std::optional<Outcome> press_publish(const Event& event, const Context& context) {
    const std::optional<std::chrono::sys_seconds> started = read_publish_button_data(event.button->data);
    if (!started) return std::nullopt;
    Outcome outcome;
    auto answer = [&](std::string text) {
        outcome.replies.push_back(Reply{event.chat_id, std::move(text), AnswerButton{event.button->id}});
        return outcome;
    };
    if (!context.state) return answer(detail::no_database_text());
    // The button is only ever on a draft shown in its author's private chat; one pressed
    // in a group was forged, and would show the thread there.
    if (event.chat_kind != ChatKind::private_chat)
        return answer("Forumet er privat: innlegg publiserer du i den private chatten med meg.");
    const Members members = members_of(event, context);
    if (!members.find(event.platform, event.user_id)) {
        outcome = not_a_member(event, context);
        return answer("Bare forumets medlemmer kan publisere.");
    }
    const std::optional<ForumDraft> draft = context.state->forum_draft(event.platform, event.user_id);
    if (!draft || draft->started != *started || draft->text.empty())
        return answer("Dette utkastet finnes ikke lenger: det er sendt, forkastet eller byttet ut.");
    if (!draft_fresh(context, *draft)) {
        outcome.changes.push_back({SetForumDraft{std::nullopt}, ""});
        return answer("Utkastet ble liggende over et døgn og er slettet; det er ikke sendt.");
    }
    outcome = send_draft(event, context, members);
    const bool sent = std::ranges::any_of(
        outcome.changes, [](const StateChange& change) { return std::holds_alternative<AddForumPost>(change.change); });
    answer(sent ? "Publisert." : "Ikke sendt.");
    if (sent && !event.button->message_id.empty() && !event.button->message_text.empty())
        outcome.replies.push_back(Reply{event.chat_id,
                                        event.button->message_text + "\n\n✅ Publisert og sendt til forumet.",
                                        EditMessage{event.button->message_id}});
    return outcome;
}

}  // namespace planbot::commands::forum_detail
