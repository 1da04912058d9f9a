// The migrations exactly as released: the raw strings of storage/migrations.cpp, which
// are never edited once released. A migration test builds its old database from these
// rather than from today's migrate().
#pragma once

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace planbot::test {

inline std::vector<std::string> released_migrations() {
    std::ifstream file(PLANBOT_SOURCE_DIR "/storage/migrations.cpp");
    REQUIRE(file.good());
    std::stringstream source;
    source << file.rdbuf();
    const std::string text = source.str();
    std::vector<std::string> found;
    for (size_t at = text.find("R\"sql("); at != std::string::npos; at = text.find("R\"sql(", at)) {
        at += 6;
        const size_t end = text.find(")sql\"", at);
        REQUIRE(end != std::string::npos);
        found.push_back(text.substr(at, end - at));
    }
    return found;
}

}  // namespace planbot::test
