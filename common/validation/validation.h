#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace callvault {

/// Each check returns nothing when the value is valid, or an English sentence saying what is wrong
/// (shown to users as-is by the API; the client translates by rule, not by sentence).
using ValidationError = std::optional<std::string>;

ValidationError checkPassword(std::string_view password);   ///< §1, §26: ≥ 8 chars, letters and digits, ≤ 128
ValidationError checkPin(std::string_view pin);             ///< §22: 1–6 digits
ValidationError checkPhoneNumber(std::string_view number);  ///< optional '+', 3–20 digits
ValidationError checkName(std::string_view name);           ///< display/group/label name: 1–100 chars, no control chars, valid UTF-8
ValidationError checkLogin(std::string_view login);         ///< 3–64 of [A-Za-z0-9._@-]
ValidationError checkEmail(std::string_view email);         ///< empty or local@domain, ≤ 254
ValidationError checkDate(std::string_view date);           ///< "YYYY-MM-DD", a real calendar date
ValidationError checkRemark(std::string_view remark);       ///< ≤ 500 chars, valid UTF-8

bool isValidUtf8(std::string_view text);

}  // namespace callvault
