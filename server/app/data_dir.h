#pragma once

#include <string>

namespace callvault::server {

/// Creates `dataDir` (0700) and its folders recordings/, spool/, greetings/, terms/, keys/ (0700 each)
/// when they do not exist; existing folders keep their modes. Throws std::filesystem::filesystem_error.
void prepareDataDirectory(const std::string& dataDir);

/// `<dataDir>/callvault.db`.
std::string databasePath(const std::string& dataDir);

}  // namespace callvault::server
