#include "common/time/time_zone.h"

#include "common/time/posix_tz.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <vector>

namespace callvault {

namespace {

struct ZoneData {
    struct Type {
        int offset = 0;
        bool isDst = false;
    };
    std::string name;
    std::vector<std::int64_t> transitions;  ///< Unix seconds, ascending
    std::vector<std::uint8_t> transitionTypes;
    std::vector<Type> types;
    std::optional<PosixTz> footer;  ///< rule for instants after the last transition
};

}  // namespace

struct TimeZone::Rules : ZoneData {};

namespace {

constexpr std::string_view kZoneInfoDir = "/usr/share/zoneinfo/";
constexpr std::size_t kMaxTzifSize = 1 << 20;

bool isSafeZoneName(std::string_view name) {
    if (name.empty() || name.size() > 255 || name.front() == '/' ||
        name.find("..") != std::string_view::npos) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '+' || c == '/' || c == '-';
    });
}

/// Big-endian reader over the file bytes; `ok` turns false on any read past the end.
class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : m_bytes(bytes) {}

    bool ok() const { return m_ok; }
    std::size_t position() const { return m_pos; }
    void seek(std::size_t pos) { m_pos = pos; }
    std::string_view rest() const {
        return m_pos <= m_bytes.size() ? m_bytes.substr(m_pos) : std::string_view{};
    }

    std::uint64_t readUnsigned(std::size_t width) {
        if (m_pos + width > m_bytes.size()) {
            m_ok = false;
            return 0;
        }
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < width; ++i) {
            value = (value << 8) | static_cast<std::uint8_t>(m_bytes[m_pos + i]);
        }
        m_pos += width;
        return value;
    }
    std::int64_t readSigned32() {
        return static_cast<std::int32_t>(static_cast<std::uint32_t>(readUnsigned(4)));
    }
    std::int64_t readSigned64() { return static_cast<std::int64_t>(readUnsigned(8)); }
    bool skip(std::uint64_t count) {
        if (count > m_bytes.size() - std::min(m_pos, m_bytes.size())) {
            m_ok = false;
            return false;
        }
        m_pos += count;
        return true;
    }

private:
    std::string_view m_bytes;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

struct Header {
    char version = 0;
    std::uint64_t isUtCount = 0;
    std::uint64_t isStdCount = 0;
    std::uint64_t leapCount = 0;
    std::uint64_t timeCount = 0;
    std::uint64_t typeCount = 0;
    std::uint64_t charCount = 0;
};

std::optional<Header> readHeader(ByteReader& in) {
    const std::string_view rest = in.rest();
    if (rest.size() < 44 || rest.substr(0, 4) != "TZif") {
        return std::nullopt;
    }
    Header header;
    header.version = rest[4];
    if (header.version != '\0' && (header.version < '2' || header.version > '9')) {
        return std::nullopt;
    }
    in.skip(20);
    header.isUtCount = in.readUnsigned(4);
    header.isStdCount = in.readUnsigned(4);
    header.leapCount = in.readUnsigned(4);
    header.timeCount = in.readUnsigned(4);
    header.typeCount = in.readUnsigned(4);
    header.charCount = in.readUnsigned(4);
    // RFC 8536 limits: at least one type, at most 256; counts bounded by the file size anyway.
    if (!in.ok() || header.typeCount == 0 || header.typeCount > 256 || header.timeCount > kMaxTzifSize ||
        header.leapCount > kMaxTzifSize || header.charCount > kMaxTzifSize ||
        (header.isUtCount != 0 && header.isUtCount != header.typeCount) ||
        (header.isStdCount != 0 && header.isStdCount != header.typeCount)) {
        return std::nullopt;
    }
    return header;
}

