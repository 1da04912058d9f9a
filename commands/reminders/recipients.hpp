// Private to the reminder planner: who a reminder reaches, never nobody. For each
// responsible role: its channels on the platform (one message per chat, naming the
// holders); a role with holders but no channel: each holder privately, unless a channel
// reaches them already; nobody at all: every admin ("Ingen mottaker"). Escalations go
// to the fylkessekretær's channels, else the fylkessekretær, else the admins.
// Roles are held on a day (on()): a term that has ended counts for nothing, and a role
// whose every holder's term has ended, with no successor, is vacated: its reminders go
// where escalations go, marked so the text can say «Kasserer mangler etter årsmøtet».
// Pure: reads the State once per planner (channels, holdings and admins are a handful).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/event.hpp"
#include "commands/reminders/texts.hpp"
#include "commands/state.hpp"
#include "commands/work/tasks.hpp"
#include "config/plan.hpp"

namespace planbot::commands::detail {

// Where one message goes, and whom it names.
struct Audience {
    std::string chat_id;
    std::string thread_id{};
    bool private_chat = false;
    bool nobody = false;  // to an admin: nobody holds the roles or has a channel for them
    std::vector<Party> parties{};
    std::vector<config::RoleRef> vacated{};  // roles whose terms ended without a successor
};

void add_party(std::vector<Party>& parties, const Party& party);
// The holders named in the parties, once each, for Reply.mentions.
std::vector<UserRef> mentions_of(const std::vector<Party>& parties);
bool reaches(const std::vector<Audience>& audiences, const Person& person);

class Recipients {
public:
    Recipients(const config::Plan& plan, const State& state, std::string_view platform,
               const std::vector<std::string>& config_admins)
        : plan_(plan), state_(state), platform_(platform), config_admins_(config_admins) {}

    // The day roles are held on for what follows (Holding::term_end); before the first
    // call, every stored holding counts.
    void on(date::year_month_day day);
    // The audiences of the occurrence of `task` for `unit`. Kept while this object
    // lives (per set of terms in force), and shared by the tasks added for the same role.
    const std::vector<Audience>& audiences(const Task& task, std::string_view unit);
    // Who gets an escalation.
    std::vector<Audience> secretaries();
    // The holders of `role` on the platform (answers_for), pointing into this object.
    const std::vector<const Person*>& holders_of(const config::RoleRef& role);
    // Whether `role` had holders on the platform whose terms have all ended, and has none now.
    bool vacated(const config::RoleRef& role);
    // Every stored holding (ended terms included), read once.
    const std::vector<Holding>& holdings();

private:
    std::vector<Audience> find_audiences(const Task& task, std::string_view unit);
    const std::vector<Channel>& channels();
    const std::vector<std::string>& admins();

    const config::Plan& plan_;
    const State& state_;
    std::string platform_;
    const std::vector<std::string>& config_admins_;
    std::optional<std::vector<Channel>> channels_;
    std::optional<std::vector<Holding>> holdings_;
    std::optional<date::year_month_day> day_;
    std::string epoch_;  // how many terms have ended by day_: the caches' keys start with it
    std::map<std::string, std::vector<const Person*>> holders_;  // by epoch "|role/unit"
    std::map<std::string, std::vector<Audience>> audiences_;
    std::optional<std::vector<std::string>> admins_;
};

}  // namespace planbot::commands::detail
