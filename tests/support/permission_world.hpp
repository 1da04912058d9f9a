// The world of the permissions table (tests/unit/commands/permissions_table_test.cpp):
// the people who may send a message, the chats they may send it in, and a state holding
// things that are not everyone's to see, each with a marker the test looks for in
// every refusal. Monday 7 December 2026, 10:00 in Oslo; planbot has followed the plan
// since 1 March 2026.
//
// The task of the table is nr. 3, «Arrangement i hvert regionteam», per region, due
// 31 December, for the regionleder of each region:
//   stranger   Sindre, writing for the first time (the pipeline has just remembered him)
//   member     Per, known to planbot, no role
//   other unit Nils, regionleder for Namdalen (he confirmed Namdalen's 2026 meeting)
//   holder     Rita, regionleder for Innherred
//   forum      Frida, enpersonsgruppe in Tydal: a member of the forum, with a draft
//   admin      Anne, an admin from the config
//   anonymous  a group's anonymous admin: the message comes from the group, no person
// and the chats: each person's private chat, the Innherred region's group (-300, bound
// to regionleder/innherred) and a group bound to nothing (-400).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "commands/sharing/sharing_commands.hpp"
#include "commands/event.hpp"
#include "commands/people/linking.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace planbot::test {

enum class Sender { stranger, member, other_unit, holder, forum_member, admin, anonymous };
enum class Chat { private_chat, role_group, other_group };

inline constexpr std::array kSenders = {Sender::stranger,     Sender::member, Sender::other_unit, Sender::holder,
                                        Sender::forum_member, Sender::admin,  Sender::anonymous};
inline constexpr std::array kChats = {Chat::private_chat, Chat::role_group, Chat::other_group};

inline std::string_view name_of(Sender sender) {
    constexpr std::array<std::string_view, 7> names = {"stranger",     "member", "holder of another unit", "holder",
                                                       "forum member", "admin",  "anonymous group admin"};
    return names[static_cast<size_t>(sender)];
}
inline std::string_view name_of(Chat chat) {
    constexpr std::array<std::string_view, 3> names = {"private chat", "the role's group", "another group"};
    return names[static_cast<size_t>(chat)];
}

// What no refusal may show: the forum's words, a confirmation's comment, a note, the
// log, a draft. (The plan, the wheel and who holds which role are everyone's: /roller.)
inline constexpr std::array<std::string_view, 5> kPrivateMarkers = {"FORUMHEMMELIG", "KOMMENTARHEMMELIG",
                                                                    "NOTATHEMMELIG", "LOGGHEMMELIG", "UTKASTHEMMELIG"};

inline const commands::OccurrenceId kInnherred2026{3, "innherred", "2026-12"};
inline const commands::OccurrenceId kNamdalen2026{3, "namdalen", "2026-12"};
inline constexpr std::string_view kRoleGroup = "-300";
inline constexpr std::string_view kOtherGroup = "-400";

// /kobling's codes: always the same one, its digest marked as one.
class PermissionLinkCodes final : public commands::LinkCodes {
public:
    std::string new_code() const override { return "abcdefgh"; }
    std::string digest(std::string_view code) const override { return "digest:" + std::string(code); }
};

class PermissionAccessTokens final : public commands::AccessTokens {
public:
    std::string new_token() const override { return "token"; }
    std::string digest(std::string_view token) const override { return "digest:" + std::string(token); }
    std::string derived(std::string_view token) const override { return "feed-of-" + std::string(token); }
};

struct PermissionWorld {
    MemoryState state;
    PermissionLinkCodes link_codes;
    PermissionAccessTokens access_tokens;
    commands::Context context;
    commands::Person anne, per, sindre, nils, rita, frida;
    std::chrono::sys_seconds draft_started;

