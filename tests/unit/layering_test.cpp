// The stages keep to their places (docs/architecture.md): commands/ is pure (no I/O, no
// clock, no environment, nothing from bot/ or storage/, no platform's words); config/
// knows no sockets or database; storage/ knows no sockets, and of the core only the
// State interface it implements. Inside commands/ and bot/, each folder uses only the
// folders the table below allows. Every system header is visible to every target, so
// only a check like this keeps the boundaries.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace {

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Every .cpp/.hpp under `folder`, subfolders included.
std::vector<std::filesystem::path> sources(const char* folder) {
    std::vector<std::filesystem::path> out;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::filesystem::path(PLANBOT_SOURCE_DIR) / folder)) {
        const auto extension = entry.path().extension();
        if (extension == ".cpp" || extension == ".hpp") out.push_back(entry.path());
    }
    return out;
}

void check_none_of(const char* folder, const std::vector<std::string>& forbidden) {
    const auto files = sources(folder);
    CHECK(files.size() >= 3);
    for (const auto& file : files) {
        const std::string text = read(file);
        for (const std::string& bad : forbidden) {
            INFO(file.string() << " contains " << bad);
            CHECK(text.find(bad) == std::string::npos);
        }
    }
}

const std::vector<std::string> kNetwork = {"<boost/", "<openssl/", "<sys/socket.h>", "<netinet/"};

}  // namespace

TEST_CASE("the core in commands/ does no I/O, reads no clock and no environment") {
    std::vector<std::string> forbidden = kNetwork;
    for (const char* bad : {"<sqlite3.h>", "<iostream>", "<fstream>", "<cstdio>", "system_clock", "steady_clock",
                            "time(nullptr)", "time(NULL)", "getenv", "current_zone", "#include \"bot/",
                            "#include \"storage/", "std::rand", "random_device"})
        forbidden.emplace_back(bad);
    check_none_of("commands", forbidden);
}

TEST_CASE("publish/ makes bytes from the plan and the state: no sockets, files, database, clock or bot") {
    std::vector<std::string> forbidden = kNetwork;
    for (const char* bad : {"<sqlite3.h>", "<fstream>", "<cstdio>", "fopen", "system_clock", "steady_clock",
                            "time(nullptr)", "getenv", "#include \"bot/", "#include \"storage/", "random_device"})
        forbidden.emplace_back(bad);
    check_none_of("publish", forbidden);
}

TEST_CASE("config/ reads its files but knows no sockets, database or clock") {
    std::vector<std::string> forbidden = kNetwork;
    for (const char* bad : {"<sqlite3.h>", "system_clock", "steady_clock", "#include \"bot/", "#include \"storage/",
                            "#include \"commands/"})
        forbidden.emplace_back(bad);
    check_none_of("config", forbidden);
}

TEST_CASE("storage/ knows no sockets nor the bot and of the core only the State it implements") {
    std::vector<std::string> forbidden = kNetwork;
    for (const char* bad : {"#include \"bot/", "system_clock", "steady_clock"}) forbidden.emplace_back(bad);
    check_none_of("storage", forbidden);

    // WorkState implements commands::State; the rest of the core (parsing, replies) stays out.
    const std::string core = "#include \"commands/";
    const std::string allowed = "#include \"commands/state.hpp\"";
    for (const auto& file : sources("storage")) {
        const std::string text = read(file);
        for (size_t at = text.find(core); at != std::string::npos; at = text.find(core, at + 1)) {
            INFO(file.string() << " includes " << text.substr(at, text.find('\n', at) - at));
            CHECK(text.compare(at, allowed.size(), allowed) == 0);
        }
    }
}

namespace {

// The folder of `file` below `root` ("language" for commands/language/dates.hpp), or
// "" for a file directly in `root`.
std::string subfolder(const std::filesystem::path& file, const std::filesystem::path& root) {
    const auto relative = std::filesystem::relative(file, root);
    return relative.has_parent_path() ? relative.begin()->string() : std::string();
}

// Every "#include "<layer>/…"" in `text`: the folder it names below the layer ("" for a
// file at the top of the layer), with the whole line for the message.
std::vector<std::pair<std::string, std::string>> includes_of(const std::string& text, const std::string& layer) {
    std::vector<std::pair<std::string, std::string>> out;
    const std::string prefix = "#include \"" + layer + "/";
    for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
        const std::string path = text.substr(at + prefix.size(), text.find('"', at + prefix.size()) - at - prefix.size());
        const size_t slash = path.find('/');
        out.emplace_back(slash == std::string::npos ? "" : path.substr(0, slash),
                         text.substr(at, text.find('\n', at) - at));
    }
    return out;
}

