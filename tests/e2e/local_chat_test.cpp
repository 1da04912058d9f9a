// The real planbot binary in its embedded default, the local chat: questions piped
// in, answers out; and a broken plan stops it before it starts.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

namespace {

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::filesystem::path fresh_directory() {
    static int runs = 0;
    const auto directory = std::filesystem::temp_directory_path() /
                           ("planbot-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(++runs));
    std::filesystem::create_directories(directory);
    return directory;
}

// Runs the binary with `arguments`, feeding `input` on standard input. Its state goes
// to `database` (a fresh one per run unless given). A run that has not ended after a
// minute is stopped (exit code 124), so a chat that never ends fails a test instead of
// hanging the suite.
// `environment`: more VAR='value' settings for the run.
Run run_planbot(const std::string& arguments, const std::string& input, std::filesystem::path database = {},
                const std::string& environment = "") {
    const auto directory = fresh_directory();
    if (database.empty()) database = directory / "planbot.db";
    std::ofstream(directory / "in") << input;
    const std::string command = environment + " PLANBOT_DATABASE_PATH='" + database.string() + "' timeout 60 '" +
                                PLANBOT_BINARY + "' " + arguments + " < '" + (directory / "in").string() + "' > '" +
                                (directory / "out").string() + "' 2> '" + (directory / "err").string() + "'";
    const int status = std::system(command.c_str());
    Run run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(directory / "out"), read(directory / "err")};
    std::filesystem::remove_all(directory);
    return run;
}

}  // namespace

TEST_CASE("a question piped into planbot prints the answer") {
    Run run = run_planbot("--now 2026-11-28T10:00", "hva skjer i mai\n");
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.out.starts_with("Dette skjer i mai 2027 (valgår):\n"));
    CHECK(run.out.find("• lørdag 1. mai\n") != std::string::npos);
    CHECK(run.err.empty());
}

TEST_CASE("several piped questions are answered in order, one answer each") {
    Run run = run_planbot("--now 2026-11-28T10:00", "når er landsmøtet?\n\nhvem har ansvar for partiskatt\r\n");
    CHECK(run.exit_code == 0);
    CHECK(run.out == "• Landsmøte: i mars 2027. Planen setter ingen dag.\n\n"
                     "Nr. 9 Følge opp innbetaling av partiskatt\nAnsvarlig: Kasserer og gruppeledere\n"
                     "Når: hvert kvartal, neste frist torsdag 31. desember 2026\n");
}

TEST_CASE("the start instant can come from the settings file") {
    const auto settings = std::filesystem::temp_directory_path() / ("planbot-e2e-settings-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(settings) << "[bot]\nnow = \"2027-06-01T08:00\"\n";
    Run run = run_planbot("--config '" + settings.string() + "'", "hva skjer i mai\n");
    std::filesystem::remove(settings);
    CHECK(run.exit_code == 0);
    CHECK(run.out.starts_with("Dette skjer i mai 2028:"));
}

TEST_CASE("a broken plan file stops planbot with file, line and column") {
    std::string plan = read(PLANBOT_SOURCE_DIR "/config/plan/trondelag-sv-2025-2028.toml");
    const std::string from = "month = 2\nyears = [2025, 2026, 2027, 2028]";
    const auto at = plan.find(from);
    REQUIRE(at != std::string::npos);
    const int line = static_cast<int>(std::count(plan.begin(), plan.begin() + static_cast<long>(at), '\n')) + 1;
    plan.replace(at, from.size(), "month = 14\nyears = [2025, 2026, 2027, 2028]");
    const auto broken = std::filesystem::temp_directory_path() / ("planbot-e2e-broken-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(broken) << plan;
    Run run = run_planbot("--plan '" + broken.string() + "'", "hva skjer i mai\n");
    std::filesystem::remove(broken);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == "planbot: " + broken.string() + ":" + std::to_string(line) + ":9: month must be 1-12 (got 14)\n");
}

TEST_CASE("a misspelt PLANBOT_ variable is named at start with the one meant, and its value is not shown") {
    Run run = run_planbot("--now 2026-11-28T10:00", "hva skjer i mai\n", {},
                          "PLANBOT_TELEGRAM_TOKNE='123:secret-value' PLANBOT_NO_SUCH_THING=1");
    CHECK(run.exit_code == 0);
    CHECK(run.err.find("unknown environment variable PLANBOT_TELEGRAM_TOKNE (did you mean PLANBOT_TELEGRAM_TOKEN?)") !=
          std::string::npos);
    CHECK(run.err.find("unknown environment variable PLANBOT_NO_SUCH_THING: ignored") != std::string::npos);
    CHECK(run.err.find("secret-value") == std::string::npos);
    CHECK(run.out.find("mai") != std::string::npos);  // the chat still runs
}

TEST_CASE("a wrong start instant is refused with a clear message") {
    Run run = run_planbot("--now 31.05.2027", "");
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("--now: expected a local time like 2027-04-20T10:00") != std::string::npos);
}