    PermissionWorld() : context(at("2026-12-07T10:00")) {
        using namespace commands;
        anne = state.add_person("1", "Anne Admin", "anne");
        per = state.add_person("3", "Per Medlem", "");
        sindre = state.add_person("9", "Sindre Fremmed", "sindre");
        nils = state.add_person("21", "Nils Nord", "nils");
        rita = state.add_person("20", "Rita Region", "rita");
        frida = state.add_person("22", "Frida Forum", "frida");
        state.started = date::year(2026) / 3 / 1;
        state.holdings.push_back({{"regionleder", "innherred"}, rita});
        state.holdings.push_back({{"regionleder", "namdalen"}, nils});
        state.holdings.push_back({{"enpersonsgrupper", "Tydal"}, frida});
        state.channel_list.push_back({"regionleder", "innherred", "telegram", std::string(kRoleGroup), "",
                                      "Regionteam Innherred"});
        for (const Person* p : {&anne, &per, &nils, &rita, &frida}) state.private_chats.emplace_back("telegram", p->user_id);
        context.state = &state;
        context.config_admins = {"1"};
        context.buttons = true;
        context.link_codes = &link_codes;
        context.access_tokens = &access_tokens;
        context.web_address = "https://planbot.example.no";

        const auto earlier = context.now - std::chrono::hours(24);
        state.done.push_back({kNamdalen2026, nils, earlier, "KOMMENTARHEMMELIG møtet var på Steinkjer"});
        state.note_list.push_back({3, rita, earlier, "NOTATHEMMELIG nøkkelen ligger hos vaktmesteren"});
        state.log.push_back({1, earlier, anne, "role_granted", "LOGGHEMMELIG Regionleder Innherred gitt til Rita Region"});
        state.posts.push_back({{1, 1, frida, "Budsjettkrisa", "FORUMHEMMELIG kommunen kutter i skolen", {}, earlier,
                                std::nullopt, false, false},
                               "budsjettkrisa forumhemmelig kommunen kutter i skolen"});
        draft_started = context.now - std::chrono::minutes(5);
        state.drafts[{"telegram", frida.user_id}] = ForumDraft{"Skolekutt", draft_started, 0, "UTKASTHEMMELIG om skolen"};
    }
    PermissionWorld(const PermissionWorld&) = delete;
    PermissionWorld& operator=(const PermissionWorld&) = delete;

    const commands::Person& person(Sender sender) const {
        switch (sender) {
            case Sender::stranger: return sindre;
            case Sender::member: return per;
            case Sender::other_unit: return nils;
            case Sender::holder: return rita;
            case Sender::forum_member: return frida;
            case Sender::admin: return anne;
            case Sender::anonymous: break;
        }
        FAIL("a group's anonymous admin is no person");
        return sindre;
    }

    // `text` from `sender` in `chat`, addressed to the bot. REQUIRES: not anonymous in a
    // private chat (a group's anonymous admin writes only in the group).
    commands::Event message(Sender sender, Chat chat, std::string text) const {
        REQUIRE_FALSE((sender == Sender::anonymous && chat == Chat::private_chat));
        commands::Event event;
        event.platform = "telegram";
        event.text = std::move(text);
        event.addressed_to_bot = true;
        if (chat == Chat::private_chat) {
            event.chat_kind = commands::ChatKind::private_chat;
            event.chat_id = person(sender).user_id;
        } else {
            event.chat_kind = commands::ChatKind::group;
            event.chat_id = std::string(chat == Chat::role_group ? kRoleGroup : kOtherGroup);
            event.chat_title = chat == Chat::role_group ? "Regionteam Innherred" : "Kaffeklubben";
        }
        if (sender == Sender::anonymous) {
            event.from_chat = true;
            event.user_name = event.chat_title;
        } else {
            event.user_id = person(sender).user_id;
            event.user_name = person(sender).name;
        }
        return event;
    }

    // A press on a button carrying `data`, on the bot's message 77 in `chat`.
    commands::Event press(Sender sender, Chat chat, std::string data) const {
        commands::Event event = message(sender, chat, "");
        event.button = commands::Event::ButtonPress{"press-1", std::move(data), "77", "⏰ Påminnelse fra planbot."};
        return event;
    }
};

}  // namespace planbot::test
