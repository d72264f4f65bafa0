#include "server/app/data_dir.h"

#include <array>
#include <filesystem>

namespace callvault::server {

namespace fs = std::filesystem;

void prepareDataDirectory(const std::string& dataDir) {
    const auto makePrivate = [](const fs::path& path) {
        if (fs::create_directories(path)) {
            fs::permissions(path, fs::perms::owner_all, fs::perm_options::replace);
        }
    };
    makePrivate(dataDir);
    constexpr std::array kFolders{"recordings", "spool", "greetings", "terms", "keys"};
    for (const char* folder : kFolders) {
        makePrivate(fs::path(dataDir) / folder);
    }
}

std::string databasePath(const std::string& dataDir) {
    return (fs::path(dataDir) / "callvault.db").string();
}

}  // namespace callvault::server
