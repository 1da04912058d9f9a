// See linking.hpp. /kobling, /kobling <kode>, /kobling fjern: each answer one short
// message in the private chat it was sent in; in a group only the note that it works
// privately, since a code shown there could be used by anyone who reads it.
#include "commands/people/linking.hpp"

#include <algorithm>

#include "commands/people/admin_support.hpp"
#include "commands/language/norwegian.hpp"

namespace planbot::commands {

std::optional<std::string> read_link_code(std::string_view typed) {
    std::string code;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (kLinkCodeAlphabet.find(c) == std::string_view::npos) return std::nullopt;
        code += c;
    }
    if (code.size() != kLinkCodeLength) return std::nullopt;
    return code;
}

std::string shown_link_code(std::string_view code) {
    const size_t half = code.size() / 2;
    return std::string(code.substr(0, half)) + "-" + std::string(code.substr(half));
}

namespace detail {

namespace {

std::string minutes_text(std::chrono::minutes minutes) { return std::to_string(minutes.count()) + " minutter"; }

// The person's other accounts by name, for the answers: «Kari Nordmann (kari)».
std::string accounts_text(const std::vector<Person>& accounts) {
    std::vector<std::string> names;
    for (const Person& account : accounts)
        names.push_back(display_name(account) + (account.username.empty() ? "" : " (@" + account.username + ")"));
    return join_list(names, " og ");
}

Outcome give_code(const Event& event, const Context& context) {
    const std::string code = context.link_codes->new_code();
    Outcome outcome;
    outcome.changes.push_back({StartLink{context.link_codes->digest(code), context.now + kLinkCodeLifetime}, ""});
    std::string text = "Koden din er " + shown_link_code(code) + ". Skriv «/kobling " + shown_link_code(code) +
                       "» til meg i en privat chat på den andre plattformen innen " + minutes_text(kLinkCodeLifetime) +
                       ". Koden virker én gang, og bare for deg: ikke gi den til andre.";
    const std::vector<Person> linked = context.state->linked_accounts(event.platform, event.user_id);
    if (!linked.empty()) text += "\n(Du er allerede koblet til " + accounts_text(linked) + ".)";
    outcome.replies.push_back(reply_in(event, std::move(text)));
    return outcome;
}

Outcome use_code(const Event& event, const Context& context, const std::string& typed) {
    const int failures = context.state->link_failures(event.platform, event.user_id, context.now - kLinkAttemptWindow);
    if (failures >= kLinkAttempts)
        return say(event, "Du har prøvd for mange feil koder. Vent en time, og be om en ny kode med /kobling på den "
                          "andre plattformen.");
    const std::optional<std::string> code = read_link_code(typed);
    const std::optional<LinkCode> found =
        code ? context.state->link_code(context.link_codes->digest(*code)) : std::nullopt;
    if (!found || found->expires <= context.now) {
        Outcome outcome = say(event, std::string(found ? "Koden er gått ut (den virker i " +
                                                             minutes_text(kLinkCodeLifetime) + ")."
                                                       : "Den koden kjenner jeg ikke.") +
                                         " Skriv /kobling på den andre plattformen for å få en ny, og send den hit "
                                         "som «/kobling <kode>».");
        if (!found) outcome.changes.push_back({FailLink{}, ""});  // a guess; a real code too late is none
        return outcome;
    }
    const Person& owner = found->owner;
    if (owner.platform == event.platform && owner.user_id == event.user_id)
        return say(event, "Den koden laget du her. Send den fra kontoen på den andre plattformen, i en privat chat "
                          "med meg.");
    if (owner.platform == event.platform)
        return say(event, "Den koden er fra en annen konto her. Kobling gjelder kontoene dine på to ulike "
                          "plattformer.");
    Outcome outcome;
    const bool linked = same_person(context.state, owner, event.platform, event.user_id);
    // Used up either way: a code works once.
    outcome.changes.push_back({LinkAccounts{context.link_codes->digest(*code)},
                               linked ? "Brukte en koblingskode (kontoene var allerede koblet)"
                                      : "Koblet kontoen sammen med " + display_name(owner) + " (" + owner.platform + ")"});
    if (linked) {
        outcome.replies.push_back(reply_in(event, "Kontoene var allerede koblet. Koden er brukt opp."));
        return outcome;
    }
    outcome.replies.push_back(reply_in(
        event, "✅ Kontoene er koblet: du er nå én person her og på den andre plattformen (" + display_name(owner) +
                   "). Roller, oppgaver og /ferdig gjelder begge steder. Påminnelser og forumet kommer dit du sist "
                   "skrev til meg. Angre med «/kobling fjern»."));
    return outcome;
}

Outcome unlink(const Event& event, const Context& context) {
    const std::vector<Person> linked = context.state->linked_accounts(event.platform, event.user_id);
    if (linked.empty()) return say(event, "Denne kontoen er ikke koblet til noen annen.");
    Outcome outcome;
    outcome.changes.push_back({UnlinkAccount{}, "Tok kontoen ut av koblingen med " + accounts_text(linked)});
    outcome.replies.push_back(reply_in(
        event, "Kontoen er koblet fra " + accounts_text(linked) +
                   ". Rollene dine blir værende på den andre kontoen; her har du ingen roller lenger. Vil du koble "
                   "igjen, skriv /kobling."));
    return outcome;
}

}  // namespace

Outcome link_command(const Event& event, const Context& context, const Command& command) {
    if (event.chat_kind != ChatKind::private_chat)
        return say(event, "Kobling av kontoer gjør du i en privat chat med meg, så ingen andre ser koden. Skriv "
                          "/kobling til meg privat.");
    if (context.link_codes == nullptr) return say(event, "Kobling av kontoer er ikke slått på her.");
    const std::vector<std::string> words = folded_words(command.args, 0, command.args.size());
    if (words.empty()) return give_code(event, context);
    if (words.size() == 1 && (words[0] == "fjern" || words[0] == "fjerne" || words[0] == "fjerna" ||
                              words[0] == "angre" || words[0] == "avkoble"))
        return unlink(event, context);
    return use_code(event, context, command.rest);
}

}  // namespace detail

}  // namespace planbot::commands
