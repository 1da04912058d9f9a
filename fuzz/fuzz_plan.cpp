// libFuzzer target: the plan loader (config::parse_plan, what load_plan does with
// the file's text). Any text gets a Plan or a LoadError naming a place in the text;
// it must never crash, hang or throw.
#include <cstdint>
#include <cstdlib>

#include "config/plan_loader.hpp"
#include "fuzz/fuzz_support.hpp"

using namespace planbot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto plan = config::parse_plan(fuzz::as_text(data, size), "plan.toml");
    if (!plan && plan.error().message.empty()) std::abort();  // a rejection says why
    return 0;
}
