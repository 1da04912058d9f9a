// See notices.hpp.
#include "commands/notices.hpp"

namespace planbot::commands {

std::string lost_chat_notice(std::string_view chat_name, std::string_view reason) {
    return "Jeg kan ikke lenger skrive i «" + std::string(chat_name) + "» (" + std::string(reason) +
           "). Meldinger dit er stoppet til noen skriver til meg derfra igjen.";
}

std::string flooded_chat_notice(std::string_view chat_name, int64_t unsent) {
    return "Det står " + std::to_string(unsent) + " usendte meldinger i kø til «" + std::string(chat_name) +
           "». Nye svar dit blir ikke lagt i kø før halve køen er sendt; hvert svar som ikke blir sendt, står i loggen.";
}

std::string failure_apology() {
    return "Beklager, noe gikk galt hos meg, og ingenting ble endret. Prøv igjen, eller skriv «hjelp».";
}

}  // namespace planbot::commands
