// See reply_text.hpp.
#include "commands/reply_text.hpp"

#include <set>

#include <algorithm>

namespace planbot::commands::detail {

Outcome say(const Event& event, std::string text) {
    Outcome outcome;
    outcome.replies.push_back(reply_in(event, std::move(text)));
    return outcome;
}

std::string join_list(const std::vector<std::string>& items, std::string_view last) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? std::string(last) : std::string(", ");
        out += items[i];
    }
    return out;
}

std::string display_name(const Person& person) {
    if (!person.name.empty()) return person.name;
    if (!person.username.empty()) return "@" + person.username;
    return "bruker " + person.user_id;
}

Person caller(const Event& event, const Context& context) {
    if (auto known = context.state->person(event.platform, event.user_id)) return *known;
    return {event.platform, event.user_id, event.user_name, ""};
}

std::string shortened(std::string_view text, size_t bytes) {
    size_t cut = std::min(text.size(), bytes);
    while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + (cut < text.size() ? "…" : "");
}

std::string quoted(std::string_view text) { return "«" + shortened(text, kLongestEcho) + "»"; }

std::vector<AdminEntry> all_admins(const Context& context, std::string_view platform) {
    std::vector<AdminEntry> out;
    std::set<std::string> seen;
    for (const std::string& id : context.config_admins)
        if (seen.insert(id).second) out.push_back({context.state->person(platform, id), id, true});
    for (const Person& person : context.state->admins())
        if (person.platform == platform && seen.insert(person.user_id).second)
            out.push_back({person, person.user_id, false});
    return out;
}

std::vector<std::string> admin_names(const Context& context, std::string_view platform) {
    std::vector<std::string> names;
    for (const AdminEntry& admin : all_admins(context, platform))
        if (admin.person) names.push_back(display_name(*admin.person));
    return names;
}

Outcome refuse(const Event& event, const Context& context, std::string_view rule) {
    const std::vector<std::string> names = admin_names(context, event.platform);
    std::string text = "Beklager, " + std::string(rule);
    text += names.empty() ? " Spør en admin i organisasjonen." : " Spør " + join_list(names, " eller ") + ".";
    return say(event, text);
}

std::string unknown_sender_text() {
    return "Meldingen kommer fra gruppa, ikke fra en person jeg kan se, så jeg vet ikke hvem du er. Skriv til meg "
           "privat, eller skriv i gruppa uten å være anonym.";
}

std::string no_database_text() { return "Dette trenger databasen, og den er ikke koblet til her."; }

Outcome needs_database(const Event& event) { return say(event, no_database_text()); }

}  // namespace planbot::commands::detail
