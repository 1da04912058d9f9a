// A person's own data: /mine data sends them everything planbot stores about them as a
// file in their private chat; /slett meg, confirmed with «/slett meg bekreft» within
// kErasureConfirmWindow, has planbot forget them (ForgetPerson: their roles, rights and
// identity go, and «tidligere medlem» stands on what they did, so the organisation keeps
// its record). Both only in a private chat: in a group they would show, or announce,
// someone's membership of a party. The audit log gets that it happened, never the data.
// Pure: the file is a Document in the reply, written or sent by the platform.
#include <algorithm>
#include <map>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/people/admin_support.hpp"
#include "commands/people/roles.hpp"

namespace planbot::commands::detail {

namespace {

// "7.12.2026 kl. 10:05" in the plan's time zone.
std::string stamp(const Context& context, std::chrono::sys_seconds at) {
    const date::local_seconds local = local_time(context.zone, at);
    const auto day = date::floor<date::days>(local);
    const date::hh_mm_ss<std::chrono::seconds> time(local - day);
    auto two = [](long value) { return (value < 10 ? "0" : "") + std::to_string(value); };
    return short_date(date::year_month_day(day)) + " kl. " + two(time.hours().count()) + ":" +
           two(time.minutes().count());
}

std::string task_name(const Context& context, int task) {
    if (const config::Tiltak* tiltak = context.plan.find_tiltak(task)) return "nr. " + std::to_string(task) + " " + tiltak->short_title;
    if (context.state)
        if (auto added = context.state->added_task(task)) return "nr. " + std::to_string(task) + " " + added->title;
    return "nr. " + std::to_string(task);
}

bool same_person(const Person& person, const Event& event) {
    return person.platform == event.platform && person.user_id == event.user_id;
}

void section(std::string& text, std::string_view title, const std::vector<std::string>& lines,
             std::string_view none) {
    text += (text.ends_with('\n') ? "\n" : "\n\n") + std::string(title) + "\n";
    if (lines.empty()) text += std::string(none) + "\n";
    for (const std::string& line : lines) text += "• " + line + "\n";
}

std::vector<std::string> identity_lines(const Event& event, const Context& context) {
    const State& state = *context.state;
    std::vector<std::string> lines;
    lines.push_back("Plattform: " + event.platform);
    lines.push_back("Bruker-id: " + event.user_id);
    const std::optional<Person> person = state.person(event.platform, event.user_id);
    lines.push_back("Navn: " + (person ? person->name : event.user_name));
    if (person && !person->username.empty()) lines.push_back("Brukernavn: @" + person->username);
    if (auto seen = state.seen(event.platform, event.user_id))
        lines.push_back("Først sett " + stamp(context, seen->first) + ", sist sett " + stamp(context, seen->last));
    lines.push_back(std::string("Admin: ") + (is_admin(event, context) ? "ja" : "nei"));
    lines.push_back(std::string("Har skrevet til meg privat (så jeg kan skrive til deg): ") +
                    (state.knows_private_chat(event.platform, event.user_id) ? "ja" : "nei"));
    for (const Person& account : state.linked_accounts(event.platform, event.user_id))
        lines.push_back("Koblet til (/kobling): " + account.platform + " " + account.user_id + " " + account.name);
    return lines;
}

std::vector<std::string> role_lines(const Event& event, const Context& context) {
    std::vector<std::string> lines;
    for (const Holding& holding : context.state->all_holdings()) {
        // Roles are the person's, whichever of their linked accounts holds them.
        if (!commands::same_person(context.state, holding.person, event.platform, event.user_id)) continue;
        std::string line = label_of(context.plan, holding.role);
        if (holding.term_end) line += " (til " + short_date(*holding.term_end) + ")";
        lines.push_back(std::move(line));
    }
    return lines;
}

std::vector<std::string> completion_lines(const Event& event, const Context& context) {
    std::vector<std::string> lines;
    for (const Completion& completion : context.state->all_completions()) {
        if (!same_person(completion.by, event)) continue;
        std::string line = task_name(context, completion.id.task);
        if (!completion.id.unit.empty()) line += " (" + completion.id.unit + ")";
        if (!completion.id.key.empty()) line += " [" + completion.id.key + "]";
        line += (completion.skipped ? ": hoppet over " : ": meldt ferdig ") + stamp(context, completion.at);
        if (!completion.comment.empty())
            line += (completion.skipped ? ", grunn: " : ", kommentar: ") + completion.comment;
        lines.push_back(std::move(line));
    }
    return lines;
}

std::vector<std::string> note_lines(const Event& event, const Context& context) {
    std::vector<std::string> lines;
    for (const TaskNote& note : context.state->notes_by(event.platform, event.user_id))
        lines.push_back(task_name(context, note.task) + ", " + stamp(context, note.at) + ": " + note.text);
    return lines;
}

std::vector<std::string> forum_lines(const Event& event, const Context& context) {
    const State& state = *context.state;
    std::vector<std::string> lines;
    for (const ForumPost& post : state.forum_posts_by(event.platform, event.user_id)) {
        std::string line = "Innlegg " + std::to_string(post.number);
        line += post.number == post.thread ? " (ny tråd)" : " (svar i tråd " + std::to_string(post.thread) + ")";
        line += ", " + stamp(context, post.at);
        if (post.deleted) {
            lines.push_back(line + ": slettet av deg, ingen tekst er lagret");
            continue;
        }
        if (post.hidden) line += ", skjult av en admin";
        if (post.number == post.thread && !post.title.empty()) line += "\nTittel: " + post.title;
        lines.push_back(line + "\n" + post.text);
    }
    if (auto draft = state.forum_draft(event.platform, event.user_id))
        lines.push_back("Utkast som ikke er sendt, begynt " + stamp(context, draft->started) +
                        (draft->title.empty() ? "" : "\nTittel: " + draft->title) +
                        (draft->text.empty() ? "" : "\n" + draft->text));
    if (state.forum_muted(event.platform, event.user_id))
        lines.emplace_back("Du har valgt ukentlig sammendrag i stedet for hvert innlegg (/forum demp)");
    return lines;
}

std::vector<std::string> action_lines(const Event& event, const Context& context) {
    std::vector<std::string> lines;
    for (const WheelDate& set : context.state->wheel_dates())
        if (same_person(set.set_by, event))
            lines.push_back("Dato satt med /dato " + stamp(context, set.set_at) + ": " + set.event + " " +
                            std::to_string(set.year) + " = " + short_date(set.date));
    for (const AuditEntry& entry : context.state->audit_by(event.platform, event.user_id))
        lines.push_back(stamp(context, entry.at) + ": " + entry.description);
    return lines;
}

// Everything stored about the event's user, as a text a person can read.
std::string personal_data_text(const Event& event, const Context& context) {
    std::string text = "Dette lagrer planbot om deg (" + stamp(context, context.now) + ")";
    section(text, "Kontoen din", identity_lines(event, context), "");
    section(text, "Roller", role_lines(event, context), "Ingen.");
    section(text, "Oppgaver du har meldt ferdig eller hoppet over", completion_lines(event, context), "Ingen.");
    section(text, "Notater du har skrevet (/notat)", note_lines(event, context), "Ingen.");
    section(text, "Forumet", forum_lines(event, context), "Ingen innlegg.");
    section(text, "Det du har gjort, slik revisjonsloggen (/logg) viser det", action_lines(event, context), "Ingenting.");
    text += "\nAndre meldinger du skriver lagres ikke, bare nummeret meldingstjenesten gir dem (for å svare én "
            "gang), i høyst det antall dager innstillingene sier. Svarene til deg ligger i utboksen til de er "
            "sendt, og slettes etter samme tid. Vil du at planbot skal glemme deg, skriv /slett meg.\n";
    return text;
}

constexpr std::string_view kOnlyPrivate =
    "Av hensyn til personvernet gjør jeg det bare i en privat chat med meg. Skriv til meg privat.";

Outcome private_only(const Event& event, std::string_view what) {
    return say(event, "«" + std::string(what) + "»: " + std::string(kOnlyPrivate));
}

bool is_word(const std::string& word, std::initializer_list<std::string_view> forms) {
    return std::ranges::find(forms, word) != forms.end();
}

}  // namespace

// The file name of /mine data's export for the day it is made.
std::string personal_data_file_name(const Context& context) {
    return "planbot-mine-data-" + iso_date(local_today(context)) + ".txt";
}

Outcome my_data_command(const Event& event, const Context& context, const Command& command) {
    const std::vector<std::string> words = folded_words(command.args, 0, command.args.size());
    const bool known = words.size() == 1 && is_word(words[0], {"data", "opplysninger", "opplysningar",
                                                               "personopplysninger", "personopplysningar", "info"});
    if (command.name == "mine" && !known)
        return say(event, "Mente du «/mine data»? Da får du alt planbot lagrer om deg, som en fil i en privat chat. "
                          "Rollene dine ser du med /mineroller.");
    if (event.chat_kind != ChatKind::private_chat) return private_only(event, "/mine data");
    Reply reply = reply_in(event, "Her er alt planbot lagrer om deg. Filen er bare til deg; jeg beholder ingen kopi av "
                                  "den etter at den er sendt.");
    NewMessage& message = *reply.message();
    message.document = Document{personal_data_file_name(context), personal_data_text(event, context)};
    message.forget_when_sent = true;
    Outcome outcome;
    outcome.replies.push_back(std::move(reply));
    outcome.changes.push_back({RecordDataExport{}, "Sendte personen alt planbot lagrer om dem (/mine data)"});
    return outcome;
}

Outcome forget_me_command(const Event& event, const Context& context, const Command& command) {
    std::vector<std::string> words = folded_words(command.args, 0, command.args.size());
    if (command.name == "slettmeg") words.insert(words.begin(), "meg");  // also «/slett_meg»
    const bool me = !words.empty() && is_word(words[0], {"meg", "mae", "mei"});  // folded: «mæ» is "mae"
    if (!me || words.size() > 2)
        return say(event, "Skriv «/slett meg» hvis du vil at planbot skal glemme deg. (Et foruminnlegg sletter du "
                          "med /forum slett <nr>.)");
    if (event.chat_kind != ChatKind::private_chat) return private_only(event, "/slett meg");
    const std::optional<std::chrono::sys_seconds> asked = context.state->erasure_requested(event.platform, event.user_id);
    const bool waiting = asked && context.now - *asked <= kErasureConfirmWindow;
    if (words.size() == 2 && is_word(words[1], {"avbryt", "nei", "angre", "stopp"})) {
        Outcome outcome = say(event, waiting ? "Greit, jeg sletter ingenting." : "Det er ingen sletting å avbryte.");
        if (asked) outcome.changes.push_back({RequestErasure{false}, ""});
        return outcome;
    }
    if (words.size() == 2 && !is_word(words[1], {"bekreft", "bekrefte", "bekreftar", "stadfest", "stadfeste", "ja"}))
        return say(event, "Skriv «/slett meg bekreft» for å slette, eller «/slett meg avbryt» for å la være.");
    if (words.size() == 1) {
        Outcome outcome = say(
            event,
            "Vil du at planbot skal glemme deg? Da fjerner jeg rollene dine, eventuelle adminrettigheter, "
            "forumutkast og -valg, og koblingen mellom deg og kontoen din her. Der du har meldt noe ferdig, skrevet "
            "notater eller foruminnlegg, står det «tidligere medlem» i stedet for navnet ditt, så organisasjonen "
            "beholder oversikten over hva som ble gjort. Det kan ikke angres.\n\n"
            "Vil du ha en kopi av alt først, skriv /mine data.\n"
            "Skriv «/slett meg bekreft» innen " + std::to_string(kErasureConfirmWindow.count()) +
                " minutter for å slette, eller «/slett meg avbryt» for å la være.");
        outcome.changes.push_back({RequestErasure{true}, ""});
        return outcome;
    }
    if (!waiting)
        return say(event, "Det er mer enn " + std::to_string(kErasureConfirmWindow.count()) +
                              " minutter siden du skrev «/slett meg», eller du har ikke bedt om det ennå. Skriv "
                              "«/slett meg» for å begynne på nytt.");
    std::string text = "Ferdig: planbot har glemt deg. Det du gjorde, står nå på «tidligere medlem». Takk for innsatsen!";
    if (std::ranges::find(context.config_admins, event.user_id) != context.config_admins.end())
        text += "\nDu er admin i innstillingsfilen til planbot; det må den som drifter planbot fjerne der.";
    Outcome outcome = say(event, text);
    outcome.replies.back().message()->forget_when_sent = true;
    outcome.changes.push_back({ForgetPerson{}, "Et medlem ba planbot glemme dem (/slett meg)"});
    return outcome;
}

}  // namespace planbot::commands::detail
