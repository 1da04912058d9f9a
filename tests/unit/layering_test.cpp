// The stages keep to their places (ARCHITECTURE.md): commands/ is pure (no I/O, no
// clock, no environment, nothing from bot/ or storage/); config/ knows no sockets
// or database; storage/ knows no sockets, and of the core only the State interface it
// implements. Every system header is visible to every target, so only a check like
// this keeps the boundaries.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
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
