#pragma once

#include "server/store/media_records.h"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string_view>

namespace callvault::server::store {
class Store;
}

namespace callvault::server::record {

/// <data>/greetings and <data>/terms: the uploaded MP3s of §10, §11 and §19.
std::filesystem::path greetingsDirectory(const std::filesystem::path& dataDir);
std::filesystem::path termsDirectory(const std::filesystem::path& dataDir);

/// Writes `bytes` (already checked by checkMp3Audio) as `<folder>/<32 random hex>.mp3`: a temporary file,
/// fsync, rename, fsync of the folder. Returns the file's name, size and SHA-256. Throws RecordingError.
store::MediaFile saveMediaFile(const std::filesystem::path& folder, std::string_view bytes,
                               std::int64_t durationMs);

/// Deletes the files of the store's file trash under `dataDir` (a missing file counts as deleted) and then
/// forgets them; an entry whose file cannot be deleted is kept for the next run (and logged). Paths that try
/// to leave the data folder are forgotten without touching anything. Returns the entries handled.
std::size_t drainFileTrash(store::Store& store, const std::filesystem::path& dataDir);

/// Deletes `*.mp3` files in greetings/ and terms/ that no row names and that are older than `minAge`: uploads
/// whose row was never written because the server stopped in between. Returns how many were deleted.
std::size_t removeOrphanMediaFiles(store::Store& store, const std::filesystem::path& dataDir,
                                   std::chrono::seconds minAge);

}  // namespace callvault::server::record
