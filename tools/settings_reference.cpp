// settings_reference: prints the README's configuration reference, rendered from the
// settings table (config/settings_table.cpp), or rewrites it in place between the
// README's marker lines:
//   settings_reference                     the Markdown table on stdout
//   settings_reference --update README.md  README.md with the table replaced
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>

#include "config/settings_table.hpp"

int main(int argc, char** argv) {
    using namespace planbot::config;
    if (argc == 1) {
        std::cout << settings_reference_markdown();
        return 0;
    }
    if (argc != 3 || std::string_view(argv[1]) != "--update") {
        std::cerr << "usage: settings_reference [--update README.md]\n";
        return 2;
    }
    std::ifstream in(argv[2]);
    if (!in) {
        std::cerr << "settings_reference: cannot read " << argv[2] << "\n";
        return 1;
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto updated = with_settings_reference(text.str());
    if (!updated) {
        std::cerr << "settings_reference: " << argv[2] << " has no lines " << kSettingsReferenceBegin << " and "
                  << kSettingsReferenceEnd << "\n";
        return 1;
    }
    if (*updated != text.str()) std::ofstream(argv[2], std::ios::binary) << *updated;
    return 0;
}
