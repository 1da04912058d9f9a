// Answers to questions about the wheel and the plan: "hva skjer i mai",
// "når er fylkesårsmøtet", "hvem har ansvar for partiskatt". Pure: every answer is
// a function of the plan, the admins' edits and added tasks in the context's state
// (none without a database), the question and the context's time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands/event.hpp"
#include "commands/language/period.hpp"

namespace planbot::commands {

// Wheel events and deadlines of the period, grouped and phone-sized.
std::string answer_period(const Context& context, const Period& period);

// "har vi noe i juni": "Ja. " and answer_period's answer when the period holds a dated
// wheel event or a deadline (or, for a whole month or longer, an event of one of its
// months); otherwise "Nei, ingenting i årshjulet og ingen frister …", with the events
// that fall in the month without a day and the weekly tiltak.
std::string answer_anything_in(const Context& context, const Period& period);

// The next dates of the best-matching wheel events (or, if no event matches, of the
// best-matching tiltak's deadlines). nullopt when nothing matches the topic.
std::optional<std::string> answer_when(const Context& context, const std::vector<std::string>& topic);

// The best-matching tiltak with their ansvarlig and next deadline. nullopt when
// nothing matches the topic.
std::optional<std::string> answer_who(const Context& context, const std::vector<std::string>& topic);

// "hva gjør AU", "hva skal regionlederen gjøre": the tiltak the role answers for (the
// plan's, with the admins' /ansvar), each with its schedule and next deadline, and the
// tasks added for it with /ny that are still to come.
std::string answer_role_duties(const Context& context, const config::RoleRef& role);

}  // namespace planbot::commands
