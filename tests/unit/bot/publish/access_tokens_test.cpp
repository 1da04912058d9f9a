// The secret links' tokens as the bot makes them (bot/pipeline/link_codes.hpp): random,
// 256 bits in 43 URL-safe characters, stored by digest, and the overview page's feed
// token derived one way from the page's. And what the routes refuse before any lookup.
#include <catch2/catch.hpp>

#include <set>

#include "bot/pipeline/link_codes.hpp"
#include "bot/publish/routes.hpp"

using namespace planbot;

TEST_CASE("a link's token is 43 URL-safe characters, new each time, and stored only as its digest") {
    const bot::RandomAccessTokens tokens;
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string token = tokens.new_token();
        CHECK(bot::token_shaped(token));
        CHECK(seen.insert(token).second);
        const std::string digest = tokens.digest(token);
        CHECK(digest.size() == 64);  // SHA-256 in hex
        CHECK(digest.find(token) == std::string::npos);
    }
    // Every character of the alphabet turns up: the bits are spread over all 64.
    std::set<char> characters;
    for (const std::string& token : seen) characters.insert(token.begin(), token.end());
    CHECK(characters.size() == 64);
}

TEST_CASE("the page's feed token is derived from the page's, the same each time, and is not the page's") {
    const bot::RandomAccessTokens tokens;
    const std::string page = tokens.new_token();
    const std::string feed = tokens.derived(page);
    CHECK(bot::token_shaped(feed));
    CHECK(feed != page);
    CHECK(tokens.derived(page) == feed);
    CHECK(tokens.derived(tokens.new_token()) != feed);
}

TEST_CASE("anything not shaped like a token is refused before it is hashed or looked up") {
    CHECK_FALSE(bot::token_shaped(""));
    CHECK_FALSE(bot::token_shaped(std::string(42, 'a')));
    CHECK_FALSE(bot::token_shaped(std::string(44, 'a')));
    CHECK_FALSE(bot::token_shaped(std::string(42, 'a') + "/"));
    CHECK_FALSE(bot::token_shaped(std::string(42, 'a') + "."));
    CHECK_FALSE(bot::token_shaped(std::string(41, 'a') + "%2"));
    CHECK(bot::token_shaped(std::string(21, 'a') + "-_" + std::string(20, 'Z')));
}

TEST_CASE("the routes take only their own paths") {
    CHECK(bot::PublishRoutes::handles("/kalender/abc.ics"));
    CHECK(bot::PublishRoutes::handles("/oversikt/abc"));
    CHECK(bot::PublishRoutes::handles("/arshjul/2027.png?t=abc"));
    CHECK_FALSE(bot::PublishRoutes::handles("/telegram/webhook"));
    CHECK_FALSE(bot::PublishRoutes::handles("/healthz"));
    CHECK_FALSE(bot::PublishRoutes::handles("/kalenderx"));
}
