// Who may do what, as one table: every command of the command table, the two buttons
// (with forged data) and free-text questions, sent by each kind of sender in each kind
// of chat (tests/support/permission_world.hpp), with the expected allow or refuse. The
// cases are generated from the table; each runs against a fresh world.
//
// A cell is one letter per sender, in the order
//     stranger, member, holder of another unit, holder, forum member, admin, anonymous
// and reads:
//   A  allowed: the row's change is made, or its answer given (its mark)
//   N  refused, not theirs: the row's own refusal (a role answering for the task, the
//      confirmer, the draft's author)
//   R  refused, for admins only («bare en admin»)
//   F  refused, for the forum's members only
//   P  refused, in a private chat only
//   G  refused, in a group only (binding a group is done in the group)
//   Q  refused, no person behind the message (a group's anonymous admin)
//   -  cannot happen (an anonymous admin writes only in the group)
// Every refusal changes nothing, answers in the chat it came from only, and shows none
// of the world's private markers (forum text, a comment, a note, the log, a draft), nor
// the row's `hidden` text.
//
// Decisions the table records:
// - A group's anonymous admin (a message on behalf of the group: Telegram sends
//   `sender_chat` = the group and `from` = GroupAnonymousBot) is the group speaking, not a
//   person. Telegram says only that some admin of the group wrote, and an admin of a
//   group is not one of planbot's admins (people in the settings or made admin with
//   /admin), so such a message gets no one's rights: what is the same whoever asks is
//   answered (/hjelp, /frister, /roller, questions about the wheel), all else is answered
//   with how to write as themselves. planbot gives no right to a group's admins as such.
//   A button press always names the presser (Telegram gives the person, never the group),
//   so the anonymous column of the button rows is what a forged press without a person
//   would get.
// - Button data can be forged. The ✅ Ferdig button is /ferdig for the occurrence its data
//   names: a holder or an admin may press it in any chat (as they may type /ferdig
//   anywhere); anyone else gets one answer, whether the data names a task of another
//   chat, a done one, one that never existed or nothing at all. ✅ Publiser publishes only
//   the presser's own draft, and only in their private chat.
// - Who holds which role is everyone's to know (/roller), so a refusal may name whom to
//   ask; who confirmed or skipped a task is told only to those who answer for it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "commands/command_line.hpp"
#include "commands/router.hpp"
#include "tests/support/permission_world.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using namespace planbot::test;

struct Row {
    std::string_view what;  // the text sent, or what the button is
    // The button's data; null for a message.
    std::string (*button)(const PermissionWorld&) = nullptr;
    std::string_view effect = "";  // allowed: the audit action of a change it makes
    std::string_view mark = "";    // allowed: text its answer holds
    std::string_view in_private = "", in_role_group = "", in_other_group = "";
    std::string_view refusal = "";  // the words of its N refusal
    std::string_view hidden = "";   // never in a refusal to someone without a role for task 3
    void (*setup)(PermissionWorld&) = nullptr;
};

std::string innherred_button(const PermissionWorld&) { return done_button_data(kInnherred2026); }
std::string namdalen_button(const PermissionWorld&) { return done_button_data(kNamdalen2026); }
std::string never_existed_button(const PermissionWorld&) { return done_button_data({3, "innherred", "2031-12"}); }
std::string malformed_button(const PermissionWorld&) { return "done|3|innherred"; }
std::string publish_button(const PermissionWorld& world) { return publish_button_data(world.draft_started); }
void paused(PermissionWorld& world) { world.state.paused = date::year(2027) / 1 / 1; }

constexpr std::string_view kNotYours = "Bare den som har ansvar for denne oppgaven";