TEST_CASE("the check option validates the shipped plan without starting the chat") {
    Run run = run_planbot("--check", "");
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("35 wheel events, 43 tiltak") != std::string::npos);
}

TEST_CASE("roles and confirmations made in the local chat are still there after a restart") {
    const auto directory = fresh_directory();
    const auto database = directory / "planbot.db";
    Run first = run_planbot("--now 2026-11-28T10:00", "/rolle gi kasserer meg\n/ferdig 9 betalt inn\n", database);
    INFO(first.err);
    CHECK(first.exit_code == 0);
    CHECK(first.out.find("✅ Nr. 9") != std::string::npos);

    Run second = run_planbot("--now 2026-11-29T10:00", "/mineroller\n/ferdig 9\n/logg\n", database);
    INFO(second.out);
    CHECK(second.exit_code == 0);
    CHECK(second.out.find("Kasserer") != std::string::npos);
    CHECK(second.out.find("allerede meldt ferdig av Lokal bruker 28. november 2026") != std::string::npos);
    CHECK(second.out.find("betalt inn") != std::string::npos);
    std::filesystem::remove_all(directory);
}

TEST_CASE("/kobling in the local chat gives a code that the next run still knows, and refuses from the same account") {
    // The local chat is a run mode of its own, so the other platform's half of a link
    // is tested in tests/unit/bot/pipeline/linked_accounts_test.cpp; here the real
    // binary's random code, stored by its digest, outlives a restart.
    const auto directory = fresh_directory();
    const auto database = directory / "planbot.db";
    Run first = run_planbot("--now 2026-11-28T10:00", "/kobling\n", database);
    INFO(first.out << first.err);
    CHECK(first.exit_code == 0);
    const size_t at = first.out.find("Koden din er ");
    REQUIRE(at != std::string::npos);
    const std::string code = first.out.substr(at + 13, 9);  // «abcd-efgh»
    CHECK(code[4] == '-');

    Run second = run_planbot("--now 2026-11-28T10:05", "/kobling " + code + "\n/kobling feil-kode\n", database);
    INFO(second.out);
    CHECK(second.exit_code == 0);
    CHECK(second.out.find("Den koden laget du her") != std::string::npos);
    CHECK(second.out.find("Den koden kjenner jeg ikke") != std::string::npos);
    std::filesystem::remove_all(directory);
}

TEST_CASE("planbot report prints the year's evaluation from the database, as Markdown or CSV") {
    const auto directory = fresh_directory();
    const auto database = directory / "planbot.db";
    run_planbot("--now 2026-03-20T10:00", "/rolle gi kasserer meg\n/ferdig 9 betalt; DROP TABLE x\n", database);

    Run markdown = run_planbot("report --year 2026 --format md --now 2026-11-28T10:00", "", database);
    INFO(markdown.err);
    CHECK(markdown.exit_code == 0);
    CHECK(markdown.out.find("#") == 0);
    CHECK(markdown.out.find("Lokal bruker") != std::string::npos);

    Run csv = run_planbot("report --year 2026 --format csv --now 2026-11-28T10:00", "", database);
    CHECK(csv.exit_code == 0);
    CHECK(csv.out.find(",Lokal bruker,2026-03-20 10:00,betalt; DROP TABLE x") != std::string::npos);

    Run missing = run_planbot("report --year 2026", "", directory / "no-such.db");
    CHECK(missing.exit_code != 0);
    CHECK(missing.err.find("no-such.db") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(directory / "no-such.db"));
    std::filesystem::remove_all(directory);
}

TEST_CASE("the chat ends with its input, also when its clock runs fast") {
    for (const std::string rate : {"2", "3600"}) {
        Run run = run_planbot("--now 2026-12-06T10:00 --clock-rate " + rate, "hva skjer i mai\n");
        INFO("--clock-rate " << rate << "\n" << run.err);
        CHECK(run.exit_code == 0);
        CHECK(run.out.find("Dette skjer i mai 2027 (valgår):\n") != std::string::npos);
    }
}

