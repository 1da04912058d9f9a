// See sharing_commands.hpp. Each answer is one message; a link is in a private chat
// only, and its message is not kept once the platform has it (NewMessage::forget_when_sent).
#include "commands/sharing/sharing_commands.hpp"

#include <algorithm>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/reply_text.hpp"

namespace planbot::commands {

std::string calendar_path(std::string_view token) { return "/kalender/" + std::string(token) + ".ics"; }
std::string overview_path(std::string_view token) { return "/oversikt/" + std::string(token); }

namespace detail {

namespace {

constexpr std::string_view kSubscribeHelp =
    "Slik abonnerer du (kalenderen holder seg oppdatert av seg selv):\n"
    "• iPhone: Innstillinger → Kalender → Kontoer → Legg til konto → Annet → Legg til abonnert kalender, og lim "
    "inn lenken.\n"
    "• Android/Google: åpne calendar.google.com på en PC, velg + ved «Andre kalendere» → «Fra nettadresse», og lim "
    "inn lenken. Den kommer så i Google Kalender på telefonen.\n"
    "• Outlook: Kalender → Legg til kalender → Abonner fra nettet, og lim inn lenken.";

// A message the platform keeps and the bot does not: it carries a working link.
Reply secret_reply(const Event& event, std::string text) {
    Reply reply = reply_in(event, std::move(text));
    reply.message()->forget_when_sent = true;
    return reply;
}

// «ny», «nye», «ny lenke», «lag ny»: make a new link.
bool asks_new(const std::vector<std::string>& words) {
    if (words.empty()) return false;
    for (const std::string& word : words)
        if (!is_one_of(word, {"ny", "nye", "nytt", "lenke", "lenker", "link", "lag", "bytt", "byt", "endre"}))
            return false;
    return std::ranges::any_of(words, [](const std::string& word) { return is_one_of(word, {"ny", "nye", "nytt", "bytt", "byt", "endre"}); });
}

// Why no link can be made here, or nullopt when one can.
std::optional<Outcome> no_links(const Event& event, const Context& context, std::string_view command) {
    if (event.chat_kind != ChatKind::private_chat)
        return say(event, "Lenken er personlig, så den gir jeg bare i en privat chat. Skriv /" + std::string(command) +
                              " til meg privat.");
    if (context.access_tokens == nullptr || context.web_address.empty())
        return say(event, "Her har jeg ingen nettadresse å lage lenker til, så lenker er ikke slått på. De virker "
                          "når planbot kjører som tjeneste med en nettadresse.");
    return std::nullopt;
}

// The token for a new link of `kind`, with the change that stores its digest.
std::string issue(const Context& context, AccessKind kind, Outcome& outcome, std::string description) {
    std::string token = context.access_tokens->new_token();
    outcome.changes.push_back({IssueAccessToken{kind, context.access_tokens->digest(token)}, std::move(description)});
    return token;
}

std::string made_text(const Context& context, std::chrono::sys_seconds made) {
    return long_day(date::year_month_day(date::floor<date::days>(local_time(context.zone, made))));
}

Outcome calendar_command(const Event& event, const Context& context, const Command& command) {
    if (auto refusal = no_links(event, context, "kalender")) return std::move(*refusal);
    const std::vector<std::string> args = folded_words(command.rest);
    const bool renew = asks_new(args);
    if (!args.empty() && !renew)
        return say(event, "Jeg skjønte ikke " + quoted(command.rest) +
                              ". Skriv /kalender for lenken til kalenderen din, eller «/kalender ny» for en ny lenke "
                              "(den gamle slutter da å virke).");
    if (!renew)
        if (auto made = context.state->access_token_made(event.platform, event.user_id, AccessKind::calendar))
            return say(event, "Du fikk kalenderlenkene dine " + made_text(context, *made) +
                                  ", og de virker fortsatt. Jeg tar ikke vare på dem, så jeg kan ikke vise dem igjen. "
                                  "Finner du dem ikke, skriv «/kalender ny»: da får du nye, og de gamle slutter å "
                                  "virke.");
    Outcome outcome;
    const std::string mine = issue(context, AccessKind::calendar, outcome,
                                   renew ? "Laget ny kalenderlenke (den gamle virker ikke lenger)" : "Laget kalenderlenke");
    const std::string all = issue(context, AccessKind::calendar_all, outcome, "");
    outcome.changes.back().description.clear();
    std::string text = std::string(renew ? "Her er dine nye kalenderlenker. De gamle virker ikke lenger.\n\n"
                                         : "Her er kalenderlenkene dine.\n\n") +
                       "Din kalender (årshjulet og fristene for rollene dine, og den følger med når rollene endrer "
                       "seg):\n" +
                       std::string(context.web_address) + calendar_path(mine) +
                       "\n\nHele organisasjonen (årshjulet og alle frister):\n" + std::string(context.web_address) +
                       calendar_path(all) + "\n\n" + std::string(kSubscribeHelp) +
                       "\n\nLenkene er personlige: ikke del dem. Jeg viser dem bare nå. Kommer de på avveie, skriv "
                       "«/kalender ny».";
    outcome.replies.push_back(secret_reply(event, std::move(text)));
    return outcome;
}

Outcome overview_link_command(const Event& event, const Context& context, const Command& command) {
    if (auto refusal = no_links(event, context, "oversikt")) return std::move(*refusal);
    const std::vector<std::string> args = folded_words(command.rest);
    const bool renew = asks_new(args);
    if (!args.empty() && !renew)
        return say(event, "Jeg skjønte ikke " + quoted(command.rest) +
                              ". Skriv /oversikt for lenken til oversiktssiden, eller «/oversikt ny» for en ny lenke "
                              "(den gamle slutter da å virke).");
    if (!renew)
        if (auto made = context.state->access_token_made(event.platform, event.user_id, AccessKind::overview))
            return say(event, "Du fikk lenken til oversiktssiden " + made_text(context, *made) +
                                  ", og den virker fortsatt. Jeg tar ikke vare på den, så jeg kan ikke vise den igjen. "
                                  "Finner du den ikke, skriv «/oversikt ny»: da får du en ny, og den gamle slutter å "
                                  "virke.");
    Outcome outcome;
    const std::string token = issue(context, AccessKind::overview, outcome,
                                    renew ? "Laget ny lenke til oversiktssiden (den gamle virker ikke lenger)"
                                          : "Laget lenke til oversiktssiden");
    std::string text = std::string(renew ? "Her er den nye lenken til oversiktssiden. Den gamle virker ikke lenger.\n"
                                         : "Her er lenken til oversiktssiden for styret:\n") +
                       std::string(context.web_address) + overview_path(token) +
                       "\n\nSiden viser årshjulet, årets frister per tiltak og enhet (ferdig, åpen, forsinket, hvem "
                       "som meldte og kommentarer) og lenke til kalenderen. Den virker så lenge du er admin. Lenken "
                       "er personlig: ikke del den. Kommer den på avveie, skriv «/oversikt ny».";
    outcome.replies.push_back(secret_reply(event, std::move(text)));
    return outcome;
}

Outcome wheel_picture_command(const Event& event, const Context& context, const Command& command) {
    const config::Plan& plan = context.plan;
    const int this_year = year_of(local_today(context));
    int year = std::clamp(this_year, plan.first_year, plan.last_year);
    const std::vector<std::string> args = folded_words(command.rest);
    if (!args.empty()) {
        std::optional<int> asked = args.size() == 1 && args[0].size() == 4 ? as_number(args[0]) : std::nullopt;
        if (!asked)
            return say(event, "Jeg skjønte ikke " + quoted(command.rest) + ". Skriv /årshjul for årets hjul, eller et "
                                  "år i planen, for eksempel «/årshjul " +
                                  std::to_string(std::clamp(this_year + 1, plan.first_year, plan.last_year)) + "».");
        year = *asked;
    }
    if (year < plan.first_year || year > plan.last_year)
        return say(event, "Planen gjelder " + std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year) +
                              ", så det finnes ikke noe årshjul for " + std::to_string(year) + ".");
    Reply reply = reply_in(event, "Årshjulet " + std::to_string(year) + " – " + plan.organisation);
    reply.message()->picture = WheelPicture{year};
    Outcome outcome;
    outcome.replies.push_back(std::move(reply));
    return outcome;
}

}  // namespace

}  // namespace detail