// clang-format off
const Row kRows[] = {
    //  what                                     button / effect / mark         private           role's group      other group
    {"/hjelp", nullptr, "", "Kommandoer:",                                      "A A A A A A -", "A A A A A A A", "A A A A A A A"},
    {"/oppgaver", nullptr, "", "",                                              "A A A A A A -", "A A A A A A Q", "A A A A A A Q"},
    {"/frister", nullptr, "", "Frister de neste 30 dagene",                     "A A A A A A -", "A A A A A A A", "A A A A A A A"},
    {"/ferdig 3 Innherred", nullptr, "completed", "",                           "N N N A N A -", "N N N A N A Q", "N N N A N A Q",
     "kan bare meldes ferdig av"},
    {"/angre 3 Namdalen", nullptr, "reopened", "",                              "N N A N N A -", "N N A N N A Q", "N N A N N A Q",
     "Det var ikke du som meldte", "Nils Nord"},
    {"/hopp 3 Innherred ingen møte i år", nullptr, "skipped", "",               "N N N A N A -", "N N N A N A Q", "N N N A N A Q",
     "kan bare hoppes over av"},
    {"/notat 3 husk nøkkelen", nullptr, "note_added", "",                       "N N A A N A -", "N N A A N A Q", "N N A A N A Q",
     "kan bare skrives av"},
    {"/notat 3", nullptr, "", "NOTATHEMMELIG",                                  "N N A A N A -", "N N A A N A Q", "N N A A N A Q",
     "kan bare ses av"},
    {"/overlevering regionleder innherred", nullptr, "", "Overlevering: Regionleder Innherred",
                                                                                "N N N A N A -", "N N N A N A Q", "N N N A N A Q",
     "kan bare ses av den som har rollen"},
    {"/frist 3 20.12.2026 Innherred", nullptr, "deadline_set", "",              "R R R R R A -", "R R R R R A Q", "R R R R R A Q"},
    {"/ny regionleder 1.6.2027 Lage plakat", nullptr, "task_added", "",         "R R R R R A -", "R R R R R A Q", "R R R R R A Q"},
    {"/ansvar 27 au", nullptr, "responsible_assigned", "",                      "R R R R R A -", "R R R R R A Q", "R R R R R A Q"},
    {"/dato fylkesårsmøte 13.2.2027", nullptr, "wheel_date_set", "",            "R R R R R A -", "R R R R R A Q", "R R R R R A Q"},
    {"/påminnelser", nullptr, "", "",                                           "A A A A A A -", "A A A A A A Q", "A A A A A A Q"},
    {"/pause 6.8.2027", nullptr, "reminders_paused", "",                        "R R R R R A -", "R R R R R A Q", "R R R R R A Q"},
    {"/fortsett", nullptr, "reminders_paused", "",                              "R R R R R A -", "R R R R R A Q", "R R R R R A Q",
     "", "", paused},
    {"/rolle gi kasserer @sindre", nullptr, "role_granted", "",                 "R R R R R A -", "R R R R R A Q", "R R R R R A Q"},
    {"/roller", nullptr, "", "Roller og hvem som har dem",                      "A A A A A A -", "A A A A A A A", "A A A A A A A"},
    {"/mineroller", nullptr, "", "",                                            "A A A A A A -", "A A A A A A Q", "A A A A A A Q"},
    {"/mine data", nullptr, "personal_data_sent", "",                           "A A A A A A -", "P P P P P P Q", "P P P P P P Q"},
    {"/slett meg", nullptr, "erasure_requested", "",                            "A A A A A A -", "P P P P P P Q", "P P P P P P Q"},
    {"/kobling", nullptr, "", "Koden din er abcd-efgh",                         "A A A A A A -", "P P P P P P Q", "P P P P P P Q"},
    {"/kalender", nullptr, "access_link_made", "kalender/token.ics",            "A A A A A A -", "P P P P P P Q", "P P P P P P Q"},
    {"/oversikt", nullptr, "access_link_made", "oversikt/token",                "R R R R R A -", "R R R R R P Q", "R R R R R P Q"},
    {"/årshjul 2027", nullptr, "", "Årshjulet 2027",                            "A A A A A A -", "A A A A A A A", "A A A A A A A"},
    {"/admin gi @sindre", nullptr, "admin_granted", "",                         "R R R R R A -", "R R R R R A Q", "R R R R R A Q"},
    {"/kanal", nullptr, "", "Kanaler:",                                         "A A A A A A -", "A A A A A A Q", "A A A A A A Q"},
    {"/kanal kasserer", nullptr, "channel_bound", "",                           "G G G G G G -", "R R R R R A Q", "R R R R R A Q"},
    {"/logg", nullptr, "", "LOGGHEMMELIG",                                      "R R R R R A -", "R R R R R A Q", "R R R R R A Q"},
    {"/status", nullptr, "", "Status 2026",                                     "R R R R R A -", "R R R R R A Q", "R R R R R A Q"},
    {"/rapport 2026", nullptr, "", "Årsrapport 2026",                           "R R R R R A -", "R R R R R A Q", "R R R R R A Q"},
    {"/forum", nullptr, "", "sist aktive tråder",                               "F F F F A A -", "P P P P P P Q", "P P P P P P Q"},
    {"/forum vis 1", nullptr, "", "FORUMHEMMELIG",                              "F F F F A A -", "P P P P P P Q", "P P P P P P Q"},
    {"/forum skjul 1", nullptr, "forum_hidden", "",                             "F F F F R A -", "P P P P P P Q", "P P P P P P Q"},
    {"/plan last inn", nullptr, "reload", "",                                   "R R R R R A -", "R R R R R A Q", "R R R R R A Q"},
    {"hva skjer i mai", nullptr, "", "Dette skjer i mai",                       "A A A A A A -", "A A A A A A A", "A A A A A A A"},
    {"hva har jeg ansvar for?", nullptr, "", "",                                "A A A A A A -", "A A A A A A Q", "A A A A A A Q"},
    // The ✅ Ferdig button of Innherred's 2026 meeting: on the reminder, or forged
    // anywhere (another chat's task, another person's button).
    {"✅ Ferdig: Innherred 2026", innherred_button, "completed", "",            "N N N A N A -", "N N N A N A N", "N N N A N A N",
     kNotYours, "Arrangement i hvert regionteam"},
    {"✅ Ferdig: Namdalen 2026, done by Nils", namdalen_button, "", "Allerede meldt ferdig av Nils Nord",
                                                                                "N N A N N A -", "N N A N N A N", "N N A N N A N",
     kNotYours, "Nils Nord"},
    {"✅ Ferdig: a key that never existed", never_existed_button, "", "finnes ikke lenger",
                                                                                "N N N A N A -", "N N N A N A N", "N N N A N A N",
     kNotYours, "Arrangement i hvert regionteam"},
    {"✅ Ferdig: malformed data", malformed_button, "", "finnes ikke lenger",  "N N N N N A -", "N N N N N A N", "N N N N N A N",
     kNotYours, "Arrangement i hvert regionteam"},
    // Frida's draft: only she can publish it, and only in her private chat.
    {"✅ Publiser: Frida's draft", publish_button, "forum_posted", "",         "F F F F A N -", "P P P P P P P", "P P P P P P P",
     "Dette utkastet finnes ikke lenger", "Skolekutt"},
};
// clang-format on

