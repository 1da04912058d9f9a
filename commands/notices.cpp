// See notices.hpp.
#include "commands/notices.hpp"

namespace planbot::commands {

std::string lost_chat_notice(std::string_view chat_name, std::string_view reason) {
    return "Jeg kan ikke lenger skrive i «" + std::string(chat_name) + "» (" + std::string(reason) +
           "). Meldinger dit er stoppet til noen skriver til meg derfra igjen.";
}

std::string failure_apology() {
    return "Beklager, noe gikk galt hos meg, og ingenting ble endret. Prøv igjen, eller skriv «hjelp».";
}

}  // namespace planbot::commands
