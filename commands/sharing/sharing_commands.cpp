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
        return say(event, "Her har jeg ingen nettadresse å lage lenker til, så lenker er ikke slått på. Lenkene "
                          "virker når planbot kjører som tjeneste med en nettadresse (http.web_address).");
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

// How one of the link commands reads what was typed after it.
struct LinkCommand {
    std::string_view name;      // "kalender"
    AccessKind kind;            // whose making time says a link exists
    std::string_view for_what;  // "lenken til kalenderen din"
    // The answer when the links exist: «Du fikk <it> <day>, og <rest>».
    std::string_view existing, still_works;
};

// nullopt: make new links (`renew`: replacing the old); else the answer instead: a
// refusal, a question back, or that the links were given before.
std::optional<Outcome> link_answer(const Event& event, const Context& context, const Command& command,
                                   const LinkCommand& link, bool& renew) {
    if (auto refusal = no_links(event, context, link.name)) return refusal;
    const std::vector<std::string> args = folded_words(command.rest);
    renew = asks_new(args);
    const std::string name(link.name);
    if (!args.empty() && !renew)
        return say(event, "Jeg skjønte ikke " + quoted(command.rest) + ". Skriv /" + name + " for " +
                              std::string(link.for_what) + ", eller «/" + name + " ny» for en ny lenke (den gamle " +
                              "slutter da å virke).");
    if (renew) return std::nullopt;
    if (auto made = context.state->access_token_made(event.platform, event.user_id, link.kind))
        return say(event, "Du fikk " + std::string(link.existing) + " " + made_text(context, *made) + ", og " +
                              std::string(link.still_works) + " Skriv «/" + name + " ny» om du ikke finner " +
                              "den: da får du en ny lenke, og den gamle slutter å virke.");
    return std::nullopt;
}

Outcome calendar_command(const Event& event, const Context& context, const Command& command) {
    bool renew = false;
    if (auto answer = link_answer(event, context, command,
                                  {"kalender", AccessKind::calendar, "lenkene til kalenderen din", "kalenderlenkene dine",
                                   "de virker fortsatt. Jeg tar ikke vare på dem, så jeg kan ikke vise dem igjen."},
                                  renew))
        return std::move(*answer);
    Outcome outcome;
    const std::string mine = issue(context, AccessKind::calendar, outcome,
                                   renew ? "Laget ny kalenderlenke (den gamle virker ikke lenger)" : "Laget kalenderlenke");
    const std::string all = issue(context, AccessKind::calendar_all, outcome,
                                  renew ? "Laget ny kalenderlenke for hele organisasjonen (den gamle virker ikke lenger)"
                                        : "Laget kalenderlenke for hele organisasjonen");
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
    bool renew = false;
    if (auto answer = link_answer(event, context, command,
                                  {"oversikt", AccessKind::overview, "lenken til oversiktssiden",
                                   "lenken til oversiktssiden",
                                   "den virker fortsatt. Jeg tar ikke vare på den, så jeg kan ikke vise den igjen."},
                                  renew))
        return std::move(*answer);
    Outcome outcome;
    const std::string token = issue(context, AccessKind::overview, outcome,
                                    renew ? "Laget ny lenke til oversiktssiden (den gamle virker ikke lenger)"
                                          : "Laget lenke til oversiktssiden");
    outcome.changes.push_back({IssueAccessToken{AccessKind::overview_calendar,
                                                context.access_tokens->digest(context.access_tokens->derived(token))},
                               "Laget kalenderlenke til oversiktssiden"});
    std::string text = std::string(renew ? "Her er den nye lenken til oversiktssiden. Den gamle virker ikke lenger.\n"
                                         : "Her er lenken til oversiktssiden for styret:\n") +
                       std::string(context.web_address) + overview_path(token) +
                       "\n\nSiden viser årshjulet, årets frister per tiltak og enhet (ferdig, åpen, forsinket eller "
                       "hoppet over, hvem som meldte dem ferdig, og kommentarer) og lenke til kalenderen. Den virker så lenge du er admin. Lenken "
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
        } else if (!is_one_of(word, {"vis", "visa", "vise", "se", "send", "sende", "gi", "fa", "kan", "du", "jeg", "i",
                                     "meg", "vi", "oss", "bilde", "bildet", "bilete", "biletet", "et", "av", "for",
                                     "til", "pa", "hele", "som", "plis", "please", "vaer", "snill", "hei", "lag",
                                     "tegn", "teikn", "det", "dette", "arets", "aret", "ar", "gjerne"})) {
            return std::nullopt;
        }
    }
    if (!wheel) return std::nullopt;
    return Command{"arshjul", year ? std::vector<std::string>{*year} : std::vector<std::string>{}, year.value_or("")};
}

}  // namespace planbot::commands
