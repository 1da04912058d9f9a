// See local_chat.hpp.
#include "bot/local/local_chat.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bot/log.hpp"
#include "bot/pipeline/message_processor.hpp"
#include "bot/plan/plan_reload.hpp"
#include "bot/plan/wheel_drawing.hpp"
#include "bot/schedule/scheduler.hpp"
#include "commands/notices.hpp"
#include "storage/directory.hpp"
#include "storage/outbox.hpp"
#include "storage/work_state.hpp"

namespace planbot::bot {

namespace {

constexpr std::string_view kLocal = "local";

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

// A document row: method kDocument, the file's name in payload's first line, its
// content after it.
constexpr std::string_view kDocument = "document";
// A picture of the wheel: method kPicture, the year in payload; drawn when shown.
constexpr std::string_view kPicture = "picture";

// The terminal as a platform: a reply is one row of plain text, shown whole; it has no
// buttons to press and no message to edit. A document is written to a file beside the
// database, and its path shown.
class LocalPlatform final : public Platform {
public:
    std::string_view name() const override { return kLocal; }
    std::vector<storage::OutboxMessage> render(const commands::Reply& reply) const override {
        if (reply.text.empty() || !reply.message()) return {};
        storage::OutboxMessage row;
        row.platform = std::string(kLocal);
        row.chat_id = reply.chat_id;
        row.text = reply.text;
        row.forget_when_sent = reply.message()->forget_when_sent;
        if (const auto& document = reply.message()->document) {
            row.method = std::string(kDocument);
            row.payload = document->file_name + "\n" + document->content;
        } else if (const auto& picture = reply.message()->picture) {
            row.method = std::string(kPicture);
            row.payload = std::to_string(picture->year);
        }
        return {row};
    }
    bool has_buttons() const override { return false; }
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

// One session: the pipeline and the scheduler over the database, and what is shown.
class LocalChat {
public:
    LocalChat(std::ostream& out, const std::shared_ptr<LivePlan>& plans, const Clock& clock, const date::time_zone* zone,
              storage::Database& database, const config::Settings& settings, const LocalChatOptions& options)
        : out_(out),
          plans_(plans),
          zone_(zone),
          clock_(clock),
          database_(database),
          outbox_(database),
          interactive_(options.interactive),
          processor_(database, plans, zone, platform_, options.username, admins_, &settings.reminders),
          scheduler_(database, plans, clock, zone, settings.reminders, platform_, admins_) {
        storage::Transaction transaction(database);
        const auto local = date::make_zoned(zone, clock.now()).get_local_time();
        storage::WorkState(database).ensure_tracking_start(date::year_month_day(date::floor<date::days>(local)));
        record_plan_in_force(*plans, database, zone, clock.now());
        storage::Directory(database).remember_user({std::string(kLocal), std::string(kLocal), "Lokal", "bruker", ""},
                                                   clock.now());
        transaction.commit();
        processor_.set_speller(options.speller);
        std::vector<commands::Person> admin_ids = admin_accounts(settings);
        admin_ids.push_back({std::string(kLocal), std::string(kLocal), "", ""});
        processor_.set_admin_accounts(std::move(admin_ids));
        scheduler_.set_retention_days(settings.retention_days);
        scheduler_.set_outbox_cap(settings.outbox_max_pending_per_chat);
        processor_.set_outbox_cap(settings.outbox_max_pending_per_chat);
    }

    // Plans what fell due and shows every row that is due, in outbox order; returns
    // whether it showed any. The terminal is not a chat service: no flood limits apply,
    // nothing waits for them.
    bool show_due() {
        bool shown = false;
        try {
            if (scheduler_.tick() == 0 && outbox_.pending_count() == 0) return false;
            const auto now = clock_.now();
            for (;;) {
                // Each chat's oldest due row; the oldest of these is the next in order.
                const std::vector<storage::OutboxMessage> heads = outbox_.ready(now, 100);
                const auto next = std::ranges::find(heads, kLocal, &storage::OutboxMessage::platform);
                if (next == heads.end()) break;
                show(*next, interactive_ ? "\n🔔 " : "🔔 ", now);
                shown = true;
            }
        } catch (const std::exception& error) {
            log::error("local_reminders_failed", {{"error", error.what()}});
        }
        out_ << std::flush;
        return shown;
    }

