// Debian's Norwegian dictionaries (hunspell-no), loaded once for the tests that read
// questions as the bot does, from where the bot finds them by default.
#pragma once

#include <catch2/catch.hpp>

#include <memory>

#include "bot/language/hunspell_speller.hpp"
#include "config/settings.hpp"

namespace planbot::test {

inline const commands::Speller& dictionaries() {
    static const std::unique_ptr<bot::HunspellSpeller> speller = [] {
        auto loaded = bot::HunspellSpeller::load(config::Settings{}.dictionaries);
        if (!loaded) FAIL("the dictionaries did not load: " << loaded.error());
        return std::move(*loaded);
    }();
    return *speller;
}

}  // namespace planbot::test
