// The core stays pure: commands/ and config/ include no socket, TLS or database
// headers, and commands/ never reads the wall clock. (Every system header is
// visible to every target, so only a check like this keeps the boundary.)
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("the pure core includes no network, TLS or database headers and reads no clock") {
    const std::string forbidden[] = {"<boost/", "<openssl/", "<sqlite3.h>", "system_clock::now", "time(nullptr)",
                                     "<iostream>", "<fstream>"};
    int files = 0;
    for (const char* folder : {"commands", "config"}) {
        for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(PLANBOT_SOURCE_DIR) / folder)) {
            const auto extension = entry.path().extension();
            if (extension != ".cpp" && extension != ".hpp") continue;
            ++files;
            const std::string text = read(entry.path());
            for (const std::string& bad : forbidden) {
                // config/ reads its own files; only commands/ must not touch streams.
                if (std::string(folder) == "config" && bad == "<fstream>") continue;
                INFO(entry.path().string() << " contains " << bad);
                CHECK(text.find(bad) == std::string::npos);
            }
        }
    }
    CHECK(files > 10);
}
