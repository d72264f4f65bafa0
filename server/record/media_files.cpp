#include "server/record/media_files.h"

#include "common/crypto/signature.h"
#include "common/formats/hex.h"
#include "server/record/file_io.h"
#include "server/store/store.h"
#include "server/util/log.h"

#include <sodium.h>

#include <array>
#include <set>
#include <system_error>

namespace callvault::server::record {

namespace fs = std::filesystem;

namespace {

constexpr int kTrashBatch = 1000;

bool staysInside(const fs::path& relative) {
    if (relative.empty() || relative.is_absolute()) {
        return false;
    }
    for (const auto& part : relative) {
        if (part == "..") {
            return false;
        }
    }
    return true;
}

}  // namespace

fs::path greetingsDirectory(const fs::path& dataDir) {
    return dataDir / "greetings";
}

fs::path termsDirectory(const fs::path& dataDir) {
    return dataDir / "terms";
}

store::MediaFile saveMediaFile(const fs::path& folder, std::string_view bytes, std::int64_t durationMs) {
    std::array<std::uint8_t, 16> random{};
    randombytes_buf(random.data(), random.size());
    store::MediaFile file;
    file.fileName = toHex(random) + ".mp3";
    file.size = bytes.size();
    file.sha256Hex =
        toHex(sha256(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size())));
    file.durationMs = durationMs;
    makeDirectories(folder, 0700);
    writeFileAtomically(folder / file.fileName, bytes, 0640);
    return file;
}

std::size_t drainFileTrash(store::Store& store, const fs::path& dataDir) {
    std::size_t handled = 0;
    for (;;) {
        const std::vector<store::TrashedFile> batch = store.trashedFiles(kTrashBatch);
        std::vector<std::int64_t> done;
        for (const store::TrashedFile& entry : batch) {
            const fs::path relative(entry.path);
            if (!staysInside(relative)) {
                log::warning("file trash entry outside the data folder ignored: " + entry.path);
                done.push_back(entry.id);
                continue;
            }
            std::error_code ec;
            fs::remove(dataDir / relative, ec);
            if (ec) {
                log::warning("cannot delete " + (dataDir / relative).string() + ": " + ec.message());
                continue;
            }
            done.push_back(entry.id);
        }
        store.forgetTrashedFiles(done);
        handled += done.size();
        // Entries that failed stay; stop instead of spinning on them.
        if (batch.size() < static_cast<std::size_t>(kTrashBatch) || done.empty()) {
            return handled;
        }
    }
}

std::size_t removeOrphanMediaFiles(store::Store& store, const fs::path& dataDir,
                                   std::chrono::seconds minAge) {
    const std::vector<std::string> used = store.mediaFilesInUse();
    const std::set<std::string> inUse(used.begin(), used.end());
    const auto cutoff = fs::file_time_type::clock::now() - minAge;
    std::size_t removed = 0;
    for (const char* folder : {"greetings", "terms"}) {
        std::error_code ec;
        for (fs::directory_iterator it(dataDir / folder, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::path& path = it->path();
            std::error_code fileEc;
            if (!it->is_regular_file(fileEc) || path.extension() != ".mp3" ||
                inUse.count(std::string(folder) + "/" + path.filename().string()) != 0 ||
                it->last_write_time(fileEc) > cutoff || fileEc) {
                continue;
            }
            if (fs::remove(path, fileEc)) {
                ++removed;
                log::info("deleted an orphaned upload " + path.string());
            }
        }
    }
    return removed;
}

}  // namespace callvault::server::record