TEST_CASE("bytes that are not UTF-8 are stored repaired, and the report exports them repaired") {
    const auto directory = fresh_directory();
    const auto database = directory / "planbot.db";
    // "\xC3\x28" is a cut-off "é"; "\xE6" is "æ" from a terminal set to Latin-1.
    Run chat = run_planbot("--now 2026-12-06T10:00",
                           "/ny kasserer 1.6.2027 bad \xC3\x28 text\n"
                           "/rolle gi enpersonsgruppe Holtålen meg\n"
                           "/forum ny M\xE6te i kommunestyret\n"
                           "Hvordan forbereder dere m\xF8tene?\n"
                           "send\n",
                           database);
    INFO(chat.out << chat.err);
    CHECK(chat.exit_code == 0);
    CHECK(chat.out.find("bad \uFFFD( text") != std::string::npos);
    CHECK(chat.out.find("\xC3\x28") == std::string::npos);
    CHECK(chat.out.find("M\xE6te") == std::string::npos);

    Run forum = run_planbot("--now 2026-12-06T11:00", "/forum\n", database);
    INFO(forum.out);
    CHECK(forum.out.find("M\uFFFDte i kommunestyret") != std::string::npos);

    Run csv = run_planbot("report --year 2027 --format csv --now 2026-12-06T12:00", "", database);
    INFO(csv.out << csv.err);
    CHECK(csv.exit_code == 0);
    CHECK(csv.out.find("bad \uFFFD( text") != std::string::npos);
    CHECK(csv.out.find("\xC3\x28") == std::string::npos);
    std::filesystem::remove_all(directory);
}

TEST_CASE("planbot report's wrong arguments are answered with the report's own usage") {
    const std::pair<std::string, std::string> cases[] = {
        {"report --year", "planbot report: --year needs a value\n"},
        {"report --year 2026 extra", "planbot report: unexpected argument 'extra'\n"},
        {"report extra --year 2026", "planbot report: unexpected argument 'extra'\n"},
        {"report --year 2026 --format", "planbot report: --format needs a value\n"},
        {"report --year 2026 --colour red", "planbot report: unknown option '--colour'\n"},
    };
    for (const auto& [arguments, error] : cases) {
        Run run = run_planbot(arguments, "");
        INFO(arguments << "\n" << run.err);
        CHECK(run.exit_code == 2);
        CHECK(run.err.starts_with(error));
        CHECK(run.err.find("Usage: planbot report --year YEAR") != std::string::npos);
        CHECK(run.err.find("--clock-rate") == std::string::npos);  // not the main usage
        CHECK(run.out.empty());
    }
}

