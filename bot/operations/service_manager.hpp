// Talking to systemd when planbot runs as its service (Type=notify, WatchdogSec=), with
// libsystemd's sd_notify(3): READY=1 once planbot can take updates, STOPPING=1 when it
// begins to stop, and WATCHDOG=1 from a timer on the io loop at half the watchdog's
// interval, so a loop that hangs stops feeding it and systemd restarts planbot. Outside
// systemd (no NOTIFY_SOCKET, no WATCHDOG_USEC) every call does nothing.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <string_view>

namespace planbot::bot::operations {

class ServiceManager {
public:
    explicit ServiceManager(boost::asio::io_context& io);

    // READY=1, with a line of status for `systemctl status`.
    void ready(std::string_view status);
    // STOPPING=1.
    void stopping();
    // Starts feeding the watchdog if systemd asked this process for it (WATCHDOG_USEC
    // and WATCHDOG_PID); the first ping goes at once.
    void start_watchdog();
    // The watchdog's interval systemd set; zero when there is none.
    std::chrono::microseconds watchdog_interval() const { return watchdog_; }

private:
    void feed();

    boost::asio::steady_timer timer_;
    std::chrono::microseconds watchdog_{0};
};

}  // namespace planbot::bot::operations
