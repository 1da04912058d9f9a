// See personal_data.hpp. The deletes seek by the person's keys where an index has them
// (users, role_holders_by_person, admins, forum_drafts, forum_muted, erasure_requests,
// chats, outbox_pending_by_chat for pending rows); the rest scans: it runs once per
// person who asks, never on the path of ordinary messages.
#include "storage/personal_data.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "commands/state.hpp"

namespace planbot::storage {

namespace {

bool word_byte(unsigned char c) { return c >= 0x80 || c == '_' || std::isalnum(c); }

// The strings that name the person in a text, longest first (the full name before the
// first name in it).
std::vector<std::string> names_of(Database& database, std::string_view platform, std::string_view user_id) {
    std::vector<std::string> names{std::string(user_id)};
    auto& query = database.cached("SELECT first_name, last_name, username FROM users WHERE platform = ?1 AND user_id = ?2");
    if (query.bind(1, platform).bind(2, user_id).step()) {
        const std::string first = query.column_text(0), last = query.column_text(1), username = query.column_text(2);
        std::string full = first + (first.empty() || last.empty() ? "" : " ") + last;
        for (const std::string& name : {full, first, last})
            if (name.size() >= 2) names.push_back(name);
        if (!username.empty()) {
            names.push_back("@" + username);
            names.push_back(username);
        }
    }
    query.reset();
    std::ranges::sort(names, [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

// Rewrites `column` of `table` in the rows that hold any of `names` (found with instr).
// `key`: "id" for a rowid table, else an SQL expression that names one row.
void scrub(Database& database, std::string_view table, std::string_view column, std::string_view key,
           const std::vector<std::string>& names) {
    const bool by_id = key == "id";
    std::string where = "0";
    for (size_t i = 0; i < names.size(); ++i)
        where += " OR instr(" + std::string(column) + ", ?" + std::to_string(i + 1) + ") > 0";
    Statement select = database.prepare("SELECT " + std::string(key) + ", " + std::string(column) + " FROM " +
                                        std::string(table) + " WHERE " + where);
    for (size_t i = 0; i < names.size(); ++i) select.bind(static_cast<int>(i + 1), names[i]);
    std::vector<std::pair<std::string, std::string>> changed;  // the row's key, its new text
    while (select.step()) {
        const std::string before = select.column_text(1);
        std::string after = before;
        for (const std::string& name : names) after = replace_whole_words(after, name, commands::kFormerMember);
        if (after != before) changed.emplace_back(select.column_text(0), std::move(after));
    }
    Statement update = database.prepare("UPDATE " + std::string(table) + " SET " + std::string(column) +
                                        " = ?1 WHERE " + std::string(key) + " = ?2");
    for (const auto& [row, text] : changed) {
        update.bind(1, text);
        if (by_id) update.bind(2, static_cast<int64_t>(std::stoll(row)));
        else update.bind(2, row);
        update.step();
        update.reset();
    }
}

}  // namespace

std::string replace_whole_words(std::string_view text, std::string_view needle, std::string_view replacement) {
    if (needle.empty()) return std::string(text);
    std::string out;
    size_t from = 0;
    for (size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) {
        if (at < from) continue;
        const size_t end = at + needle.size();
        const bool starts = at == 0 || !word_byte(static_cast<unsigned char>(text[at - 1])) ||
                            !word_byte(static_cast<unsigned char>(needle.front()));
        const bool ends = end == text.size() || !word_byte(static_cast<unsigned char>(text[end])) ||
                          !word_byte(static_cast<unsigned char>(needle.back()));
        if (!starts || !ends) continue;
        out.append(text.substr(from, at - from));
        out.append(replacement);
        from = end;
    }
    out.append(text.substr(from));
    return out;
}

void forget_person(Database& database, std::string_view platform, std::string_view user_id) {
    const std::vector<std::string> names = names_of(database, platform, user_id);
    auto run = [&](std::string_view sql) { database.cached(sql).bind(1, platform).bind(2, user_id).step(); };
    // What identifies them, and what they chose or were given.
    run("DELETE FROM role_holders WHERE platform = ?1 AND user_id = ?2");
    run("DELETE FROM admins WHERE platform = ?1 AND user_id = ?2");
    run("DELETE FROM forum_drafts WHERE platform = ?1 AND user_id = ?2");
    run("DELETE FROM forum_muted WHERE platform = ?1 AND user_id = ?2");
    run("DELETE FROM erasure_requests WHERE platform = ?1 AND user_id = ?2");
    run("DELETE FROM access_tokens WHERE platform = ?1 AND user_id = ?2");  // their links stop working
    // Their private chat (its id is theirs): bindings, what waits or was sent there, and
    // the reminder log's keys for it ("…|<chat id>"), links first (foreign keys).
    run("DELETE FROM channels WHERE platform = ?1 AND chat_id = ?2");
    run("DELETE FROM reminder_messages WHERE outbox_id IN (SELECT id FROM outbox WHERE platform = ?1 AND chat_id = ?2)");
    run("DELETE FROM outbox WHERE platform = ?1 AND chat_id = ?2");
    database.cached("DELETE FROM reminder_messages WHERE reminder_key IN (SELECT key FROM reminders WHERE "
                    "key LIKE '%|' || ?1 OR instr(key, '|' || ?1 || '|') > 0)")
        .bind(1, user_id)
        .step();
    database.cached("DELETE FROM reminders WHERE key LIKE '%|' || ?1 OR instr(key, '|' || ?1 || '|') > 0")
        .bind(1, user_id)
        .step();
    run("DELETE FROM chats WHERE platform = ?1 AND chat_id = ?2");
    // What they did stays, under «tidligere medlem».
    for (std::string_view table : {"completions", "task_notes", "forum_posts", "wheel_dates", "audit_log"}) {
        database.prepare("UPDATE " + std::string(table) + " SET user_id = ?3 WHERE platform = ?1 AND user_id = ?2")
            .bind(1, platform)
            .bind(2, user_id)
            .bind(3, commands::kFormerMember)
            .step();
    }
    // Their name in what the bot wrote, and in what was noted about the work.
    scrub(database, "audit_log", "description", "id", names);
    scrub(database, "outbox", "text", "id", names);
    scrub(database, "task_notes", "text", "id", names);
    scrub(database, "completions", "comment", "quote(task) || ',' || quote(unit) || ',' || quote(key)", names);
    run("DELETE FROM users WHERE platform = ?1 AND user_id = ?2");
}

}  // namespace planbot::storage
