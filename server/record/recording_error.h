#pragma once

#include <stdexcept>
#include <string>

namespace callvault::server::record {

/// A recording could not be written or finalised: the disk is full, a write failed (EIO), a folder could not
/// be created, a finished file would be overwritten. The caller refuses new recordings and raises an alarm;
/// what() names the file and the system error. Finished recordings are never touched on this path.
class RecordingError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace callvault::server::record
