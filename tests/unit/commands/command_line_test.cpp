// Slash commands as typed: name, the bot's @name, arguments and the raw rest.
#include <catch2/catch.hpp>

#include "commands/command_line.hpp"

using namespace planbot::commands;

using Words = std::vector<std::string>;

TEST_CASE("a command is split into its name, words and the rest", "[command_line]") {
    auto command = read_command("/ferdig 9 betalt inn");
    REQUIRE(command.has_value());
    CHECK(command->name == "ferdig");
    CHECK(command->args == Words{"9", "betalt", "inn"});
    CHECK(command->rest == "9 betalt inn");
}

TEST_CASE("the bot's name after @ is dropped and the name is folded", "[command_line]") {
    auto command = read_command("/Ferdig@planbot 9");
    REQUIRE(command.has_value());
    CHECK(command->name == "ferdig");
    CHECK(command->args == Words{"9"});
    CHECK(read_command("/PÅMINNELSER")->name == "paminnelser");
    CHECK(read_command("/påminnelser")->name == "paminnelser");
    CHECK(read_command("/mine_roller")->name == "mineroller");
    CHECK(read_command("/mineroller@planbot_bot")->name == "mineroller");
}

TEST_CASE("a command without arguments has none", "[command_line]") {
    auto command = read_command("  /oppgaver  ");
    REQUIRE(command.has_value());
    CHECK(command->name == "oppgaver");
    CHECK(command->args.empty());
    CHECK(command->rest.empty());
}

TEST_CASE("arguments split at any white space, and the rest keeps its line breaks", "[command_line]") {
    auto command = read_command("/ny kasserer 1.6.2027\tBestille\r\nkaffe  og   kake\n");
    REQUIRE(command.has_value());
    CHECK(command->name == "ny");
    CHECK(command->args == Words{"kasserer", "1.6.2027", "Bestille", "kaffe", "og", "kake"});
    CHECK(command->rest == "kasserer 1.6.2027\tBestille\r\nkaffe  og   kake");
    auto multiline = read_command("/ferdig\n3 Innherred");
    REQUIRE(multiline.has_value());
    CHECK(multiline->name == "ferdig");
    CHECK(multiline->args == Words{"3", "Innherred"});
}

TEST_CASE("arguments are kept as typed: case, æøå, emoji and quotes", "[command_line]") {
    auto command = read_command("/rolle gi Fylkessekretær @Kari_N 🙂 '; DROP TABLE roles;--");
    REQUIRE(command.has_value());
    CHECK(command->name == "rolle");
    CHECK(command->args == Words{"gi", "Fylkessekretær", "@Kari_N", "🙂", "';", "DROP", "TABLE", "roles;--"});
    CHECK(command->rest == "gi Fylkessekretær @Kari_N 🙂 '; DROP TABLE roles;--");
}

TEST_CASE("text that is not a command is not read as one", "[command_line]") {
    for (const char* text : {"", "/", " / ferdig", "ferdig 9", "//ferdig", "/9", "/ 9", "hva skjer i mai",
                             "1/6", "@planbot /ferdig"}) {
        INFO(text);
        CHECK_FALSE(read_command(text).has_value());
    }
    // An emoji is not a letter; æ, ø and å are.
    CHECK_FALSE(read_command("/🙂 9").has_value());
    CHECK_FALSE(read_command("/é 9").has_value());
    REQUIRE(read_command("/Østre 9").has_value());
    CHECK(read_command("/Østre 9")->name == "ostre");
}

TEST_CASE("a long comment arrives whole", "[command_line]") {
    const std::string comment(4000, 'x');
    auto command = read_command("/ferdig 9 " + comment);
    REQUIRE(command.has_value());
    CHECK(command->args.size() == 2);
    CHECK(command->rest.size() == 2 + comment.size());
}
