// The text of the plan file planbot last read (at start or on a reload), kept in the
// meta table, so `planbot plan check FILE` can show what an edited file would change
// against the plan actually in force, even after the file on disk was edited.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/database.hpp"

namespace planbot::storage {

class PlanRecord {
public:
    explicit PlanRecord(Database& database) : database_(database) {}

    // nullopt before planbot first started on this database (or a plan given in code).
    std::optional<std::string> text_in_force();
    void set_text_in_force(std::string_view text);

private:
    Database& database_;
};

}  // namespace planbot::storage
