// See local_chat.hpp.
#include "bot/local/local_chat.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <iostream>

#include "bot/log.hpp"
#include "bot/pipeline/message_processor.hpp"
#include "bot/schedule/scheduler.hpp"
#include "commands/notices.hpp"
#include "storage/directory.hpp"
#include "storage/outbox.hpp"
#include "storage/work_state.hpp"

namespace planbot::bot {

namespace {

constexpr std::string_view kLocal = "local";

volatile std::sig_atomic_t interrupted = 0;

// Lines from a file descriptor, waiting at most a given time for the next one, so
// the chat can show reminders while nobody types.
class LineReader {
public:
    explicit LineReader(int fd) : fd_(fd) {}
    enum class Status { line, timeout, end };

    Status next(std::string& line, int timeout_ms) {
        for (;;) {
            if (auto end = buffer_.find('\n'); end != std::string::npos) {
                line = buffer_.substr(0, end);
                buffer_.erase(0, end + 1);
                return Status::line;
            }
            if (ended_) {
                if (buffer_.empty()) return Status::end;
                line = std::move(buffer_);
                buffer_.clear();
                return Status::line;
            }
            pollfd wait{fd_, POLLIN, 0};
            const int ready = ::poll(&wait, 1, timeout_ms);
            if (ready == 0) return Status::timeout;
            if (ready < 0) {
                if (errno == EINTR) return Status::timeout;
                ended_ = true;
                continue;
            }
            char chunk[4096];
            const ssize_t got = ::read(fd_, chunk, sizeof chunk);
            if (got > 0) buffer_.append(chunk, static_cast<size_t>(got));
            else if (got == 0 || errno != EINTR) ended_ = true;
        }
    }

private:
    int fd_;
    std::string buffer_;
    bool ended_ = false;
};

// The terminal as a platform: a reply is one row of plain text, shown whole; it has no
// buttons to press and no message to edit.
class LocalPlatform final : public Platform {
public:
    std::string_view name() const override { return kLocal; }
    std::vector<storage::OutboxMessage> render(const commands::Reply& reply) const override {
        if (reply.text.empty() || !reply.message()) return {};
        storage::OutboxMessage row;
        row.platform = std::string(kLocal);
        row.chat_id = reply.chat_id;
        row.text = reply.text;
        return {row};
    }
};

// The local user as every platform's adapter would describe them.
Incoming local_message(const std::string& line) {
    Incoming incoming;
    commands::Event& event = incoming.event.emplace();
    event.platform = std::string(kLocal);
    event.chat_id = std::string(kLocal);
    event.chat_kind = commands::ChatKind::private_chat;
    event.user_id = std::string(kLocal);
    event.user_name = "Lokal";
    event.text = line;
    return incoming;
}

}  // namespace

int run_local_chat(int input_fd, std::ostream& out, const config::Plan& plan, const Clock& clock,
                   const date::time_zone* zone, storage::Database& database, const config::Settings& settings,
                   const LocalChatOptions& options) {
    storage::WorkState state(database);
    storage::Directory directory(database);
    storage::Outbox outbox(database);
    const LocalPlatform platform;
    const std::vector<std::string> admins = {std::string(kLocal)};
    MessageProcessor processor(database, plan, zone, platform, options.username, admins, &settings.reminders);
    Scheduler scheduler(database, plan, clock, zone, settings.reminders, std::string(kLocal), admins,
                        [&platform](const commands::Reply& reply) { return platform.render(reply); });
    {
        storage::Transaction transaction(database);
        const auto local = date::make_zoned(zone, clock.now()).get_local_time();
        state.ensure_tracking_start(date::year_month_day(date::floor<date::days>(local)));
        directory.remember_user({std::string(kLocal), std::string(kLocal), "Lokal", "bruker", ""}, clock.now());
        transaction.commit();
    }
    bool first_answer = true;
    auto print = [&](const std::string& text) {
        if (!first_answer && !options.interactive) out << "\n";
        out << text << "\n";
        first_answer = false;
    };
    // Queued reminders are printed, then marked sent: a crash in between shows them
    // again at the next start, never loses them.
    auto show_reminders = [&] {
        try {
            if (scheduler.tick() == 0 && outbox.pending_count() == 0) return;
            const auto now = clock.now();
            for (const storage::OutboxMessage& row : outbox.ready(now, 100)) {
                if (row.platform != kLocal) continue;
                print((options.interactive ? "\n" : "") + std::string("🔔 ") + row.text);
                outbox.mark_sent(row.id, "", now);
            }
            if (options.interactive) out << "> " << std::flush;
        } catch (const std::exception& error) {
            log::error("local_reminders_failed", {{"error", error.what()}});
        }
        out << std::flush;
    };

    if (options.interactive)
        out << "planbot – lokal chat for " << plan.organisation << ". Skriv «hjelp» for eksempler, "
            << "Ctrl-D for å avslutte.\n";
    LineReader reader(input_fd);
    const bool fast_clock = clock.rate() > 1.0;
    if (fast_clock) std::signal(SIGINT, [](int) { interrupted = 1; });
    show_reminders();
    if (options.interactive) out << "> " << std::flush;
    std::string line;
    for (;;) {
        const LineReader::Status status = reader.next(line, 200);
        if (status == LineReader::Status::timeout) {
            if (interrupted) break;
            show_reminders();
            continue;
        }
        if (status == LineReader::Status::end) {
            if (!fast_clock) break;
            // Keep showing what falls due until interrupted.
            while (!interrupted) {
                show_reminders();
                ::usleep(200 * 1000);
            }
            break;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) {
            if (options.interactive) out << "> " << std::flush;
            continue;
        }

        // The line goes the way every platform's messages go (bot/pipeline/); its
        // answers are shown from the outbox at once, then marked sent. A crash in
        // between shows them again at the next start, among the reminders.
        const auto now = clock.now();
        std::vector<int64_t> answers;
        try {
            storage::Transaction transaction(database);
            answers = processor.process(local_message(line), now).outbox_ids;
            transaction.commit();
        } catch (const std::exception& error) {
            log::error("local_chat_failed", {{"error", error.what()}});
            print(commands::failure_apology());
        }
        try {
            for (int64_t id : answers) {
                const std::optional<storage::OutboxMessage> row = outbox.find(id);
                if (!row) continue;
                // Posts to a role's group have nowhere to go in the local chat: show them marked.
                print((row->chat_id != kLocal ? "[til gruppe " + row->chat_id + "] " : std::string()) + row->text);
                outbox.mark_sent(id, "", now);
            }
        } catch (const std::exception& error) {
            log::error("local_answer_failed", {{"error", error.what()}});
        }
        if (options.interactive) out << "> ";
        out << std::flush;
    }
    if (options.interactive) out << "\n";
    return 0;
}

}  // namespace planbot::bot
