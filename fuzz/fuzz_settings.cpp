// libFuzzer target: the settings loader (config::parse_settings, what load_settings
// does with planbot.toml's text) with an environment that sets nothing. Any text gets
// Settings or a LoadError that says why; it must never crash, hang or throw.
#include <cstdint>
#include <cstdlib>

#include "config/settings.hpp"
#include "fuzz/fuzz_support.hpp"

using namespace planbot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const config::Environment no_environment = [](const std::string&) { return std::optional<std::string>(); };
    const auto settings = config::parse_settings(fuzz::as_text(data, size), "planbot.toml", "/etc/planbot",
                                                 no_environment);
    if (!settings && settings.error().message.empty()) std::abort();
    return 0;
}
