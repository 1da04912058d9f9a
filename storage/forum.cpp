// See forum.hpp. The tables and indexes are migration 4's; each query names the index
// it runs on. A post is read joined to its thread's first post (alias f), which gives
// a reply its thread's title and tells whether the thread is visible; its tags are one
// more seek on forum_tags' primary key.
#include "storage/forum.hpp"

#include <algorithm>

#include "storage/state_rows.hpp"

namespace planbot::storage {

namespace {

using std::chrono::sys_seconds;

// A post as ForumPost's fields (tags aside): x the post, f its thread's first post,
// u the author's users row. Columns 0–11; a thread adds its replies and last activity.
#define PLANBOT_POST_COLUMNS                                                                           \
    "x.number, x.thread, " PLANBOT_PERSON_COLUMNS ", f.title, x.text, x.created_at, x.edited_at, x.hidden, " \
    "x.deleted"
#define PLANBOT_POSTS_FROM \
    " FROM forum_posts AS x JOIN forum_posts AS f ON f.number = x.thread" PLANBOT_JOIN_USERS
// The post and its thread are visible: the post is listed.
#define PLANBOT_LISTED " x.hidden = 0 AND x.deleted = 0 AND f.hidden = 0 AND f.deleted = 0 "
// For a visible first post x: its visible replies (forum_visible_by_thread) and last activity.
#define PLANBOT_THREAD_COLUMNS                                                                       \
    PLANBOT_POST_COLUMNS ", (SELECT count(*) FROM forum_posts AS r WHERE r.thread = x.number "       \
                         "AND r.hidden = 0 AND r.deleted = 0) - 1, x.last_activity"

commands::ForumPost post_at(const Statement& row) {
    commands::ForumPost post;
    post.number = row.column_int64(0);
    post.thread = row.column_int64(1);
    post.author = person_at(row, 2);
    post.title = row.column_text(6);
    post.text = row.column_text(7);
    post.at = time_at(row.column_int64(8));
    if (!row.column_is_null(9)) post.edited_at = time_at(row.column_int64(9));
    post.hidden = row.column_int64(10) != 0;
    post.deleted = row.column_int64(11) != 0;
    return post;
}

// Each prefix as an FTS5 prefix query "prefix"*, quoted (a '"' doubled) so that none of
// its characters is read as query syntax, all of them AND-ed; "" when none is left.
std::string match_expression(const std::vector<std::string>& prefixes) {
    std::string expression;
    for (const std::string& prefix : prefixes) {
        if (prefix.empty()) continue;  // every word starts with "": no condition
        if (!expression.empty()) expression += " AND ";
        expression += '"';
        for (char c : prefix) {
            if (c == '"') expression += '"';
            expression += c;
        }
        expression += "\"*";
    }
    return expression;
}

}  // namespace

// ---- reads ----

std::vector<std::string> Forum::tags_of(int64_t thread, int64_t number) const {
    auto& query = database_.cached(  // the primary key's prefix, which is also the order
        "SELECT tag FROM forum_tags WHERE thread = ?1 AND number = ?2 ORDER BY position");
    return read_all<std::string>(query.bind(1, thread).bind(2, number),
                                 [](const Statement& row) { return row.column_text(0); });
}

std::optional<commands::ForumPost> Forum::post(int64_t number) const {
    auto& query = database_.cached("SELECT " PLANBOT_POST_COLUMNS PLANBOT_POSTS_FROM "WHERE x.number = ?1");
    auto post = read_one<commands::ForumPost>(query.bind(1, number), post_at);
    if (post) post->tags = tags_of(post->thread, post->number);
    return post;
}

// Reads every row of `query` as a post with its tags.
std::vector<commands::ForumPost> Forum::posts_of(Statement& query) const {
    auto posts = read_all<commands::ForumPost>(query, post_at);
    for (auto& post : posts) post.tags = tags_of(post.thread, post.number);
    return posts;
}

std::vector<commands::ForumThread> Forum::threads_of(Statement& query) const {
    auto threads = read_all<commands::ForumThread>(query, [](const Statement& row) {
        return commands::ForumThread{post_at(row), static_cast<int>(row.column_int64(12)),
                                     time_at(row.column_int64(13))};
    });
    for (auto& thread : threads) thread.first.tags = tags_of(thread.first.thread, thread.first.number);
    return threads;
}

std::vector<commands::ForumThread> Forum::threads(int limit, int offset) const {
    if (limit <= 0) return {};  // SQLite reads LIMIT -1 as "no limit"
    auto& query = database_.cached(  // forum_threads_by_activity, which is also the order
        "SELECT " PLANBOT_THREAD_COLUMNS PLANBOT_POSTS_FROM
        "WHERE x.number = x.thread AND x.hidden = 0 AND x.deleted = 0 "
        "ORDER BY x.last_activity DESC, x.number DESC LIMIT ?1 OFFSET ?2");
    return threads_of(query.bind(1, int64_t{limit}).bind(2, int64_t{std::max(offset, 0)}));
}

int Forum::thread_count() const {
    // The index is named here and in threads_tagged: without statistics (no ANALYZE)
    // SQLite may pick another that reads every row to compare number and thread.
    auto& query = database_.cached("SELECT count(*) FROM forum_posts INDEXED BY forum_threads_by_activity "
                                   "WHERE number = thread AND hidden = 0 AND deleted = 0");
    query.step();
    int count = static_cast<int>(query.column_int64(0));
    query.reset();
    return count;
}

std::vector<commands::ForumPost> Forum::hidden_threads(int limit) const {
    if (limit <= 0) return {};
    auto& query = database_.cached(  // forum_hidden_threads, which is also the order
        "SELECT " PLANBOT_POST_COLUMNS PLANBOT_POSTS_FROM
        "WHERE x.number = x.thread AND x.hidden = 1 AND x.deleted = 0 ORDER BY x.number DESC LIMIT ?1");
    return posts_of(query.bind(1, int64_t{limit}));
}

std::vector<commands::ForumPost> Forum::thread_posts(int64_t thread) const {
    auto& query = database_.cached(  // forum_visible_by_thread, which is also the order
        "SELECT " PLANBOT_POST_COLUMNS PLANBOT_POSTS_FROM "WHERE x.thread = ?1 AND" PLANBOT_LISTED
        "ORDER BY x.created_at, x.number");
    return posts_of(query.bind(1, thread));
}

std::vector<commands::ForumThread> Forum::threads_tagged(std::string_view tag, int limit) const {
    if (limit <= 0) return {};
    // The threads in activity order, each looked up among the tag's (forum_tags_visible,
    // read once), until `limit` are found: 1 ms on 10,000 threads for a common tag or
    // none, where sorting the threads of a common tag took 7.
    auto& query = database_.cached(
        "SELECT " PLANBOT_THREAD_COLUMNS
        " FROM forum_posts AS x INDEXED BY forum_threads_by_activity JOIN forum_posts AS f ON f.number = x.thread"
        PLANBOT_JOIN_USERS "WHERE x.number IN (SELECT thread FROM forum_tags WHERE tag = ?1 AND visible = 1) "
        "AND x.number = x.thread AND x.hidden = 0 AND x.deleted = 0 "
        "ORDER BY x.last_activity DESC, x.number DESC LIMIT ?2");
    return threads_of(query.bind(1, tag).bind(2, int64_t{limit}));
}

std::vector<commands::ForumTag> Forum::tags() const {
    auto& query = database_.cached(  // forum_tags_visible, covering
        "SELECT tag, count(*) AS posts FROM forum_tags WHERE visible = 1 GROUP BY tag ORDER BY posts DESC, tag");
    return read_all<commands::ForumTag>(query, [](const Statement& row) {
        return commands::ForumTag{row.column_text(0), static_cast<int>(row.column_int64(1))};
    });
}

std::vector<commands::ForumPost> Forum::search(const std::vector<std::string>& prefixes, int limit) const {
    const std::string expression = match_expression(prefixes);
    if (expression.empty() || limit <= 0) return {};
    // FTS5 hands out its matches by descending rowid (the post number) and the joins
    // keep the listed ones, so the query stops after `limit` of them instead of
    // sorting every match of a common prefix.
    auto& query = database_.cached(
        "SELECT " PLANBOT_POST_COLUMNS " FROM forum_search AS s JOIN forum_posts AS x ON x.number = s.rowid "
        "JOIN forum_posts AS f ON f.number = x.thread" PLANBOT_JOIN_USERS
        "WHERE forum_search MATCH ?1 AND" PLANBOT_LISTED "ORDER BY s.rowid DESC LIMIT ?2");
    return posts_of(query.bind(1, expression).bind(2, int64_t{limit}));
}

std::vector<commands::ForumPost> Forum::posts_between(sys_seconds after, sys_seconds until) const {
    auto& query = database_.cached(  // forum_visible_by_time, which is also the order
        "SELECT " PLANBOT_POST_COLUMNS PLANBOT_POSTS_FROM "WHERE x.created_at > ?1 AND x.created_at <= ?2 AND"
        PLANBOT_LISTED "ORDER BY x.created_at, x.number");
    return posts_of(query.bind(1, seconds(after)).bind(2, seconds(until)));
}

std::optional<sys_seconds> Forum::last_post_by(std::string_view platform, std::string_view user_id) const {
    auto& query = database_.cached(  // forum_posts_by_author's last entry for the person
        "SELECT max(created_at) FROM forum_posts WHERE platform = ?1 AND user_id = ?2 AND deleted = 0");
    query.bind(1, platform).bind(2, user_id).step();
    std::optional<sys_seconds> last;
    if (!query.column_is_null(0)) last = time_at(query.column_int64(0));
    query.reset();
    return last;
}

int64_t Forum::next_number() const {
    auto& query = database_.cached("SELECT coalesce(max(number), 0) + 1 FROM forum_posts");  // the rowid's end
    query.step();
    int64_t next = query.column_int64(0);
    query.reset();
    return next;
}

std::vector<commands::ForumPost> Forum::posts_by(std::string_view platform, std::string_view user_id) const {
    // A scan of forum_posts (forum_posts_by_author leaves out deleted posts); rare.
    auto& query = database_.cached("SELECT " PLANBOT_POST_COLUMNS PLANBOT_POSTS_FROM
                                   "WHERE x.platform = ?1 AND x.user_id = ?2 ORDER BY x.number");
    return posts_of(query.bind(1, platform).bind(2, user_id));
}

int64_t Forum::stored_post_count() const {
    // forum_posts_by_author holds exactly the posts not deleted.
    auto& query = database_.cached("SELECT count(*) FROM forum_posts WHERE deleted = 0");
    query.step();
    const int64_t count = query.column_int64(0);
    query.reset();
    return count;
}

std::optional<commands::ForumDraft> Forum::draft(std::string_view platform, std::string_view user_id) const {
    auto& query = database_.cached("SELECT title, started_at, thread, text, filled_at FROM forum_drafts "
                                   "WHERE platform = ?1 AND user_id = ?2");
    return read_one<commands::ForumDraft>(query.bind(1, platform).bind(2, user_id), [](const Statement& row) {
        return commands::ForumDraft{row.column_text(0), time_at(row.column_int64(1)), row.column_int64(2),
                                    row.column_text(3), time_at(row.column_int64(4))};
    });
}

bool Forum::muted(std::string_view platform, std::string_view user_id) const {
    auto& query = database_.cached("SELECT 1 FROM forum_muted WHERE platform = ?1 AND user_id = ?2");
    bool found = query.bind(1, platform).bind(2, user_id).step();
    query.reset();
    return found;
}

std::optional<int64_t> Forum::thread_of_topic(std::string_view platform, std::string_view chat_id,
                                              std::string_view topic_id) const {
    auto& query = database_.cached(
        "SELECT thread FROM forum_topics WHERE platform = ?1 AND chat_id = ?2 AND topic_id = ?3 LIMIT 1");
    return read_one<int64_t>(query.bind(1, platform).bind(2, chat_id).bind(3, topic_id),
                             [](const Statement& row) { return row.column_int64(0); });
}

std::optional<int64_t> Forum::thread_of_message(std::string_view platform, std::string_view chat_id,
                                                std::string_view message_id) const {
    auto& query = database_.cached(
        "SELECT forum_thread FROM outbox WHERE platform = ?1 AND chat_id = ?2 AND platform_message_id = ?3 "
        "AND forum_thread IS NOT NULL AND platform_message_id IS NOT NULL LIMIT 1");
    return read_one<int64_t>(query.bind(1, platform).bind(2, chat_id).bind(3, message_id),
                             [](const Statement& row) { return row.column_int64(0); });
}

std::vector<commands::ForumCopy> Forum::copies(std::string_view platform, int64_t number) const {
    auto& query = database_.cached(  // outbox_forum_posts
        "SELECT chat_id, platform_message_id FROM outbox WHERE forum_post = ?2 AND platform = ?1 "
        "AND method = '' AND status = 'sent' AND platform_message_id IS NOT NULL ORDER BY id");
    query.bind(1, platform).bind(2, number);
    std::vector<commands::ForumCopy> out;
    while (query.step()) out.push_back({query.column_text(0), query.column_text(1)});
    return out;
}

std::optional<std::string> Forum::topic_of_thread(std::string_view platform, std::string_view chat_id,
                                                  int64_t thread) const {
    auto& query =
        database_.cached("SELECT topic_id FROM forum_topics WHERE platform = ?1 AND chat_id = ?2 AND thread = ?3");
    return read_one<std::string>(query.bind(1, platform).bind(2, chat_id).bind(3, thread),
                                 [](const Statement& row) { return row.column_text(0); });
}

// ---- writes ----

void Forum::record_topic(std::string_view platform, std::string_view chat_id, int64_t thread,
                         std::string_view topic_id) {
    database_
        .cached("INSERT INTO forum_topics (platform, chat_id, thread, topic_id) VALUES (?1, ?2, ?3, ?4) "
                "ON CONFLICT (platform, chat_id, thread) DO UPDATE SET topic_id = excluded.topic_id")
        .bind(1, platform)
        .bind(2, chat_id)
        .bind(3, thread)
        .bind(4, topic_id)
        .step();
}

std::optional<int64_t> Forum::thread_of(int64_t number) const {
    auto& query = database_.cached("SELECT thread FROM forum_posts WHERE number = ?1");
    return read_one<int64_t>(query.bind(1, number), [](const Statement& row) { return row.column_int64(0); });
}

// Tag rows are written not visible; refresh_thread sets them.
void Forum::insert_tags(int64_t thread, int64_t number, const std::vector<std::string>& tags) {
    for (size_t position = 0; position < tags.size(); ++position)
        database_
            .cached("INSERT INTO forum_tags (thread, number, position, tag, visible) VALUES (?1, ?2, ?3, ?4, 0)")
            .bind(1, thread)
            .bind(2, number)
            .bind(3, static_cast<int64_t>(position))
            .bind(4, tags[position])
            .step();
}

// Recomputes what migration 4 keeps per thread (last_activity, tag rows' visible) from
// the thread's posts; called after every write to a post of the thread.
void Forum::refresh_thread(int64_t thread) {
    database_
        .cached("UPDATE forum_posts SET last_activity = (SELECT max(created_at) FROM forum_posts "
                "WHERE thread = ?1 AND hidden = 0 AND deleted = 0) WHERE number = ?1")
        .bind(1, thread)
        .step();
    database_
        .cached("UPDATE forum_tags SET visible = (SELECT" PLANBOT_LISTED "FROM forum_posts AS x "
                "JOIN forum_posts AS f ON f.number = x.thread WHERE x.number = forum_tags.number) "
                "WHERE thread = ?1")
        .bind(1, thread)
        .step();
}

void Forum::add(const commands::AddForumPost& post, std::string_view platform, std::string_view user_id,
                sys_seconds now) {
    // First, so that a taken number or a missing thread throws before anything else is written.
    database_
        .cached("INSERT INTO forum_posts (number, thread, platform, user_id, title, text, created_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, post.number)
        .bind(2, post.thread)
        .bind(3, platform)
        .bind(4, user_id)
        .bind(5, post.title)
        .bind(6, post.text)
        .bind(7, seconds(now))
        .step();
    insert_tags(post.thread, post.number, post.tags);
    database_.cached("INSERT INTO forum_search (rowid, search_text) VALUES (?1, ?2)")
        .bind(1, post.number)
        .bind(2, post.search_text)
        .step();
    refresh_thread(post.thread);
}

void Forum::edit(const commands::EditForumPost& edit, sys_seconds now) {
    const auto thread = thread_of(edit.number);
    if (!thread) return;
    database_.cached("UPDATE forum_posts SET text = ?2, edited_at = ?3 WHERE number = ?1")
        .bind(1, edit.number)
        .bind(2, edit.text)
        .bind(3, seconds(now))
        .step();
    database_.cached("DELETE FROM forum_tags WHERE thread = ?1 AND number = ?2")
        .bind(1, *thread)
        .bind(2, edit.number)
        .step();
    insert_tags(*thread, edit.number, edit.tags);
    database_.cached("UPDATE forum_search SET search_text = ?2 WHERE rowid = ?1")
        .bind(1, edit.number)
        .bind(2, edit.search_text)
        .step();
    refresh_thread(*thread);
}

// Post `number`'s copies not sent yet (a first post: its whole thread's) are failed with
// `reason`; the dispatcher reads a row again before sending it, so they never go.
void Forum::withdraw_copies(int64_t number, int64_t thread, std::string_view reason) {
    database_
        .cached("UPDATE outbox SET status = 'failed', last_error = ?3 WHERE status = 'pending' AND forum_post IN "
                "(SELECT number FROM forum_posts WHERE number = ?1 OR (?1 = ?2 AND thread = ?2))")
        .bind(1, number)
        .bind(2, thread)
        .bind(3, reason)
        .step();
}

// A deleted post is personal data nobody may read any more: of it only the number, the
// thread, the author and the time stay (the numbering and the audit log need them), and
// a thread's first post takes the thread's replies with it. Its copies in the outbox
// keep no words either (the text, and the payload: a topic's name is the title); those
// not sent yet never go.
void Forum::mark_deleted(int64_t number) {
    const auto thread = thread_of(number);
    if (!thread) return;
    withdraw_copies(number, *thread, "cancelled: the forum post was deleted");
    database_
        .cached("UPDATE outbox SET text = '', payload = '' WHERE forum_post IN "
                "(SELECT number FROM forum_posts WHERE number = ?1 OR (?1 = ?2 AND thread = ?2))")
        .bind(1, number)
        .bind(2, *thread)
        .step();
    database_
        .cached("UPDATE forum_posts SET deleted = 1, title = '', text = '' "
                "WHERE number = ?1 OR (?1 = ?2 AND thread = ?2)")
        .bind(1, number)
        .bind(2, *thread)
        .step();
    database_
        .cached("DELETE FROM forum_tags WHERE thread = ?1 AND number IN "
                "(SELECT number FROM forum_posts WHERE thread = ?1 AND deleted = 1)")
        .bind(1, *thread)
        .step();
    database_
        .cached("DELETE FROM forum_search WHERE rowid IN "
                "(SELECT number FROM forum_posts WHERE thread = ?1 AND deleted = 1)")
        .bind(1, *thread)
        .step();
    refresh_thread(*thread);
}

void Forum::set_hidden(int64_t number, bool hidden) {
    const auto thread = thread_of(number);
    if (!thread) return;
    if (hidden) withdraw_copies(number, *thread, "cancelled: the forum post was hidden");
    database_.cached("UPDATE forum_posts SET hidden = ?2 WHERE number = ?1")
        .bind(1, number)
        .bind(2, int64_t{hidden})
        .step();
    refresh_thread(*thread);
}

void Forum::set_draft(std::string_view platform, std::string_view user_id,
                      const std::optional<commands::ForumDraft>& draft) {
    if (!draft) {
        database_.cached("DELETE FROM forum_drafts WHERE platform = ?1 AND user_id = ?2")
            .bind(1, platform)
            .bind(2, user_id)
            .step();
        return;
    }
    database_
        .cached("INSERT INTO forum_drafts (platform, user_id, title, started_at, thread, text, filled_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (platform, user_id) "
                "DO UPDATE SET title = excluded.title, started_at = excluded.started_at, thread = excluded.thread, "
                "text = excluded.text, filled_at = excluded.filled_at")
        .bind(1, platform)
        .bind(2, user_id)
        .bind(3, draft->title)
        .bind(4, seconds(draft->started))
        .bind(5, draft->thread)
        .bind(6, draft->text)
        .bind(7, seconds(draft->filled_at))
        .step();
}

void Forum::set_muted(std::string_view platform, std::string_view user_id, bool muted) {
    database_
        .cached(muted ? "INSERT INTO forum_muted (platform, user_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING"
                      : "DELETE FROM forum_muted WHERE platform = ?1 AND user_id = ?2")
        .bind(1, platform)
        .bind(2, user_id)
        .step();
}

#undef PLANBOT_POST_COLUMNS
#undef PLANBOT_POSTS_FROM
#undef PLANBOT_LISTED
#undef PLANBOT_THREAD_COLUMNS

}  // namespace planbot::storage
