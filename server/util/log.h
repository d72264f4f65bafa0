#pragma once

#include <string_view>

namespace callvault::server::log {

enum class Level { Debug, Info, Warning, Error };

/// One line to stderr: "2026-11-25T10:56:05.123Z INFO  <message>". Thread safe.
void write(Level level, std::string_view message);
void setLevel(Level level);
bool setLevel(std::string_view name);  ///< "debug", "info", "warning", "error"; false if unknown

inline void debug(std::string_view m) { write(Level::Debug, m); }
inline void info(std::string_view m) { write(Level::Info, m); }
inline void warning(std::string_view m) { write(Level::Warning, m); }
inline void error(std::string_view m) { write(Level::Error, m); }

}  // namespace callvault::server::log
