// See state.hpp.
#include "commands/state.hpp"

namespace planbot::commands {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
// Spelled out for clang before 17, which deduces no aggregate's template arguments.
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

std::string_view action_name(const Change& change) {
    return std::visit(
        Overloaded{
            [](const GrantRole&) { return std::string_view("role_granted"); },
            [](const RevokeRole&) { return std::string_view("role_revoked"); },
            [](const GrantAdmin&) { return std::string_view("admin_granted"); },
            [](const RevokeAdmin&) { return std::string_view("admin_revoked"); },
            [](const BindChannel&) { return std::string_view("channel_bound"); },
            [](const UnbindChannel&) { return std::string_view("channel_unbound"); },
            [](const SetDeadline&) { return std::string_view("deadline_set"); },
            [](const AddTask&) { return std::string_view("task_added"); },
            [](const AssignResponsible&) { return std::string_view("responsible_assigned"); },
            [](const Complete&) { return std::string_view("completed"); },
            [](const Skip&) { return std::string_view("skipped"); },
            [](const Reopen&) { return std::string_view("reopened"); },
            [](const AddNote&) { return std::string_view("note_added"); },
            [](const PauseReminders&) { return std::string_view("reminders_paused"); },
            [](const AddForumPost&) { return std::string_view("forum_posted"); },
            [](const EditForumPost&) { return std::string_view("forum_edited"); },
            [](const DeleteForumPost&) { return std::string_view("forum_deleted"); },
            [](const HideForumPost& hide) { return std::string_view(hide.hidden ? "forum_hidden" : "forum_shown"); },
            [](const SetForumDraft&) { return std::string_view("forum_draft"); },
            [](const SetForumMuted&) { return std::string_view("forum_muted"); },
            [](const SetWheelDate&) { return std::string_view("wheel_date_set"); },
            [](const ClearWheelDate&) { return std::string_view("wheel_date_cleared"); },
            [](const RecordDataExport&) { return std::string_view("personal_data_sent"); },
            [](const RequestErasure&) { return std::string_view("erasure_requested"); },
            [](const ForgetPerson&) { return std::string_view("personal_data_erased"); },
            [](const StartLink&) { return std::string_view("link_started"); },
            [](const LinkAccounts&) { return std::string_view("accounts_linked"); },
            [](const UnlinkAccount&) { return std::string_view("account_unlinked"); },
            [](const FailLink&) { return std::string_view("link_failed"); },
            [](const IssueAccessToken&) { return std::string_view("access_link_made"); },
        },
        change);
}

bool audited(const Change& change) {
    return !std::holds_alternative<AddForumPost>(change) && !std::holds_alternative<EditForumPost>(change) &&
           !std::holds_alternative<SetForumDraft>(change) && !std::holds_alternative<SetForumMuted>(change) &&
           !std::holds_alternative<RequestErasure>(change) && !std::holds_alternative<StartLink>(change) &&
           !std::holds_alternative<FailLink>(change);
}

bool same_person(const State* state, const Person& person, std::string_view platform, std::string_view user_id) {
    if (person.platform == platform && person.user_id == user_id) return true;
    if (state == nullptr) return false;
    for (const Person& other : state->linked_accounts(platform, user_id))
        if (other.platform == person.platform && other.user_id == person.user_id) return true;
    return false;
}

}  // namespace planbot::commands
