// The plan as an iCalendar feed (RFC 5545), written with libical: the årshjul and the
// deadlines, for a member's phone calendar to subscribe to. Pure: plan, state and time
// in, text out; no I/O, no clock. bot/ serves it (HTTP caching, tokens).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>

#include "commands/state.hpp"
#include "config/plan.hpp"

namespace planbot::publish {

struct FeedRequest {
    const config::Plan& plan;
    const commands::State* state = nullptr;  // null: the plan alone (no set days, no completions)
    const date::time_zone* zone = nullptr;   // Europe/Oslo
    std::chrono::sys_seconds now{};
    // nullopt: the organisation's feed, the wheel and every deadline. Else a person's
    // feed: the wheel plus the deadlines of the tasks these roles answer for
    // (commands::answers_for_any), i.e. the roles the person holds today.
    std::optional<std::vector<config::RoleRef>> roles;
    std::string name;  // the calendar's name as the phone shows it (X-WR-CALNAME)
    // When the plan itself last changed (bot/ may pass the plan file's modification
    // time): the stamp of events nothing has touched, and last_modified when nothing
    // did. nullopt: 1 January of the plan's first year, 00:00 UTC. Never the clock:
    // unchanged data must give byte-identical text (the ETag is computed over it).
    std::optional<std::chrono::sys_seconds> plan_changed{};
};

struct CalendarFeed {
    std::string text;  // VCALENDAR, CRLF lines folded at 75 octets
    // The newest change the feed shows (a confirmation, a day set, a moved deadline);
    // the plan's load when nothing changed. For Last-Modified.
    std::chrono::sys_seconds last_modified{};
};

CalendarFeed calendar_feed(const FeedRequest& request);

}  // namespace planbot::publish
