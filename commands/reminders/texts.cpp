// See texts.hpp.
#include "commands/reminders/texts.hpp"

#include <algorithm>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/reply_text.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/task_text.hpp"

namespace planbot::commands::detail {

namespace {

using date::year_month_day;

constexpr size_t kUnitsNamed = 3;        // units listed by name before "og N til"
constexpr size_t kEscalationLines = 25;  // an escalation stays one phone message
constexpr std::string_view kLateNote = "(Sendt for sent: planbot var nede eller satt på pause.)";

// "Oppdal, Meldal, Orkland og 45 til".
std::string some_units(const config::Plan& plan, const Task& task, const std::vector<Occurrence>& occurrences) {
    std::vector<std::string> names;
    for (size_t i = 0; i < occurrences.size() && i < kUnitsNamed; ++i)
        names.push_back(unit_name(plan, task.per, occurrences[i].id.unit));
    if (occurrences.size() > kUnitsNamed) names.push_back(std::to_string(occurrences.size() - kUnitsNamed) + " til");
    return join_list(names);
}

std::string due_day(year_month_day due, year_month_day today) { return format_day_in(due, today); }

std::string days_word(int days) { return std::to_string(days) + (days == 1 ? " dag" : " dager"); }

// "har frist tirsdag 31. mars (om 14 dager)", "har frist i dag, …", "hadde frist … (8 dager siden)".
std::string deadline_phrase(year_month_day due, year_month_day today) {
    const int ahead = days_between(today, due);
    const std::string day = due_day(due, today);
    if (ahead > 1) return "har frist " + day + " (om " + days_word(ahead) + ")";
    if (ahead == 1) return "har frist i morgen, " + day;
    if (ahead == 0) return "har frist i dag, " + day;
    if (ahead == -1) return "hadde frist i går, " + day;
    return "hadde frist " + day + " (for " + days_word(-ahead) + " siden)";
}

// Mentions name everyone (each should get the notification); a list of names in an
// escalation stays short.
std::string names_of(const std::vector<const Person*>& holders, bool as_mentions) {
    constexpr size_t kNamesListed = 3;
    std::vector<std::string> names;
    for (const Person* holder : holders) {
        if (!as_mentions && names.size() == kNamesListed && holders.size() > kNamesListed + 1) {
            names.push_back(std::to_string(holders.size() - kNamesListed) + " til");
            break;
        }
        names.push_back(as_mentions ? mention_name(*holder) : display_name(*holder));
    }
    return join_list(names);
}

// "Kasserer – @kari; Gruppeledere – ingen har rollen ennå" (with mentions), or
// "Kasserer: Kari Nordmann; …" inside an escalation's line.
std::string parties_text(const config::Plan& plan, const std::vector<Party>& parties, bool as_mentions) {
    std::string out;
    for (const Party& party : parties) {
        if (!out.empty()) out += "; ";
        out += role_label(plan, party.role) + (as_mentions ? " – " : ": ") +
               (party.holders.empty() ? std::string("ingen har rollen ennå") : names_of(party.holders, as_mentions));
    }
    return out;
}

std::string responsible_line(const config::Plan& plan, const Task& task, const std::vector<Party>& parties,
                             bool private_chat) {
    if (task.ansvarlig_missing) {
        if (private_chat) return "Ansvarlig mangler i planen, så fylkesstyret følger opp.";
        return "Ansvarlig mangler i planen, så fylkesstyret følger opp: " + parties_text(plan, parties, true) + ".";
    }
    if (private_chat) {
        std::vector<std::string> roles;
        for (const Party& party : parties) roles.push_back(lower_first(role_label(plan, party.role)));
        return "Du har ansvaret som " + join_list(roles) + ".";
    }
    return "Ansvarlig: " + parties_text(plan, parties, true) + ".";
}

// "/ferdig 9", "/ferdig 3 Innherred".
std::string done_command(const config::Plan& plan, const Task& task, const Occurrence& occurrence) {
    std::string command = "/ferdig " + std::to_string(task.number);
    if (!occurrence.id.unit.empty()) command += " " + unit_name(plan, task.per, occurrence.id.unit);
    return command;
}

// "/rolle gi fylkessekretær @navn": the role as people write it (the commands read it).
std::string role_word(const config::Plan& plan, const config::RoleRef& role) { return lower_first(role_label(plan, role)); }

}  // namespace

std::string mention_name(const Person& person) {
    if (!person.username.empty()) return "@" + person.username;
    return display_name(person);
}

std::string reminder_subject(const config::Plan& plan, const Task& task, const std::vector<Occurrence>& occurrences) {
    Occurrence labelled = occurrences.front();
    if (occurrences.size() > 1) labelled.id.unit.clear();
    return "nr. " + std::to_string(task.number) + " " + task.title + " (" + occurrence_label(plan, task, labelled) + ")";
}

std::string reminder_text(const config::Plan& plan, const Task& task, const std::vector<Occurrence>& occurrences,
                          year_month_day today, const std::vector<Party>& parties, bool private_chat, bool late,
                          bool buttons) {
    const Occurrence& first = occurrences.front();
    const int ahead = days_between(today, first.due);
    const std::string lead = ahead > 0 ? "⏰ Påminnelse: " : ahead == 0 ? "⏰ Frist i dag: " : "⚠️ Over fristen: ";
    std::string text = lead + reminder_subject(plan, task, occurrences) + " " + deadline_phrase(first.due, today) +
                       (ahead < 0 ? " og er ikke meldt ferdig." : ".");
    if (occurrences.size() > 1)
        text += "\nGjelder " + std::to_string(occurrences.size()) + " " + units_word(task.per, occurrences.size()) +
                ": " + some_units(plan, task, occurrences) + ".";
    text += "\n" + responsible_line(plan, task, parties, private_chat);
    if (occurrences.size() > 1)
        text += "\nMeld hver av dem ferdig med /ferdig " + std::to_string(task.number) + " <" +
                units_word(task.per, 1) + ">.";
    else if (buttons)
        text += "\nTrykk ✅ når det er gjort, eller skriv " + done_command(plan, task, first) + ".";
    else
        text += "\nSkriv " + done_command(plan, task, first) + " når det er gjort.";
    if (late) text += "\n" + std::string(kLateNote);
    return text;
}

std::string no_recipient_text(const config::Plan& plan, const Task& task, const std::vector<Occurrence>& occurrences,
                              year_month_day today, const std::vector<config::RoleRef>& roles, bool late) {
    std::vector<std::string> labels;
    for (const config::RoleRef& role : roles) labels.push_back(role_label(plan, role));
    const std::string& example = role_word(plan, roles.front());
    std::string text = "Ingen mottaker for påminnelsen om " + reminder_subject(plan, task, occurrences) + ", som " +
                       deadline_phrase(occurrences.front().due, today) + ": ingen har rollen " +
                       join_list(labels, " eller ") + ", og ingen gruppe er koblet til " +
                       (roles.size() == 1 ? "den." : "dem.");
    if (occurrences.size() > 1)
        text += " Gjelder " + std::to_string(occurrences.size()) + " " + units_word(task.per, occurrences.size()) +
                ": " + some_units(plan, task, occurrences) + ".";
    text += "\nGi rollen til noen med «/rolle gi " + example + " @navn», eller skriv «/kanal " + example +
            "» i gruppa som skal få påminnelsene.";
    if (late) text += "\n" + std::string(kLateNote);
    return text;
}

std::string no_recipient_line(const config::Plan& plan, const Task& task, const std::vector<Occurrence>& occurrences,
                              year_month_day today, const std::vector<config::RoleRef>& roles) {
    std::vector<std::string> labels;
    for (const config::RoleRef& role : roles) labels.push_back(role_label(plan, role));
    std::string line = capitalise(reminder_subject(plan, task, occurrences)) + " " +
                       deadline_phrase(occurrences.front().due, today) + ": ingen har rollen " +
                       join_list(labels, " eller ") + ".";
    if (occurrences.size() > 1)
        line += " Gjelder " + std::to_string(occurrences.size()) + " " + units_word(task.per, occurrences.size()) +
                ": " + some_units(plan, task, occurrences) + ".";
    return line;
}

std::string no_recipient_list_text(const config::Plan& plan, const std::vector<std::string>& lines,
                                   const config::RoleRef& example, bool late) {
    const std::string role = role_word(plan, example);
    std::string text = "Ingen mottaker for " + std::to_string(lines.size()) +
                       " påminnelser (ingen har rollen, og ingen gruppe er koblet til den):";
    for (const std::string& line : lines) text += "\n• " + line;
    text += "\nGi rollen til noen med «/rolle gi <rolle> @navn» (for eksempel «/rolle gi " + role +
            " @navn»), eller skriv «/kanal <rolle>» i gruppa som skal få påminnelsene.";
    if (late) text += "\n" + std::string(kLateNote);
    return text;
}

std::string vacated_lines(const config::Plan& plan, const std::vector<config::RoleRef>& roles) {
    std::string text;
    for (const config::RoleRef& role : roles)
        text += "\n\n⚠️ " + capitalise(role_label(plan, role)) +
                " mangler etter årsmøtet: perioden er ute, og ingen har tatt over. Gi rollen videre med «/rolle gi " +
                role_in_command(plan, role) + " @navn».";
    return text;
}

std::string term_question_summary(const config::Plan& plan, const std::vector<EndingTerm>& terms, year_month_day end,
                                  year_month_day today) {
    std::vector<std::string> roles;
    for (const EndingTerm& term : terms) {
        std::vector<std::string> names;
        for (const Person* holder : term.holders) names.push_back(display_name(*holder));
        roles.push_back(role_label(plan, term.role) + (names.empty() ? "" : " (" + join_list(names) + ")"));
    }
    return "hvem som tar over som " + join_list(roles) + " når perioden går ut " + due_day(end, today);
}

std::string term_question_text(const config::Plan& plan, const std::vector<EndingTerm>& terms, year_month_day end,
                               year_month_day today, bool late) {
    const int ahead = days_between(today, end);
    std::string text = "🗳 " + std::string(ahead > 0 ? "Om " + days_word(ahead) + ", " + due_day(end, today) + ", går"
                                                     : "I dag går") +
                       " perioden ut for " + (terms.size() == 1 ? "denne rollen:" : "disse rollene:");
    for (const EndingTerm& term : terms) {
        std::vector<std::string> names;
        for (const Person* holder : term.holders) names.push_back(display_name(*holder));
        text += "\n• " + role_label(plan, term.role) + (names.empty() ? "" : " (" + join_list(names) + ")");
    }
    text += "\nHvem har " + std::string(terms.size() == 1 ? "rollen" : "rollene") + " videre? Skriv";
    for (size_t i = 0; i < terms.size(); ++i)
        text += std::string(i == 0 ? " " : i + 1 == terms.size() ? " og " : ", ") + "«/rolle gi " +
                role_in_command(plan, terms[i].role) + " @navn»";
    year_month_day a_year_on = (end.year() + date::years(1)) / end.month() / end.day();
    if (!a_year_on.ok()) a_year_on = (end.year() + date::years(1)) / end.month() / date::last;
    text += ". Uten dato varer perioden til neste årsmøte; en annen slutt skriver du etter: «… @navn til " +
            short_date(a_year_on) + "». Får ingen rollen, går påminnelsene til fylkessekretæren fra " + due_day(end, today) + ".";
    if (late) text += "\n" + std::string(kLateNote);
    return text;
}

std::string escalation_text(const config::Plan& plan, const std::vector<OverdueItem>& items, int days,
                            year_month_day today, bool late) {
    std::string text = "🚨 Over fristen i " + days_word(days) + " eller mer, og ikke meldt ferdig:";
    for (size_t i = 0; i < items.size() && i < kEscalationLines; ++i) {
        const OverdueItem& item = items[i];
        const Task& task = *item.task;
        text += "\n• " + capitalise(reminder_subject(plan, task, item.occurrences)) + ", frist " +
                due_day(item.occurrences.front().due, today);
        if (item.occurrences.size() > 1)
            text += " – " + std::to_string(item.occurrences.size()) + " " +
                    units_word(task.per, item.occurrences.size()) + ": " + some_units(plan, task, item.occurrences);
        text += " – " + (task.ansvarlig_missing ? std::string("ansvarlig mangler; ") : std::string()) +
                parties_text(plan, item.parties, false);
    }
    if (items.size() > kEscalationLines) text += "\n… og " + std::to_string(items.size() - kEscalationLines) + " til.";
    text += "\nFølg opp med de ansvarlige, eller gi oppgaven til noen andre med /ansvar.";
    if (late) text += "\n" + std::string(kLateNote);
    return text;
}

}  // namespace planbot::commands::detail