char cell_of(const Row& row, Chat chat, Sender sender) {
    const std::string_view cells =
        chat == Chat::private_chat ? row.in_private : chat == Chat::role_group ? row.in_role_group : row.in_other_group;
    std::string letters;
    for (char c : cells)
        if (c != ' ') letters += c;
    REQUIRE(letters.size() == kSenders.size());
    return letters[static_cast<size_t>(sender)];
}

// The words every refusal of a kind holds (ASCII lower-cased on both sides).
std::string_view refusal_words(char cell, const Row& row) {
    switch (cell) {
        case 'N': return row.refusal;
        case 'R': return "bare en admin";
        case 'F': return "forumet er for enpersonsgruppene";
        case 'P': return "privat";
        case 'G': return "skriv det i gruppa";
        case 'Q': return "meldingen kommer fra gruppa";
    }
    FAIL("unknown cell " << cell);
    return "";
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    return out;
}

bool has_effect(const Outcome& outcome, std::string_view effect) {
    if (effect == "reload") return outcome.reload_plan;
    return std::ranges::any_of(outcome.changes,
                               [&](const StateChange& change) { return action_name(change.change) == effect; });
}

std::string all_text(const Outcome& outcome) {
    std::string text;
    for (const Reply& reply : outcome.replies) text += reply.text + "\n";
    return text;
}

// Someone without a role answering for task 3 (to whom a confirmer is not named).
bool outsider(Sender sender) {
    return sender != Sender::holder && sender != Sender::other_unit && sender != Sender::admin;
}