// Checks that every file of `layer` includes, of its own layer, only its own folder,
// the top of the layer and the folders `allowed` names for its folder ("" is the top).
void check_folders(const std::string& layer, const std::map<std::string, std::set<std::string>>& allowed,
                   const std::set<std::string>& may_use_all) {
    const std::filesystem::path root = std::filesystem::path(PLANBOT_SOURCE_DIR) / layer;
    std::set<std::string> seen;
    for (const auto& file : sources(layer.c_str())) {
        const std::string folder = subfolder(file, root);
        seen.insert(folder);
        INFO(file.string());
        REQUIRE(allowed.contains(folder));  // a new folder needs a line in the table
        if (may_use_all.contains(file.filename().string()) && folder.empty()) continue;
        for (const auto& [used, line] : includes_of(read(file), layer)) {
            if (used == folder || (used.empty() && folder != "")) continue;
            INFO(line);
            CHECK(allowed.at(folder).contains(used));
        }
    }
    for (const auto& [folder, uses] : allowed) {
        INFO(layer << "/" << folder << " is in the table but holds no source file");
        CHECK(seen.contains(folder));
    }
}

}  // namespace

TEST_CASE("each folder of commands/ uses only the folders below it") {
    // Lowest first. The top of commands/ (router, the neutral Event/Reply/State types)
    // uses only language/; the router and its table of small intents alone see every
    // feature, to route to it.
    check_folders("commands",
                  {{"", {"language"}},
                   {"language", {}},
                   {"people", {"language"}},
                   {"work", {"language", "people"}},
                   {"wheel", {"language", "people", "work"}},
                   {"forum", {"language", "people", "work"}},
                   {"report", {"language", "people", "work"}},
                   {"sharing", {"language"}},
                   {"reminders", {"language", "people", "work", "wheel", "forum"}}},
                  {"router.cpp", "intents.cpp"});
}

TEST_CASE("each folder of bot/ uses only the folders below it") {
    // The top of bot/ (main.cpp wiring, the log) may use every folder; main.cpp alone
    // knows them all.
    check_folders("bot",
                  {{"", {"http", "language", "metrics", "plan", "schedule", "outbox", "pipeline", "local", "report",
                         "telegram", "slack", "operations", "publish"}},
                   {"http", {}},
                   {"language", {}},
                   {"metrics", {}},
                   {"plan", {}},
                   {"schedule", {"metrics", "plan"}},
                   {"report", {}},
                   {"operations", {"schedule"}},
                   {"outbox", {"metrics", "schedule"}},
                   {"pipeline", {"plan"}},
                   {"publish", {"http", "pipeline", "plan", "schedule"}},
                   {"local", {"pipeline", "plan", "schedule"}},
                   {"telegram", {"http", "metrics", "outbox", "pipeline", "plan", "schedule", "operations"}},
                   {"slack", {"http", "metrics", "outbox", "pipeline", "plan", "schedule", "operations"}}},
                  {"main.cpp"});
}

TEST_CASE("the core names no chat platform, none of its API methods and no rule about its chat ids") {
    // Platforms live in bot/<platform>/; the core speaks of chats, users and messages.
    // Words checked case-insensitively, comments included: a comment that explains the
    // core by one platform is a sign that platform's rule has leaked in.
    for (const auto& file : sources("commands")) {
        std::string text = read(file);
        std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        for (const char* word : {"telegram", "slack", "callback_query", "answercallbackquery", "sendmessage", "bot api",
                                  "supergroup", "chat_id.starts_with(", "chat_id[0]"}) {
            INFO(file.string() << " names " << word);
            CHECK(text.find(word) == std::string::npos);
        }
    }
}

TEST_CASE("a header that says it is private to its folder is included only from there") {
    for (const char* top : {"commands", "bot", "storage", "config", "publish"})
        for (const auto& header : sources(top)) {
            if (header.extension() != ".hpp" || !read(header).starts_with("// Private to")) continue;
            const auto root = std::filesystem::path(PLANBOT_SOURCE_DIR);
            const std::string name = std::filesystem::relative(header, root).generic_string();
            const std::string folder = std::filesystem::relative(header.parent_path(), root).generic_string() + "/";
            for (const char* user_top : {"commands", "bot", "storage", "config", "tools", "bench", "fuzz"}) {
                if (!std::filesystem::exists(root / user_top)) continue;
                for (const auto& file : sources(user_top)) {
                    const std::string user = std::filesystem::relative(file, root).generic_string();
                    if (user.starts_with(folder)) continue;
                    INFO(user << " includes " << name << ", which is private to " << folder);
                    CHECK(read(file).find("#include \"" + name + "\"") == std::string::npos);
                }
            }
        }
}

TEST_CASE("every test's name can be run by ctest on its own") {
    // ctest takes a name holding ';' for two names, and runs neither test: the filter
    // each passes to the test program matches nothing, which passes.
    std::vector<std::string> split;
    for (const auto& file : sources("tests")) {
        const std::string text = read(file);
        for (size_t at = text.find("TEST_CASE(\""); at != std::string::npos; at = text.find("TEST_CASE(\"", at + 1)) {
            const size_t start = at + 11, end = text.find('"', start);
            if (end != std::string::npos && text.substr(start, end - start).find(';') != std::string::npos)
                split.push_back(file.filename().string() + ": " + text.substr(start, end - start));
        }
    }
    CHECK(split == std::vector<std::string>{});
}
