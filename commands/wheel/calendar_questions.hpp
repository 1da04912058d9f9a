// Two kinds of question about time that are not "hva skjer i …":
//  - yes/no and existence: «har vi noe i juni», «skjer det nokka på laurdag», «er det
//    noe i påska», «har me noko i juni», answered «Ja. …» with what is on or «Nei, …»;
//    and «er det noe jeg må gjøre denne uka», answered from the asker's own tasks;
//  - the calendar's own dates: «når er påska (neste år / 2028)», «når er pinse», «når er
//    skjærtorsdag», «når er 17. mai», answered from holidays.hpp, not from the wheel.
// A message is taken only when every word after the opening is a time or a filler, so
// «har vi noe møte i juni» and «når er fylkesårsmøtet» are left to the other readers.
// Pure: today is the context's local day.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/event.hpp"

namespace planbot::commands {

// The answer when the folded words ask whether anything happens (or is the asker's to
// do) in a period; nullopt otherwise. Without a time, «skjer det noe?» means the next
// 14 days.
std::optional<std::string> answer_existence(const Event& event, const Context& context,
                                            const std::vector<std::string>& words);

// «når er påska», «når er 17. mai»: the days the calendar gives the named time or date,
// when the words after the «når er» are a time and nothing else; nullopt otherwise.
// `text` as typed (the time is read from it), `words` the same folded.
std::optional<std::string> answer_calendar_date(const Context& context, std::string_view text,
                                                const std::vector<std::string>& words);

}  // namespace planbot::commands