Outcome run(PermissionWorld& world, const Row& row, Sender sender, Chat chat) {
    if (row.setup) row.setup(world);
    const Event event = row.button ? world.press(sender, chat, row.button(world))
                                   : world.message(sender, chat, std::string(row.what));
    return handle(event, world.context);
}

void check_allowed(const Row& row, const Outcome& outcome) {
    // /plan last inn is answered by the bot layer, once it has read the plan.
    if (row.effect != "reload") CHECK_FALSE(outcome.replies.empty());
    if (!row.effect.empty()) CHECK(has_effect(outcome, row.effect));
    if (!row.mark.empty()) CHECK(test::contains(all_text(outcome), std::string(row.mark)));
    // An allowed answer is not worded as a refusal of another kind.
    const std::string text = lower(all_text(outcome));
    for (char other : {'R', 'F', 'Q'}) CHECK_FALSE(test::contains(text, lower(refusal_words(other, row))));
}

void check_refused(const Row& row, char cell, Sender sender, const Outcome& outcome, std::string_view chat_id) {
    CHECK(outcome.changes.empty());
    CHECK_FALSE(outcome.reload_plan);
    CHECK_FALSE(outcome.replies.empty());
    for (const Reply& reply : outcome.replies) CHECK(reply.chat_id == chat_id);
    const std::string text = all_text(outcome);
    CHECK(test::contains(lower(text), lower(refusal_words(cell, row))));
    if (!row.mark.empty()) CHECK_FALSE(test::contains(text, std::string(row.mark)));
    for (std::string_view marker : kPrivateMarkers) CHECK_FALSE(test::contains(text, std::string(marker)));
    if (!row.hidden.empty() && (outsider(sender) || row.button)) CHECK_FALSE(test::contains(text, std::string(row.hidden)));
}

}  // namespace

TEST_CASE("the permissions table: every command and button, by sender and chat", "[permissions]") {
    int cases = 0;
    for (const Row& row : kRows)
        for (Chat chat : kChats)
            for (Sender sender : kSenders) {
                const char cell = cell_of(row, chat, sender);
                if (cell == '-') continue;
                INFO(row.what << " — from the " << name_of(sender) << " in " << name_of(chat) << ": expected " << cell);
                PermissionWorld world;
                const Event probe = world.message(sender, chat, "");
                const Outcome outcome = run(world, row, sender, chat);
                INFO("answered: " << all_text(outcome));
                if (cell == 'A') check_allowed(row, outcome);
                else check_refused(row, cell, sender, outcome, probe.chat_id);
                ++cases;
            }
    CHECK(cases == static_cast<int>(std::size(kRows)) * 20);
}

TEST_CASE("the permissions table has a row for every command of the command table and both buttons",
          "[permissions]") {
    std::vector<std::string_view> covered;
    bool done_button = false, publish = false;
    PermissionWorld world;
    for (const Row& row : kRows) {
        if (row.button) {
            const std::string data = row.button(world);
            done_button = done_button || data.starts_with("done|");
            publish = publish || read_publish_button_data(data).has_value();
            continue;
        }
        if (const std::optional<Command> command = read_command(row.what))
            if (const CommandSpec* spec = find_command(command_table(), command->name)) covered.push_back(spec->name);
    }
    for (const CommandSpec& spec : command_table()) {
        INFO("/" << spec.name);
        CHECK(std::ranges::find(covered, spec.name) != covered.end());
    }
    CHECK(done_button);
    CHECK(publish);
}

TEST_CASE("an anonymous group admin is never an admin, even when an admin's id would match", "[permissions]") {
    // The adapter leaves the user id empty for a message on behalf of a chat; were it
    // ever the id of a config admin, the message still has no one's rights.
    PermissionWorld world;
    Event event = world.message(Sender::anonymous, Chat::role_group, "/logg");
    event.user_id = world.anne.user_id;
    CHECK_FALSE(is_admin(event, world.context));
    const Outcome outcome = handle(event, world.context);
    REQUIRE(outcome.replies.size() == 1);
    CHECK(test::contains(outcome.replies.front().text, "Meldingen kommer fra gruppa"));
    CHECK_FALSE(test::contains(outcome.replies.front().text, "LOGGHEMMELIG"));
}
