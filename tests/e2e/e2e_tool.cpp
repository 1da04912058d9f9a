// A helper for the Node end-to-end tests, for what Node cannot do by itself:
//   e2e_tool notify-listen SOCKET   binds a unix datagram socket at SOCKET, as systemd's
//                                   NOTIFY_SOCKET, prints "listening", then each line of
//                                   each message received (READY=1, WATCHDOG=1, …)
//                                   until it is killed.
//   e2e_tool query DATABASE SQL     runs SQL on DATABASE (read-only) and prints each row,
//                                   its columns separated by tabs.
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

namespace {

int notify_listen(const char* path) {
    const int descriptor = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (descriptor < 0 || std::strlen(path) >= sizeof address.sun_path) {
        std::cerr << "e2e_tool: cannot make a socket for " << path << "\n";
        return 1;
    }
    std::strcpy(address.sun_path, path);
    ::unlink(path);
    if (::bind(descriptor, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        std::cerr << "e2e_tool: cannot bind " << path << ": " << std::strerror(errno) << "\n";
        return 1;
    }
    std::cout << "listening" << std::endl;
    char buffer[4096];
    for (;;) {
        const ssize_t received = ::recv(descriptor, buffer, sizeof buffer, 0);
        if (received < 0) {
            if (errno == EINTR) continue;
            return 1;
        }
        std::string_view message(buffer, static_cast<size_t>(received));
        while (!message.empty()) {
            const size_t end = message.find('\n');
            std::cout << message.substr(0, end) << "\n";
            message = end == std::string_view::npos ? std::string_view() : message.substr(end + 1);
        }
        std::cout.flush();
    }
}

int query(const char* file, const char* sql) {
    sqlite3* connection = nullptr;
    if (sqlite3_open_v2(file, &connection, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        std::cerr << "e2e_tool: " << file << ": " << sqlite3_errmsg(connection) << "\n";
        return 1;
    }
    sqlite3_busy_timeout(connection, 5000);
    sqlite3_stmt* statement = nullptr;
    int result = sqlite3_prepare_v2(connection, sql, -1, &statement, nullptr);
    while (result == SQLITE_OK || result == SQLITE_ROW) {
        if ((result = sqlite3_step(statement)) != SQLITE_ROW) break;
        for (int column = 0; column < sqlite3_column_count(statement); ++column) {
            const unsigned char* text = sqlite3_column_text(statement, column);
            std::cout << (column ? "\t" : "") << (text ? reinterpret_cast<const char*>(text) : "");
        }
        std::cout << "\n";
    }
    const bool done = result == SQLITE_DONE;
    if (!done) std::cerr << "e2e_tool: " << sqlite3_errmsg(connection) << "\n";
    sqlite3_finalize(statement);
    sqlite3_close(connection);
    return done ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string_view(argv[1]) == "notify-listen") return notify_listen(argv[2]);
    if (argc == 4 && std::string_view(argv[1]) == "query") return query(argv[2], argv[3]);
    std::cerr << "usage: e2e_tool notify-listen SOCKET | e2e_tool query DATABASE SQL\n";
    return 2;
}
