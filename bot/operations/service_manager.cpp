// See service_manager.hpp.
#include "bot/operations/service_manager.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>
#include <string>

#include "bot/log.hpp"

namespace planbot::bot::operations {

namespace {

void notify(const std::string& state) {
    // < 0: the socket was named but the message could not be sent; 0: not under systemd.
    if (const int sent = sd_notify(0, state.c_str()); sent < 0)
        log::warn("service_notify_failed", {{"state", state.substr(0, state.find('\n'))}, {"error", -sent}});
}

}  // namespace

ServiceManager::ServiceManager(boost::asio::io_context& io) : timer_(io) {
    uint64_t microseconds = 0;
    if (sd_watchdog_enabled(0, &microseconds) > 0) watchdog_ = std::chrono::microseconds(microseconds);
}

void ServiceManager::ready(std::string_view status) { notify("READY=1\nSTATUS=" + std::string(status)); }

void ServiceManager::stopping() { notify("STOPPING=1"); }

void ServiceManager::start_watchdog() {
    if (watchdog_.count() == 0) return;
    log::info("watchdog_started", {{"interval_ms", static_cast<int64_t>(watchdog_.count() / 1000)}});
    feed();
}

void ServiceManager::feed() {
    notify("WATCHDOG=1");
    timer_.expires_after(watchdog_ / 2);
    timer_.async_wait([this](const boost::system::error_code& error) {
        if (!error) feed();
    });
}

}  // namespace planbot::bot::operations
