// Forgetting a person (/slett meg, commands::ForgetPerson), in the caller's
// transaction: what identifies them goes, what they did stays under
// commands::kFormerMember. Internal to storage/: WorkState::apply calls it.
#pragma once

#include <string>
#include <string_view>

#include "storage/database.hpp"

namespace planbot::storage {

// Deletes the person's users row (their identity), roles, admin rights, forum draft and
// digest choice, a pending erasure request, their private chat's row, channel bindings
// and outbox rows, and the reminder log's rows for that chat. Their confirmations, notes,
// forum posts, wheel dates and audit entries stay, with kFormerMember as their user id.
// Their name, @username and user id, where they stand as whole words in the texts the
// bot wrote (audit descriptions, outbox messages) or in confirmation comments and notes,
// become «tidligere medlem». What others wrote in the forum is left as they wrote it.
void forget_person(Database& database, std::string_view platform, std::string_view user_id);

// `text` with every whole-word occurrence of `needle` replaced by `replacement`: the
// bytes around it are not letters or digits (ASCII, '_', or any byte of a multibyte
// UTF-8 character), so «Kari» goes in «Takk, Kari!» but not in «Karianne».
std::string replace_whole_words(std::string_view text, std::string_view needle, std::string_view replacement);

}  // namespace planbot::storage
