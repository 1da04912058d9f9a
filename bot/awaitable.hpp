// The completion token of planbot's coroutines: `co_await op(..., use_tuple)` gives
// (error_code, results...) back instead of throwing.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace planbot::bot {

inline constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);

}  // namespace planbot::bot