/// Reads one data block; `timeSize` is 4 (v1) or 8 (v2+). Leap-second records are skipped.
bool readDataBlock(ByteReader& in, const Header& header, std::size_t timeSize, ZoneData& rules) {
    rules.transitions.clear();
    rules.transitionTypes.clear();
    rules.types.clear();
    for (std::uint64_t i = 0; i < header.timeCount && in.ok(); ++i) {
        rules.transitions.push_back(timeSize == 4 ? in.readSigned32() : in.readSigned64());
    }
    for (std::uint64_t i = 0; i < header.timeCount && in.ok(); ++i) {
        const auto type = static_cast<std::uint8_t>(in.readUnsigned(1));
        if (type >= header.typeCount) {
            return false;
        }
        rules.transitionTypes.push_back(type);
    }
    for (std::uint64_t i = 0; i < header.typeCount && in.ok(); ++i) {
        ZoneData::Type type;
        type.offset = static_cast<int>(in.readSigned32());
        type.isDst = in.readUnsigned(1) != 0;
        in.readUnsigned(1);  // designation index: abbreviations are not used
        if (type.offset <= -25 * 3600 || type.offset >= 26 * 3600) {
            return false;
        }
        rules.types.push_back(type);
    }
    in.skip(header.charCount);
    in.skip(header.leapCount * (timeSize + 4));
    in.skip(header.isStdCount);
    in.skip(header.isUtCount);
    return in.ok() && std::is_sorted(rules.transitions.begin(), rules.transitions.end());
}

}  // namespace

std::optional<TimeZone> TimeZone::fromTzif(std::string_view name, std::string_view bytes) {
    if (bytes.size() > kMaxTzifSize) {
        return std::nullopt;
    }
    ByteReader in(bytes);
    const auto header = readHeader(in);
    auto rules = std::make_shared<Rules>();
    rules->name = std::string(name);
    if (!header || !readDataBlock(in, *header, 4, *rules)) {
        return std::nullopt;
    }
    if (header->version != '\0') {
        // v2+: a second header and 64-bit data block supersede the v1 block, then "\n<TZ string>\n".
        const auto header64 = readHeader(in);
        if (!header64 || !readDataBlock(in, *header64, 8, *rules)) {
            return std::nullopt;
        }
        const std::string_view footer = in.rest();
        if (footer.size() >= 2 && footer.front() == '\n') {
            const std::size_t end = footer.find('\n', 1);
            if (end != std::string_view::npos && end > 1) {
                rules->footer = PosixTz::parse(footer.substr(1, end - 1));
            }
        }
    }
    TimeZone zone;
    zone.m_rules = std::move(rules);
    return zone;
}

std::optional<TimeZone> TimeZone::load(std::string_view name) {
    if (!isSafeZoneName(name)) {
        return std::nullopt;
    }
    std::ifstream file(std::string(kZoneInfoDir) + std::string(name), std::ios::binary);
    if (file) {
        std::string bytes;
        bytes.resize(kMaxTzifSize + 1);
        file.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(file.gcount(), 0)));
        if (!file.bad()) {
            return fromTzif(name, bytes);
        }
    }
    if (name == "UTC") {
        // Works even on a host without tzdata.
        auto rules = std::make_shared<Rules>();
        rules->name = "UTC";
        rules->types.push_back({0, false});
        TimeZone zone;
        zone.m_rules = std::move(rules);
        return zone;
    }
    return std::nullopt;
}

const std::string& TimeZone::name() const {
    static const std::string kEmpty;
    return m_rules ? m_rules->name : kEmpty;
}

int TimeZone::offsetSeconds(std::int64_t unixSeconds) const {
    if (!m_rules || m_rules->types.empty()) {
        return 0;
    }
    const Rules& rules = *m_rules;
    if (rules.transitions.empty() || unixSeconds < rules.transitions.front()) {
        if (rules.transitions.empty() && rules.footer) {
            return rules.footer->offsetAt(unixSeconds);
        }
        return rules.types.front().offset;  // RFC 8536: type 0 applies before the first transition
    }
    if (unixSeconds >= rules.transitions.back() && rules.footer) {
        return rules.footer->offsetAt(unixSeconds);
    }
    const auto it = std::upper_bound(rules.transitions.begin(), rules.transitions.end(), unixSeconds);
    const auto index = static_cast<std::size_t>(std::distance(rules.transitions.begin(), it)) - 1;
    return rules.types[rules.transitionTypes[index]].offset;
}

std::string TimeZone::localDate(std::int64_t unixSeconds) const {
    return utcDate(unixSeconds + offsetSeconds(unixSeconds));
}

std::string TimeZone::localDateTime(std::int64_t unixSeconds) const {
    std::string text = formatUtc(unixSeconds + offsetSeconds(unixSeconds));
    text.pop_back();  // "Z"
    text[10] = ' ';
    return text;
}

}  // namespace callvault
