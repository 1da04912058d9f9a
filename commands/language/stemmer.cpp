// See stemmer.hpp.
#include "commands/language/stemmer.hpp"

#include <memory>
#include <stdexcept>

#include <libstemmer.h>

namespace planbot::commands {

namespace {

struct StemmerDeleter {
    void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

// A stemmer is not safe to share between threads; it is cheap to make (no files).
sb_stemmer* thread_stemmer() {
    thread_local const std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer{sb_stemmer_new("norwegian", "UTF_8")};
    if (!stemmer) throw std::runtime_error("libstemmer has no Norwegian stemmer");  // a broken installation
    return stemmer.get();
}

}  // namespace

std::string stem(std::string_view word) {
    if (word.empty()) return {};
    sb_stemmer* stemmer = thread_stemmer();
    const sb_symbol* stemmed =
        sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (!stemmed) return std::string(word);  // out of memory: the word as it is
    return std::string(reinterpret_cast<const char*>(stemmed), static_cast<size_t>(sb_stemmer_length(stemmer)));
}

}  // namespace planbot::commands