TEST_CASE("a database path that names a folder is refused naming the setting and the path") {
    const auto folder = fresh_directory();
    for (const std::string arguments : {"--check", "", "report --year 2026"}) {
        Run run = run_planbot(arguments, "hva skjer i mai\n", folder);
        INFO(arguments << "\n" << run.out << run.err);
        CHECK(run.exit_code == 2);
        CHECK(run.err.find("PLANBOT_DATABASE_PATH") != std::string::npos);
        CHECK(run.err.find("'" + folder.string() + "' is a folder") != std::string::npos);
        CHECK(run.err.find("disk I/O error") == std::string::npos);
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("the chat shows every reminder that is due, in order, before it ends") {
    const auto directory = fresh_directory();
    const auto database = directory / "planbot.db";
    run_planbot("--now 2026-12-06T10:00", "/rolle gi kasserer meg\n", database);

    // Six weeks later: the year's deadlines are past. The escalation, the kasserer's two
    // overdue reminders and the notice of reminders nobody receives are all due now.
    Run later = run_planbot("--now 2027-01-20T10:00", "hva skjer i mai\n", database);
    INFO(later.out << later.err);
    CHECK(later.exit_code == 0);
    const size_t escalation = later.out.find("🔔 🚨 Over fristen i 14 dager eller mer");
    const size_t task_9 = later.out.find("🔔 ⚠️ Over fristen: nr. 9 Følge opp partiskatt");
    const size_t task_10 = later.out.find("🔔 ⚠️ Over fristen: nr. 10 Øke inntekter fra støttegiro");
    const size_t nobody = later.out.find("🔔 Ingen mottaker for 34 påminnelser");
    const size_t answer = later.out.find("Dette skjer i mai 2027");
    CHECK(escalation != std::string::npos);
    CHECK(task_9 != std::string::npos);
    CHECK(task_10 != std::string::npos);
    CHECK(nobody != std::string::npos);
    CHECK(answer != std::string::npos);
    CHECK((escalation < task_9 && task_9 < task_10 && task_10 < nobody && nobody < answer));

    // Nothing was left behind for the next start.
    Run again = run_planbot("--now 2027-01-20T10:05", "", database);
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("🔔") == std::string::npos);
    std::filesystem::remove_all(directory);
}

TEST_CASE("a reminder in the local chat, which has no buttons, says which command confirms it") {
    const auto directory = fresh_directory();
    const auto database = directory / "planbot.db";
    run_planbot("--now 2026-12-06T10:00", "/rolle gi kasserer meg\n", database);
    Run later = run_planbot("--now 2027-01-20T10:00", "", database);
    INFO(later.out << later.err);
    const size_t task_9 = later.out.find("🔔 ⚠️ Over fristen: nr. 9 Følge opp partiskatt");
    REQUIRE(task_9 != std::string::npos);
    const std::string reminder = later.out.substr(task_9, later.out.find("\n\n", task_9) - task_9);
    CHECK(reminder.find("Trykk") == std::string::npos);
    CHECK(reminder.find("✅") == std::string::npos);
    CHECK(reminder.find("Skriv /ferdig 9 når det er gjort.") != std::string::npos);
    std::filesystem::remove_all(directory);
}

TEST_CASE("in the local chat a forum draft waits for «send»: a question meanwhile is answered, not published") {
    const auto directory = fresh_directory();
    const auto database = directory / "planbot.db";
    Run chat = run_planbot("--now 2026-12-06T10:00",
                           "/rolle gi enpersonsgruppe Holtålen meg\n"
                           "/forum ny Første tråd\n"
                           "hva skjer i mai\n"
                           "/forum\n"
                           "Hvordan forbereder dere møtene?\n"
                           "send\n"
                           "/forum\n",
                           database);
    INFO(chat.out << chat.err);
    CHECK(chat.exit_code == 0);
    const size_t answer = chat.out.find("Dette skjer i mai 2027");
    const size_t empty = chat.out.find("Forumet er tomt ennå");
    const size_t shown = chat.out.find("Slik blir tråden «Første tråd»:\n\nHvordan forbereder dere møtene?");
    const size_t started = chat.out.find("Tråd 1 «Første tråd» er startet");
    const size_t listed = chat.out.find("• 1 Første tråd");
    CHECK(answer != std::string::npos);
    CHECK(empty != std::string::npos);
    CHECK(shown != std::string::npos);
    CHECK(chat.out.find("Skriv «send»") != std::string::npos);
    CHECK(chat.out.find("Trykk") == std::string::npos);
    CHECK(started != std::string::npos);
    CHECK(listed != std::string::npos);
    CHECK((answer < empty && empty < shown && shown < started && started < listed));
    std::filesystem::remove_all(directory);
}

TEST_CASE("the binary reads dialect as bokmål, and a long word two letters off with Debian's dictionaries") {
    Run run = run_planbot("--now 2026-11-28T10:00", "kor tid e landsmøtet\nhvem har ansvar for ringaksjn\n");
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.out.starts_with("• Landsmøte: i mars 2027."));
    CHECK(run.out.find("Nr. 28 Ringeaksjon") != std::string::npos);
}

TEST_CASE("dictionaries that are missing stop planbot naming the setting, and an empty setting runs without them") {
    const auto folder = fresh_directory();
    Run missing = run_planbot("", "hei\n", {}, "PLANBOT_LANGUAGE_DICTIONARIES='" + folder.string() + "'");
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "planbot: language.dictionaries: " + (folder / "nb_NO.aff").string() +
                             " not found (Debian package hunspell-no); install it, or set dictionaries = \"\" to "
                             "run without\n");
    Run without = run_planbot("--now 2026-11-28T10:00", "hvem har ansvar for ringaksjn\nhvem har ansvar for partiskat\n",
                              {}, "PLANBOT_LANGUAGE_DICTIONARIES=''");
    INFO(without.err);
    CHECK(without.exit_code == 0);
    CHECK(without.out.find("Ringeaksjon") == std::string::npos);  // two letters off: only with the dictionaries
    CHECK(without.out.find("Nr. 9 Følge opp innbetaling av partiskatt") != std::string::npos);  // one letter off
    std::filesystem::remove_all(folder);
}

TEST_CASE("/mine data in the local chat writes the file beside the database and prints its path") {
    const auto folder = fresh_directory();
    Run run = run_planbot("--now 2026-12-07T10:00", "/rolle gi kasserer meg\n/mine data\n", folder / "planbot.db");
    const auto file = std::filesystem::absolute(folder / "planbot-mine-data-2026-12-07.txt");
    INFO(run.out << run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("Her er alt planbot lagrer om deg.") != std::string::npos);
    CHECK(run.out.find("Filen er lagret her: " + file.string()) != std::string::npos);
    const std::string content = read(file);
    CHECK(content.find("Navn: Lokal bruker") != std::string::npos);
    CHECK(content.find("Kasserer") != std::string::npos);
    // Only its owner may read it.
    CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::others_read) ==
          std::filesystem::perms::none);
    std::filesystem::remove_all(folder);
}
