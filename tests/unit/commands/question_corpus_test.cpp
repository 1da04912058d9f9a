// Every line of tests/fixtures/language/questions.tsv, written as members write in a
// chat, goes through the router (commands::handle) at its own instant and in its own
// kind of chat; the reply's words must show the expected outcome. A wrong answer fails
// the test; the shares of understood, asked back and not understood are printed.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "tests/support/chat_fixture.hpp"
#include "tests/support/dictionaries.hpp"

namespace {

using namespace planbot;
using planbot::test::contains;

struct CorpusLine {
    int line = 0;
    std::string instant, chat, text, expected;
};

std::vector<CorpusLine> read_corpus() {
    std::ifstream file(PLANBOT_SOURCE_DIR "/tests/fixtures/language/questions.tsv");
    REQUIRE(file);
    std::vector<CorpusLine> out;
    std::string row;
    for (int number = 1; std::getline(file, row); ++number) {
        if (row.empty() || row.starts_with("#")) continue;
        std::vector<std::string> fields;
        std::stringstream split(row);
        for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
        INFO("questions.tsv:" << number << ": " << row);
        REQUIRE(fields.size() == 4);
        out.push_back({number, fields[0], fields[1], fields[2], fields[3]});
    }
    return out;
}

bool starts_with_any(const std::string& text, std::initializer_list<std::string_view> openings) {
    return std::ranges::any_of(openings, [&](std::string_view opening) { return text.starts_with(opening); });
}

bool is_not_understood(const std::string& reply) {
    return starts_with_any(reply, {"Det skjønte jeg ikke", "Jeg fant ikke", "Jeg skjønte ikke", "Hva vil du vite"});
}

// The outcome class the reply shows, checked against `expected` ("tiltak 9", "role
// Kasserer", "asks back", …; the README's questions section lists them).
bool shows(const std::string& expected, const std::string& reply) {
    const std::string first_line = reply.substr(0, reply.find('\n'));
    auto argument = [&](std::string_view kind) { return expected.substr(kind.size() + 1); };
    if (expected == "asks back") return reply.starts_with("Mente du");
    if (expected == "not understood") return is_not_understood(reply);
    if (expected == "unknown command") return reply.starts_with("Ukjent kommando /");
    if (expected == "greeting") return reply.starts_with("Hei!") && !contains(reply, "Kommandoer:");
    if (expected == "thanks") return reply.starts_with("Bare hyggelig");
    if (expected == "help") return contains(reply, "Kommandoer:");
    if (expected == "no such tiltak") return reply.starts_with("Det finnes ikke noe tiltak nr.");
    if (expected == "own tasks") return starts_with_any(reply, {"Dine åpne oppgaver", "Du har ingen"});
    if (expected == "deadlines") return starts_with_any(reply, {"Frister ", "Ingen frister"});
    if (expected.starts_with("tiltak ")) {
        const std::string number = argument("tiltak");
        return first_line.starts_with("Nr. " + number + " ") || first_line.starts_with("• nr. " + number + " ");
    }
    if (expected.starts_with("role ")) {
        const std::string label = argument("role");
        return first_line.starts_with(label + ": ") || first_line.starts_with("Ingen har rollen " + label + " ");
    }
    if (expected.starts_with("duties ")) {
        const std::string label = argument("duties");
        return starts_with_any(first_line, {label + " har ansvar for", label + " har ikke ansvar",
                                            "Åpne oppgaver for " + label, "Ingen åpne oppgaver for " + label});
    }
    if (expected.starts_with("event ")) return first_line.starts_with("• " + argument("event") + ":");
    if (expected.starts_with("yes ")) return first_line.starts_with("Ja. ") && contains(first_line, argument("yes"));
    if (expected == "own yes") return reply.starts_with("Ja, du som ");
    if (expected == "own no") return reply.starts_with("Nei, du som ");
    if (expected.starts_with("no ")) return first_line.starts_with("Nei, ") && contains(first_line, argument("no"));
    if (expected.starts_with("date ")) return first_line.starts_with(argument("date"));
    if (expected.starts_with("period ")) {
        return contains(first_line, argument("period")) && !reply.starts_with("Mente du") &&
               !is_not_understood(reply);
    }
    FAIL("unknown expectation «" << expected << "»");
    return false;
}

commands::Event event_for(const CorpusLine& line, const commands::Person& from) {
    commands::Event event;
    event.platform = "telegram";
    event.user_id = from.user_id;
    event.user_name = from.name;
    event.text = line.text;
    event.chat_id = line.chat == "private" ? from.user_id : "-100";
    event.chat_kind = line.chat == "private" ? commands::ChatKind::private_chat : commands::ChatKind::group;
    event.addressed_to_bot = line.chat != "group";
    return event;
}

}  // namespace

TEST_CASE("the questions corpus: every message gets the outcome a member expects, never a wrong answer",
          "[corpus]") {
    const std::vector<CorpusLine> corpus = read_corpus();
    REQUIRE(corpus.size() >= 330);
    test::ChatFixture f("2026-12-06T10:00");
    f.context.speller = &test::dictionaries();  // as the bot reads questions
    f.state.holdings.push_back({{"au", ""}, f.anne});
    f.state.holdings.push_back({{"au", ""}, f.per});
    f.state.holdings.push_back({{"regionleder", "innherred"}, f.per});
    std::map<std::string, int> shares;
    for (const CorpusLine& line : corpus) {
        const std::string chat = line.chat;
        REQUIRE((chat == "private" || chat == "group" || chat == "group@"));
        f.now(line.instant);
        const commands::Outcome outcome = commands::handle(event_for(line, f.kari), f.context);
        INFO("questions.tsv:" << line.line << ": «" << line.text << "» (" << chat << ") expected " << line.expected);
        if (line.expected == "stays silent") {
            CHECK(outcome.replies.empty());
            ++shares["stays silent"];
            continue;
        }
        REQUIRE(outcome.replies.size() == 1);
        const std::string& reply = outcome.replies.front().text;
        INFO("reply: " << reply);
        CHECK(shows(line.expected, reply));
        ++shares[line.expected == "asks back" || line.expected == "not understood" ? line.expected : "understood"];
    }
    const double total = static_cast<double>(corpus.size());
    WARN("questions corpus: " << corpus.size() << " lines; understood " << shares["understood"] << " ("
                              << 100 * shares["understood"] / total << " %), asked back " << shares["asks back"]
                              << " (" << 100 * shares["asks back"] / total << " %), not understood "
                              << shares["not understood"] << " (" << 100 * shares["not understood"] / total
                              << " %), stays silent " << shares["stays silent"]);
}
