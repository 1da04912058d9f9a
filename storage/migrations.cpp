// See migrations.hpp. Every table is STRICT; every query the repositories run has an
// index (the primary keys, or one named here for it).
#include "storage/migrations.hpp"

#include <array>
#include <string>
#include <string_view>

namespace planbot::storage {

namespace {

// Times are INTEGER unix seconds, UTC. Chat and user ids are TEXT, platform-neutral
// (Telegram's 64-bit ids as decimal strings, Slack's "C123").
constexpr std::array<std::string_view, 15> migrations = {
    // 1: dedupe of incoming updates, who we have seen, and the outbox.
    R"sql(
CREATE TABLE processed_updates (
    platform     TEXT    NOT NULL,
    update_id    INTEGER NOT NULL,
    processed_at INTEGER NOT NULL,
    PRIMARY KEY (platform, update_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE users (
    platform   TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    first_name TEXT    NOT NULL DEFAULT '',
    last_name  TEXT    NOT NULL DEFAULT '',
    username   TEXT    NOT NULL DEFAULT '',
    first_seen INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    PRIMARY KEY (platform, user_id)
) STRICT;

CREATE TABLE chats (
    platform   TEXT    NOT NULL,
    chat_id    TEXT    NOT NULL,
    type       TEXT    NOT NULL DEFAULT '',  -- private|group|supergroup|channel; '' if unknown
    title      TEXT    NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    first_seen INTEGER NULL,                 -- NULL: known only from set_chat_active
    last_seen  INTEGER NULL,
    PRIMARY KEY (platform, chat_id)
) STRICT;

CREATE TABLE outbox (
    id                  INTEGER PRIMARY KEY,
    platform            TEXT    NOT NULL,
    chat_id             TEXT    NOT NULL,
    thread_id           INTEGER NULL,
    text                TEXT    NOT NULL,
    parse_mode          TEXT    NOT NULL DEFAULT '',
    reply_markup        TEXT    NOT NULL DEFAULT '',  -- JSON or ''
    status              TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    not_before          INTEGER NOT NULL,
    created_at          INTEGER NOT NULL,
    sent_at             INTEGER NULL,
    platform_message_id TEXT    NULL,
    last_error          TEXT    NOT NULL DEFAULT ''
) STRICT;

-- all_for_chat (every status, id order).
CREATE INDEX outbox_by_chat ON outbox (platform, chat_id, id);
-- The oldest pending message of a chat; move_chat and fail_pending_for_chat.
CREATE INDEX outbox_pending_by_chat ON outbox (platform, chat_id, id) WHERE status = 'pending';
-- ready() and next_not_before(): pending messages by due time; pending_count().
CREATE INDEX outbox_pending_by_time ON outbox (not_before) WHERE status = 'pending';
)sql",
    // 2: the work state (storage/work_state.cpp): admins, roles and their channels, the
    // admins' overlay on the plan, added tasks, completions, the audit log. Dates are
    // TEXT 'YYYY-MM-DD' (Oslo calendar days), so they sort as text.
    R"sql(
CREATE TABLE admins (
    platform TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    PRIMARY KEY (platform, user_id)
) STRICT, WITHOUT ROWID;

-- holders(role): the primary key's prefix.
CREATE TABLE role_holders (
    role_id  TEXT NOT NULL,
    unit     TEXT NOT NULL,  -- '' for the role as a whole
    platform TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    PRIMARY KEY (role_id, unit, platform, user_id)
) STRICT, WITHOUT ROWID;
-- roles_of(person), in role, unit order.
CREATE INDEX role_holders_by_person ON role_holders (platform, user_id, role_id, unit);

CREATE TABLE channels (
    target    TEXT NOT NULL,  -- a role id, '@main' or '@forum'
    unit      TEXT NOT NULL,
    platform  TEXT NOT NULL,
    chat_id   TEXT NOT NULL,
    thread_id TEXT NOT NULL DEFAULT '',
    title     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (target, unit, platform, chat_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE deadline_edits (
    task INTEGER NOT NULL,
    unit TEXT    NOT NULL,
    key  TEXT    NOT NULL,
    date TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    PRIMARY KEY (task, unit, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE responsibility_edits (
    id      INTEGER PRIMARY KEY,  -- assignment order
    task    INTEGER NOT NULL,
    role_id TEXT    NOT NULL,
    unit    TEXT    NOT NULL,
    UNIQUE (task, role_id, unit)
) STRICT;
-- responsibility_edits(): by task, then assignment order (the rowid ends the index).
CREATE INDEX responsibility_edits_by_task ON responsibility_edits (task);

CREATE TABLE added_tasks (
    number  INTEGER PRIMARY KEY CHECK (number >= 101),
    role_id TEXT    NOT NULL,
    unit    TEXT    NOT NULL,
    title   TEXT    NOT NULL,
    date    TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;
-- added_tasks_between(first, last), by date then number (the rowid ends the index).
CREATE INDEX added_tasks_by_date ON added_tasks (date);
-- added_tasks_for(roles): one seek per held role and unit.
CREATE INDEX added_tasks_by_role ON added_tasks (role_id, unit, date);

-- The first completion of an occurrence; completions(task) is the primary key's prefix.
CREATE TABLE completions (
    task         INTEGER NOT NULL,
    unit         TEXT    NOT NULL,
    key          TEXT    NOT NULL,
    platform     TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    completed_at INTEGER NOT NULL,
    comment      TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (task, unit, key)
) STRICT, WITHOUT ROWID;

-- Append-only; audit(limit) reads the newest by id.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    platform    TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    description TEXT    NOT NULL
) STRICT;

-- Small settings that belong to this database ('tracking_start').
CREATE TABLE meta (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- person_by_username: Telegram usernames are ASCII and case-insensitive.
CREATE INDEX users_by_username ON users (platform, username COLLATE NOCASE);
)sql",
    // 3: reminders (storage/reminder_log.cpp): each planned reminder's key, queued once,
    // linked to its outbox rows so a confirmation can cancel those not yet sent; the
    // scheduler's checked_until lives in meta. The outbox learns other Bot API methods
    // than sending: method '' is sendMessage, else 'editMessageText' or
    // 'answerCallbackQuery', with the method's own parameters as JSON in payload.
    R"sql(
CREATE TABLE reminders (
    key            TEXT    NOT NULL PRIMARY KEY,  -- the planner's key: occurrence, rule, due instant
    kind           TEXT    NOT NULL,              -- before|due|overdue|escalation|no_recipient|digest_…
    task           INTEGER NOT NULL,              -- 0 for digests
    unit           TEXT    NOT NULL,
    occurrence_key TEXT    NOT NULL,
    due_at         INTEGER NOT NULL,
    late           INTEGER NOT NULL CHECK (late IN (0, 1)),
    queued_at      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
-- cancel_pending(task, unit, occurrence_key).
CREATE INDEX reminders_by_occurrence ON reminders (task, unit, occurrence_key);

-- outbox_ids(key) is the primary key's prefix.
CREATE TABLE reminder_messages (
    reminder_key TEXT    NOT NULL REFERENCES reminders (key),
    outbox_id    INTEGER NOT NULL REFERENCES outbox (id),
    PRIMARY KEY (reminder_key, outbox_id)
) STRICT, WITHOUT ROWID;

ALTER TABLE outbox ADD COLUMN method  TEXT NOT NULL DEFAULT '';  -- '' = sendMessage
ALTER TABLE outbox ADD COLUMN payload TEXT NOT NULL DEFAULT '';  -- JSON of the method's extra parameters, or ''
)sql",
    // 4: the forum (storage/forum.cpp). Posts are numbered by the core across the whole
    // forum; a thread is its first post's number. A post is visible unless hidden (by an
    // admin) or deleted (by its author), and listed while it and its thread's first post
    // are visible. Two things are kept per thread so lists stay cheap: last_activity on
    // the first post's row, and visible on each tag row; both are recomputed for the
    // whole thread whenever a post of it is added, deleted, hidden or shown.
    // The outbox loses its index of every message by chat: only tests read all of a
    // chat's messages (all_for_chat), while each relay to 50 members dirtied a page of
    // it per chat (the pending-only index by chat stays small: sent rows leave it).
    R"sql(
DROP INDEX outbox_by_chat;

CREATE TABLE forum_posts (
    number        INTEGER PRIMARY KEY CHECK (number >= 1),
    thread        INTEGER NOT NULL REFERENCES forum_posts (number),
    platform      TEXT    NOT NULL,  -- the author, a users row (if seen)
    user_id       TEXT    NOT NULL,
    title         TEXT    NOT NULL,  -- the thread's title on a first post; '' on a reply
    text          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    edited_at     INTEGER NULL,
    hidden        INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    last_activity INTEGER NULL       -- first posts: the newest visible post's created_at; replies: NULL
) STRICT;
-- forum_threads, forum_thread_count: visible threads, the most recently active first.
CREATE INDEX forum_threads_by_activity ON forum_posts (last_activity DESC, number DESC)
    WHERE number = thread AND hidden = 0 AND deleted = 0;
-- forum_thread_posts, a thread's reply count and last activity.
CREATE INDEX forum_visible_by_thread ON forum_posts (thread, created_at) WHERE hidden = 0 AND deleted = 0;
-- forum_posts_between (the digests).
CREATE INDEX forum_visible_by_time ON forum_posts (created_at) WHERE hidden = 0 AND deleted = 0;
-- forum_last_post_by: hidden posts count, deleted ones do not.
CREATE INDEX forum_posts_by_author ON forum_posts (platform, user_id, created_at) WHERE deleted = 0;

-- A post's tags in order of first appearance; a post's tags are the primary key's
-- prefix (thread, number), a thread's tags its first column.
CREATE TABLE forum_tags (
    thread   INTEGER NOT NULL,
    number   INTEGER NOT NULL REFERENCES forum_posts (number),
    position INTEGER NOT NULL,
    tag      TEXT    NOT NULL,  -- lower-cased as written, without '#'
    visible  INTEGER NOT NULL CHECK (visible IN (0, 1)),  -- the post is listed (see above)
    PRIMARY KEY (thread, number, position)
) STRICT, WITHOUT ROWID;
-- forum_tags (counts per tag), forum_threads_tagged.
CREATE INDEX forum_tags_visible ON forum_tags (tag, thread) WHERE visible = 1;

-- "/forum ny <tittel>" waiting for its text; one per person.
CREATE TABLE forum_drafts (
    platform   TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    started_at INTEGER NOT NULL,
    PRIMARY KEY (platform, user_id)
) STRICT, WITHOUT ROWID;

-- The topic each thread has in a mirror that is a forum supergroup (createForumTopic's
-- message_thread_id), recorded by the dispatcher when Telegram has created it.
CREATE TABLE forum_topics (
    platform TEXT    NOT NULL,
    chat_id  TEXT    NOT NULL,
    thread   INTEGER NOT NULL,
    topic_id TEXT    NOT NULL,
    PRIMARY KEY (platform, chat_id, thread)
) STRICT, WITHOUT ROWID;
-- forum_thread_of_topic: a message written in a topic.
CREATE INDEX forum_topics_by_topic ON forum_topics (platform, chat_id, topic_id);

-- Members who chose the Monday digest ("/forum demp").
CREATE TABLE forum_muted (
    platform TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    PRIMARY KEY (platform, user_id)
) STRICT, WITHOUT ROWID;

-- forum_search: the core's search text of every post (lower-case ASCII words), rowid =
-- the post's number, hidden and deleted posts included (the query filters them).
-- Prefix indexes of 1 to 3 characters answer short prefixes without merging every
-- word that starts with them (a query for "st" took 4 ms on 50,000 posts without).
CREATE VIRTUAL TABLE forum_search USING fts5(search_text, tokenize = 'unicode61', prefix = '1 2 3');
)sql",
    // 5: the forum thread an outgoing message shows (a relay, a mirrored post, a thread
    // read with /forum vis), so that a reply to it finds the thread by the platform's id
    // of the message (Forum::thread_of_message) instead of reading the bot's own words.
    // Messages sent before this migration named their thread on their first line
    // («Forumtråd 12: …», after «💬 » on relays); that is read once, here.
    R"sql(
ALTER TABLE outbox ADD COLUMN forum_thread INTEGER NULL;
UPDATE outbox SET forum_thread = CAST(substr(text, instr(text, 'Forumtråd ') + 10) AS INTEGER)
    WHERE instr(text, 'Forumtråd ') BETWEEN 1 AND 3 AND method = ''
      AND CAST(substr(text, instr(text, 'Forumtråd ') + 10) AS INTEGER) > 0;
-- thread_of_message. Only delivered rows are in it: a relay to 50 members adds its
-- rows without an entry here (one per chat would dirty a page per chat in the
-- webhook's transaction); each gets its entry when the dispatcher marks it sent.
CREATE INDEX outbox_forum_messages ON outbox (platform, chat_id, platform_message_id)
    WHERE forum_thread IS NOT NULL AND platform_message_id IS NOT NULL;
)sql",
    // 6: a deleted post keeps no words (Forum::mark_deleted): only its number, thread,
    // author and time stay, for the numbering and the audit log. Posts deleted before
    // lose their title, text, tags and search row here, and the replies of a deleted
    // thread are deleted with it.
    R"sql(
UPDATE forum_posts SET deleted = 1
    WHERE deleted = 0 AND thread IN (SELECT number FROM forum_posts WHERE number = thread AND deleted = 1);
UPDATE forum_posts SET title = '', text = '' WHERE deleted = 1;
DELETE FROM forum_tags WHERE number IN (SELECT number FROM forum_posts WHERE deleted = 1);
DELETE FROM forum_search WHERE rowid IN (SELECT number FROM forum_posts WHERE deleted = 1);
)sql",
    // 7: a draft holds the post its author has not sent yet (commands::ForumDraft): a
    // new thread's title waiting for its text, or a thread or reply with its text waiting
    // for «send». An admin's /forum lists the hidden threads (forum_hidden_threads).
    R"sql(
ALTER TABLE forum_drafts ADD COLUMN thread INTEGER NOT NULL DEFAULT 0;      -- a reply's thread; 0: a new thread
ALTER TABLE forum_drafts ADD COLUMN text TEXT NOT NULL DEFAULT '';          -- '' while waiting for the text
ALTER TABLE forum_drafts ADD COLUMN filled_at INTEGER NOT NULL DEFAULT 0;   -- a full piece came then (0: none)
CREATE INDEX forum_hidden_threads ON forum_posts (number) WHERE number = thread AND hidden = 1 AND deleted = 0;
)sql",
    // 8: the days admins set with /dato for wheel events the plan gives only a month
    // (commands::WheelDate), one per event and wheel year, with who set it and when.
    R"sql(
CREATE TABLE wheel_dates (
    event    TEXT    NOT NULL,  -- the plan's wheel id ("fylkesarsmote")
    year     INTEGER NOT NULL,  -- the wheel's year (column) the event is in
    date     TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    platform TEXT    NOT NULL,  -- who set it
    user_id  TEXT    NOT NULL,
    set_at   INTEGER NOT NULL,
    PRIMARY KEY (event, year)
) STRICT, WITHOUT ROWID;
)sql",
    // 9: the year as it goes (issue 15). A role may be held for a term: term_end is the
    // Oslo day it ends (NULL: no end), and from that day on the holding counts for
    // nothing but the listings. An occurrence may be closed as skipped (/hopp) with its
    // reason in comment. Notes on tasks (/notat) for whoever holds the role next.
    R"sql(
ALTER TABLE role_holders ADD COLUMN term_end TEXT NULL
    CHECK (term_end IS NULL OR term_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE completions ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1));

CREATE TABLE task_notes (
    id         INTEGER PRIMARY KEY,  -- writing order
    task       INTEGER NOT NULL,
    platform   TEXT    NOT NULL,     -- the author, a users row (if seen)
    user_id    TEXT    NOT NULL,
    written_at INTEGER NOT NULL,
    text       TEXT    NOT NULL
) STRICT;
-- notes(tasks): one seek per task, newest first (the rowid ends the index).
CREATE INDEX task_notes_by_task ON task_notes (task);
)sql",
    // 10 (issue 20, operations):
    // the links of reminders by outbox row, so that /metrics can count a delivered
    // reminder and the retention (storage/retention.cpp) can delete the links of the old
    // rows it deletes; outbox rows forgotten once sent; and /slett meg waiting for its
    // confirmation, one per person.
    // The retention's daily deletes scan processed_updates and outbox: no index is kept
    // for them on the path of every message.
    R"sql(
CREATE INDEX reminder_messages_by_outbox ON reminder_messages (outbox_id);

-- A row of personal data (/mine data's file, the goodbye of /slett meg) is deleted once
-- sent instead of kept as a sent row (Outbox::mark_sent).
ALTER TABLE outbox ADD COLUMN forget_when_sent INTEGER NOT NULL DEFAULT 0 CHECK (forget_when_sent IN (0, 1));

CREATE TABLE erasure_requests (
    platform     TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    requested_at INTEGER NOT NULL,
    PRIMARY KEY (platform, user_id)
) STRICT, WITHOUT ROWID;
)sql",
    // 11 (issue 17, one person across platforms): accounts linked with /kobling
    // (storage/person_links.cpp), the one-time codes by their digest, the wrong codes
    // tried (against guessing), and when each user last wrote (not only was mentioned),
    // which picks the account a linked person is reached on.
    R"sql(
-- An account that was never linked has no row; a person is the accounts sharing `person`.
CREATE TABLE person_accounts (
    platform  TEXT    NOT NULL,
    user_id   TEXT    NOT NULL,
    person    INTEGER NOT NULL CHECK (person >= 1),
    linked_at INTEGER NOT NULL,
    PRIMARY KEY (platform, user_id)
) STRICT, WITHOUT ROWID;
-- A person's accounts; the next person number (max).
CREATE INDEX person_accounts_by_person ON person_accounts (person);

-- One waiting code per account; the code itself is never stored, only its digest.
CREATE TABLE link_codes (
    digest     TEXT    NOT NULL PRIMARY KEY,
    platform   TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
-- A new code replaces the account's earlier one.
CREATE INDEX link_codes_by_account ON link_codes (platform, user_id);

CREATE TABLE link_failures (
    platform TEXT    NOT NULL,
    user_id  TEXT    NOT NULL,
    at       INTEGER NOT NULL
) STRICT;
-- link_failures(account, since), and the account's old rows deleted.
CREATE INDEX link_failures_by_account ON link_failures (platform, user_id, at);

ALTER TABLE users ADD COLUMN last_active INTEGER NULL;  -- the user last wrote then; NULL: only mentioned
)sql",
    // 12 (issue 16 part 9): the chats whose queue of unsent rows reached the per-chat cap
    // (Outbox::append_within). A row while the flood lasts, so the admins hear of it
    // once per flood and the refused replies are counted; deleted when the queue has
    // drained to half the cap. Read and written by its primary key only.
    R"sql(
CREATE TABLE outbox_floods (
    platform   TEXT    NOT NULL,
    chat_id    TEXT    NOT NULL,
    started_at INTEGER NOT NULL,
    refused    INTEGER NOT NULL CHECK (refused >= 1),  -- replies not queued since it started
    PRIMARY KEY (platform, chat_id)
) STRICT, WITHOUT ROWID;
)sql",
    // 13: the forum post an outgoing message carries (a relay, a mirrored copy), so that
    // deleting or hiding the post cancels the copies not sent yet and finds the sent ones
    // to edit (Forum::copies); older rows carry none.
    R"sql(
ALTER TABLE outbox ADD COLUMN forum_post INTEGER NULL;
-- Forum::copies and the cancelling of a post's pending copies.
CREATE INDEX outbox_forum_posts ON outbox (forum_post) WHERE forum_post IS NOT NULL;
)sql",
    // 14: one dispatcher per platform when Telegram and Slack share the database: each
    // reads its own platform's due rows (Outbox::ready(platform, …)).
    R"sql(
