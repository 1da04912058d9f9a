// The one command table: every command it lists is routed to its own handler, shown
// in /hjelp, and offered in the platforms' menu exactly as the table says.
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

#include <regex>
#include <set>

#include "commands/router.hpp"

using namespace planbot;
using namespace planbot::commands;
using planbot::test::at;
using planbot::test::contains;

namespace {

Event private_message(std::string text) {
    Event event;
    event.platform = "local";
    event.chat_id = "u1";
    event.user_id = "u1";
    event.user_name = "Kari";
    event.text = std::move(text);
    return event;
}

}  // namespace

TEST_CASE("every command in the table is routed to the table's handler, by name and by alias") {
    test::MemoryState state;
    Context context = at("2026-11-28T10:00");
    context.state = &state;
    context.config_admins = {"u1"};
    const std::string not_understood = answer("blablabla", context);
    for (const CommandSpec& row : command_table()) {
        std::vector<std::string_view> names = row.aliases;
        names.push_back(row.name);
        for (std::string_view name : names) {
            INFO("/" << name);
            const Outcome outcome = handle(private_message("/" + std::string(name)), context);
            REQUIRE_FALSE(outcome.replies.empty());
            const Outcome direct = row.handler(private_message("/" + std::string(name)), context,
                                               Command{std::string(name), {}, ""});
            REQUIRE_FALSE(direct.replies.empty());
            CHECK(outcome.replies.front().text == direct.replies.front().text);
            CHECK(outcome.replies.front().text != not_understood);
        }
    }
}

TEST_CASE("no two commands share a name") {
    std::set<std::string_view> seen;
    for (const CommandSpec& row : command_table()) {
        INFO(row.name);
        CHECK(seen.insert(row.name).second);
        for (std::string_view alias : row.aliases) CHECK(seen.insert(alias).second);
    }
}

TEST_CASE("hjelp lists every command the table describes, members' and admins'") {
    const std::string help = help_text(at("2026-11-28T10:00"));
    for (const CommandSpec& row : command_table()) {
        INFO(row.name);
        if (!row.help.empty()) CHECK(contains(help, std::string(row.help)));
        if (!row.admin_usage.empty()) CHECK(contains(help, std::string(row.admin_usage)));
    }
    CHECK(contains(help, "For admin: "));
    CHECK(contains(help, "/frist 7 1.9.2027"));
    CHECK(contains(help, "• /oppgaver – dine åpne oppgaver"));
}

TEST_CASE("the command menu offers the table's menu entries, with names a platform accepts") {
    const std::vector<MenuEntry> menu = command_menu();
    REQUIRE(menu.size() >= 5);
    CHECK(menu.front().name == "hjelp");
    const std::regex allowed("[a-z0-9_]{1,32}");
    for (const MenuEntry& entry : menu) {
        INFO(entry.name);
        CHECK(std::regex_match(entry.name, allowed));
        CHECK_FALSE(entry.description.empty());
        const auto row = std::ranges::find_if(command_table(), [&](const CommandSpec& r) { return r.name == entry.name; });
        REQUIRE(row != command_table().end());
        CHECK(row->menu == entry.description);
    }
    // Admin-only commands are in /hjelp, not in everyone's menu.
    for (const CommandSpec& row : command_table())
        if (row.admin_only) CHECK(row.menu.empty());
}

TEST_CASE("a command that needs the database says so in one wording, and an admin command refuses others") {
    Context context = at("2026-11-28T10:00");
    std::set<std::string> answers;
    for (const char* command : {"/oppgaver", "/roller", "/paminnelser", "/forum", "/logg"})
        answers.insert(handle(private_message(command), context).replies.front().text);
    CHECK(answers == std::set<std::string>{"Dette trenger databasen, og den er ikke koblet til her."});

    test::MemoryState state;
    context.state = &state;
    for (const char* command : {"/frist 7 1.9.2027", "/pause 1.1.2027", "/ny kasserer 1.6.2027 x"}) {
        INFO(command);
        CHECK(handle(private_message(command), context).replies.front().text.starts_with("Beklager, bare en admin kan "));
    }
}
