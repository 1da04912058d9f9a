// The årshjul of a year drawn as a PNG (publish/wheel_picture.hpp) as the plan in
// force and the database are now: what every platform sends for a WheelPicture reply
// (Telegram's sendPhoto, the local chat's file) and what GET /arshjul/<år>.png serves.
// Reads the database; call it where the database may be read (its io thread).
#pragma once

#include <chrono>
#include <string>

#include <date/tz.h>

#include "bot/plan/live_plan.hpp"
#include "storage/database.hpp"

namespace planbot::bot {

enum class PictureFormat { png, svg };

std::string draw_wheel(storage::Database& database, const LivePlan& plans, const date::time_zone* zone,
                       std::chrono::sys_seconds now, int year, PictureFormat format = PictureFormat::png);

}  // namespace planbot::bot