const std::vector<CommandSpec>& sharing_commands() {
    static const std::vector<CommandSpec> rows = {
        {.name = "kalender",
         .aliases = {"kalendar", "kalenderen", "ics"},
         .handler = detail::calendar_command,
         .usage = "/kalender",
         .help = "lenke til kalenderen din, for telefonen",
         .menu = "Årshjulet og fristene dine i telefonens kalender"},
        {.name = "oversikt",
         .aliases = {"oversikten", "oversiktsside"},
         .handler = detail::overview_link_command,
         .admin_only = true,
         .admin_usage = "/oversikt",
         .admin_rule = "få lenken til styrets oversiktsside"},
        {.name = "arshjul",
         .aliases = {"arshjulet", "hjul", "hjulet"},
         .handler = detail::wheel_picture_command,
         .needs_state = false,
         .needs_person = false,
         .usage = "/årshjul [år]",
         .help = "årshjulet som bilde",
         .menu = "Årshjulet som bilde"},
    };
    return rows;
}

std::optional<Command> wheel_picture_wish(const std::vector<std::string>& words) {
    bool wheel = false;
    std::optional<std::string> year;
    for (const std::string& word : words) {
        if (is_one_of(word, {"arshjul", "arshjulet", "arshjula", "arshjule", "arshjulbilde", "arshjulbildet"})) {
            wheel = true;
        } else if (word.size() == 4 && as_number(word)) {
            if (year) return std::nullopt;  // two years: ask how it was meant, not this
            year = word;
        } else if (!is_one_of(word, {"vis", "visa", "vise", "se", "sja", "sjaa", "send", "sende", "gi", "fa", "faa",
                                     "kan", "du", "jeg", "eg", "e", "i", "je", "meg", "mei", "me", "oss", "bilde",
                                     "bildet", "bilete", "biletet", "et", "eit", "av", "for", "til", "pa", "hele",
                                     "heile", "som", "takk", "plis", "please", "vaer", "ae", "sa", "snill", "hei",
                                     "lag", "tegn", "teikn", "det", "dette", "arets", "aret", "ar", "gjerne"})) {
            return std::nullopt;
        }
    }
    if (!wheel) return std::nullopt;
    return Command{"arshjul", year ? std::vector<std::string>{*year} : std::vector<std::string>{}, year.value_or("")};
}

}  // namespace planbot::commands
