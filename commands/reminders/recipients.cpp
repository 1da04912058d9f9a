// See recipients.hpp.
#include "commands/reminders/recipients.hpp"

#include <algorithm>

namespace planbot::commands::detail {

namespace {


void add_holder(std::vector<const Person*>& people, const Person* person) {
    if (std::ranges::none_of(people, [&](const Person* p) { return p->user_id == person->user_id; }))
        people.push_back(person);
}

bool names(const Audience& audience, const Person& person) {
    return std::ranges::any_of(audience.parties, [&](const Party& party) {
        return std::ranges::any_of(party.holders, [&](const Person* holder) { return holder->user_id == person.user_id; });
    });
}

}  // namespace

void add_party(std::vector<Party>& parties, const Party& party) {
    auto found = std::ranges::find(parties, party.role, &Party::role);
    if (found == parties.end()) return parties.push_back(party);
    for (const Person* holder : party.holders) add_holder(found->holders, holder);
}

std::vector<UserRef> mentions_of(const std::vector<Party>& parties) {
    std::vector<UserRef> out;
    for (const Party& party : parties)
        for (const Person* holder : party.holders)
            if (std::ranges::none_of(out, [&](const UserRef& m) { return m.user_id == holder->user_id; }))
                out.push_back({holder->user_id, holder->name, holder->username});
    return out;
}

bool reaches(const std::vector<Audience>& audiences, const Person& person) {
    return std::ranges::any_of(audiences, [&](const Audience& audience) {
        return audience.chat_id == person.user_id || names(audience, person);
    });
}

const std::vector<Channel>& Recipients::channels() {
    if (!channels_) {
        channels_.emplace();
        for (Channel& channel : state_.channels())
            if (channel.platform == platform_) channels_->push_back(std::move(channel));
    }
    return *channels_;
}

const std::vector<Holding>& Recipients::holdings() {
    if (!holdings_) holdings_ = state_.all_holdings();  // one query for the lot: a few hundred rows
    return *holdings_;
}

void Recipients::on(date::year_month_day day) {
    if (day_ == day) return;
    day_ = day;
    // Days with the same terms in force share the caches: terms only ever end.
    size_t ended = 0;
    for (const Holding& holding : holdings()) ended += held_on(holding, day) ? 0 : 1;
    epoch_ = std::to_string(ended);
}

bool Recipients::vacated(const config::RoleRef& role) {
    if (!day_ || !holders_of(role).empty()) return false;
    return std::ranges::any_of(holdings(), [&](const Holding& holding) {
        return holding.person.platform == platform_ && answers_for(holding.role, role) && !held_on(holding, *day_);
    });
}

const std::vector<const Person*>& Recipients::holders_of(const config::RoleRef& role) {
    auto [found, fresh] = holders_.try_emplace(epoch_ + "|" + role.role_id + "/" + role.unit);
    if (!fresh) return found->second;
    for (const Holding& holding : holdings())
        if (holding.person.platform == platform_ && answers_for(holding.role, role) && (!day_ || held_on(holding, *day_)))
            add_holder(found->second, &holding.person);
    return found->second;
}

const std::vector<std::string>& Recipients::admins() {
    if (!admins_) {
        admins_.emplace(config_admins_);
        for (const Person& admin : state_.admins())
            if (admin.platform == platform_ && std::ranges::find(*admins_, admin.user_id) == admins_->end())
                admins_->push_back(admin.user_id);
    }
    return *admins_;
}

const std::vector<Audience>& Recipients::audiences(const Task& task, std::string_view unit) {
    // An added task's recipients depend on its one role alone.
    std::string key = epoch_ + (task.tiltak ? "|" + std::to_string(task.number) + "|" + std::string(unit)
                                            : "|+" + task.roles.front().role_id + "/" + task.roles.front().unit);
    auto [found, fresh] = audiences_.try_emplace(std::move(key));
    if (fresh) found->second = find_audiences(task, unit);
    return found->second;
}

std::vector<Audience> Recipients::find_audiences(const Task& task, std::string_view unit) {
    const std::vector<config::RoleRef> responsible = responsible_for(plan_, task, unit);
    std::vector<Audience> out;
    std::vector<const config::RoleRef*> unbound;  // roles without a channel here
    std::vector<const config::RoleRef*> vacant;   // roles whose terms ended without a successor
    for (const config::RoleRef& role : responsible) {
        if (vacated(role)) {
            vacant.push_back(&role);
            continue;
        }
        bool bound = false;
        for (const Channel& channel : channels()) {
            if (channel.target != role.role_id ||
                !(channel.unit.empty() || channel.unit == role.unit || channel.unit == unit))
                continue;
            bound = true;
            auto chat = std::ranges::find(out, channel.chat_id, &Audience::chat_id);
            if (chat == out.end()) chat = out.insert(out.end(), Audience{channel.chat_id, channel.thread_id});
            add_party(chat->parties, {role, holders_of(role)});
        }
        if (!bound) unbound.push_back(&role);
    }
    const long channel_count = static_cast<long>(out.size());
    for (const config::RoleRef* role : unbound)
        for (const Person* holder : holders_of(*role)) {
            auto in_channel = [&](const Audience& a) { return names(a, *holder); };
            if (std::any_of(out.begin(), out.begin() + channel_count, in_channel)) continue;
            auto chat = std::ranges::find(out, holder->user_id, &Audience::chat_id);
            if (chat == out.end()) chat = out.insert(out.end(), Audience{holder->user_id, "", true});
            add_party(chat->parties, {*role, {holder}});
        }
    // A vacated role's reminders reach whoever gets escalations, who can give it on.
    if (!vacant.empty())
        for (Audience& secretary : secretaries()) {
            auto chat = std::ranges::find(out, secretary.chat_id, &Audience::chat_id);
            if (chat == out.end()) chat = out.insert(out.end(), std::move(secretary));
            for (const config::RoleRef* role : vacant) {
                add_party(chat->parties, {*role, {}});
                if (std::ranges::find(chat->vacated, *role) == chat->vacated.end()) chat->vacated.push_back(*role);
            }
        }
    if (!out.empty()) return out;
    for (const std::string& admin : admins()) {
        Audience audience{admin, "", true, true};
        for (const config::RoleRef& role : responsible) audience.parties.push_back({role, {}});
        out.push_back(std::move(audience));
    }
    return out;
}

std::vector<Audience> Recipients::secretaries() {
    const config::RoleRef role{plan_.special.secretary, ""};
    const Party secretary{role, holders_of(role)};
    std::vector<Audience> out;
    for (const Channel& channel : channels())
        if (!role.role_id.empty() && channel.target == role.role_id && std::ranges::find(out, channel.chat_id, &Audience::chat_id) == out.end())
            out.push_back({channel.chat_id, channel.thread_id, false, false, {secretary}});
    if (out.empty())
        for (const Person* holder : secretary.holders) out.push_back({holder->user_id, "", true});
    if (out.empty())
        for (const std::string& admin : admins()) out.push_back({admin, "", true});
    return out;
}

}  // namespace planbot::commands::detail