    // The line goes the way every platform's messages go (bot/pipeline/); its answers
    // are shown from the outbox at once.
    void answer(const std::string& line) {
        const auto now = clock_.now();
        std::vector<int64_t> answers;
        try {
            storage::Transaction transaction(database_);
            answers = processor_.process(local_message(line), now).outbox_ids;
            transaction.commit();
        } catch (const std::exception& error) {
            log::error("local_chat_failed", {{"error", error.what()}});
            print(commands::failure_apology());
        }
        try {
            for (int64_t id : answers)
                if (const std::optional<storage::OutboxMessage> row = outbox_.find(id)) show(*row, "", now);
        } catch (const std::exception& error) {
            log::error("local_answer_failed", {{"error", error.what()}});
        }
        out_ << std::flush;
    }

private:
    void print(const std::string& text) {
        if (!first_answer_ && !interactive_) out_ << "\n";
        out_ << text << "\n";
        first_answer_ = false;
    }

    // A row is shown, then marked sent: a crash in between shows it again at the next
    // start, never loses it. Posts to a role's group have nowhere to go in the local
    // chat: they are shown marked.
    void show(const storage::OutboxMessage& row, std::string_view mark, std::chrono::sys_seconds now) {
        std::string text = row.text;
        if (row.method == kDocument) text += "\n" + write_document(row.payload);
        if (row.method == kPicture) text += "\n" + write_picture(row.payload);
        print(std::string(mark) + (row.chat_id != kLocal ? "[til gruppe " + row.chat_id + "] " : std::string()) +
              text);
        outbox_.mark_sent(row.id, "", now);
    }

    // Draws the wheel of a picture row's year into a PNG beside the database; says where.
    std::string write_picture(const std::string& payload) {
        const std::filesystem::path folder = database_.path().has_parent_path() ? database_.path().parent_path()
                                                                                 : std::filesystem::path(".");
        const std::filesystem::path file = std::filesystem::absolute(folder / ("arshjul-" + payload + ".png"));
        std::string png;
        try {
            png = draw_wheel(database_, *plans_, zone_, clock_.now(), std::stoi(payload));
        } catch (const std::exception& error) {
            log::error("wheel_picture_failed", {{"error", error.what()}});
        }
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        if (out) out << png;
        out.close();
        if (png.empty() || !out) return "Jeg fikk ikke laget bildet " + file.string() + ".";
        return "Bildet er lagret her: " + file.string();
    }

    // Writes a document row's file beside the database (readable by its owner only: it
    // is personal data); says where, or why not.
    std::string write_document(const std::string& payload) {
        const size_t end = payload.find('\n');
        std::string name = payload.substr(0, end);
        std::ranges::replace(name, '/', '_');
        const std::filesystem::path folder = database_.path().has_parent_path() ? database_.path().parent_path()
                                                                                 : std::filesystem::path(".");
        const std::filesystem::path file = std::filesystem::absolute(folder / name);
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        if (out) out << (end == std::string::npos ? std::string() : payload.substr(end + 1));
        out.close();
        std::error_code ignored;
        std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                     ignored);
        if (!out) return "Jeg fikk ikke skrevet filen " + file.string() + ".";
        return "Filen er lagret her: " + file.string();
    }

    std::ostream& out_;
    std::shared_ptr<LivePlan> plans_;
    const date::time_zone* zone_;
    const Clock& clock_;
    storage::Database& database_;
    storage::Outbox outbox_;
    const bool interactive_;
    const LocalPlatform platform_;
    const std::vector<std::string> admins_ = {std::string(kLocal)};
    MessageProcessor processor_;
    Scheduler scheduler_;
    bool first_answer_ = true;
};

}  // namespace

int run_local_chat(int input_fd, std::ostream& out, std::shared_ptr<LivePlan> plans, const Clock& clock,
                   const date::time_zone* zone, storage::Database& database, const config::Settings& settings,
                   const LocalChatOptions& options) {
    LocalChat chat(out, plans, clock, zone, database, settings, options);
    auto prompt = [&] {
        if (options.interactive) out << "> " << std::flush;
    };
    if (options.interactive)
        out << "planbot – lokal chat for " << plans->current()->plan.organisation << ". Skriv «hjelp» for eksempler, "
            << "Ctrl-D for å avslutte.\n";
    chat.show_due();
    prompt();
    LineReader reader(input_fd);
    std::string line;
    for (;;) {
        const LineReader::Status status = reader.next(line, 200);
        if (status == LineReader::Status::timeout) {
            if (chat.show_due()) prompt();
            continue;
        }
        if (status == LineReader::Status::end) {
            chat.show_due();  // what fell due while the input was read goes out before the end
            break;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") != std::string::npos) chat.answer(line);
        prompt();
    }
    if (options.interactive) out << "\n";
    return 0;
}

}  // namespace planbot::bot