CREATE INDEX outbox_pending_by_platform_time ON outbox (platform, not_before) WHERE status = 'pending';
)sql",
    // 15 (issue 21): the secret links to the calendar feeds and the board's overview
    // page (/kalender, /oversikt), by the SHA-256 of their token: the table holds no
    // link that works. One per account and kind; a new one replaces it.
    R"sql(
CREATE TABLE access_tokens (
    digest   TEXT    PRIMARY KEY,
    kind     TEXT    NOT NULL CHECK (kind IN ('calendar', 'calendar_all', 'overview', 'overview_calendar')),
    platform TEXT    NOT NULL,
    user_id  TEXT    NOT NULL,
    made_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX access_tokens_by_account ON access_tokens (platform, user_id, kind);
)sql",
};

}  // namespace

int schema_version(Database& database) {
    auto& query = database.cached("PRAGMA user_version");
    query.step();
    auto version = static_cast<int>(query.column_int64(0));
    query.reset();
    return version;
}

int latest_schema_version() { return static_cast<int>(migrations.size()); }

void migrate(Database& database) {
    for (;;) {
        // The version is read inside the write transaction, so two processes that
        // migrate at once apply each migration exactly once.
        Transaction transaction(database);
        int version = schema_version(database);
        if (version > latest_schema_version())
            throw StorageError(database.path().string() + ": the database has schema version " +
                               std::to_string(version) + ", but this planbot knows only up to " +
                               std::to_string(latest_schema_version()) +
                               "; use a newer planbot or another database");
        if (version == latest_schema_version()) return;  // rolls back the empty transaction
        database.execute(migrations[static_cast<size_t>(version)]);
        database.execute("PRAGMA user_version = " + std::to_string(version + 1));
        transaction.commit();
    }
}

}  // namespace planbot::storage
