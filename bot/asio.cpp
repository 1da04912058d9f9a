// Asio, Asio's SSL layer and Beast, compiled once for the whole program. With
// BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION (set on the
// planbot_asio target for everything that links it) the other files include only the
// declarations, instead of compiling the libraries' non-template code again in each.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
