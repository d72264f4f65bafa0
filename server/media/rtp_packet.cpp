#include "server/media/rtp_packet.h"

namespace callvault::server::media {
namespace {

constexpr std::size_t kFixedHeaderBytes = 12;

std::uint16_t read16(std::span<const std::uint8_t> bytes, std::size_t at) {
    return static_cast<std::uint16_t>(bytes[at] << 8 | bytes[at + 1]);
}

std::uint32_t read32(std::span<const std::uint8_t> bytes, std::size_t at) {
    return static_cast<std::uint32_t>(bytes[at]) << 24 | static_cast<std::uint32_t>(bytes[at + 1]) << 16 |
           static_cast<std::uint32_t>(bytes[at + 2]) << 8 | static_cast<std::uint32_t>(bytes[at + 3]);
}

RtpParseResult failure(RtpParseError error) {
    RtpParseResult result;
    result.error = error;
    return result;
}

}  // namespace

RtpParseResult parseRtp(std::span<const std::uint8_t> datagram) {
    if (datagram.size() < kFixedHeaderBytes) {
        return failure(RtpParseError::TooShort);
    }
    if ((datagram[0] >> 6) != 2) {
        return failure(RtpParseError::BadVersion);
    }
    RtpHeader header;
    const bool padding = (datagram[0] & 0x20) != 0;
    header.hasExtension = (datagram[0] & 0x10) != 0;
    header.csrcCount = datagram[0] & 0x0F;
    header.marker = (datagram[1] & 0x80) != 0;
    header.payloadType = datagram[1] & 0x7F;
    header.sequence = read16(datagram, 2);
    header.timestamp = read32(datagram, 4);
    header.ssrc = read32(datagram, 8);

    std::size_t offset = kFixedHeaderBytes + 4U * header.csrcCount;
    if (offset > datagram.size()) {
        return failure(RtpParseError::TooShort);
    }
    if (header.hasExtension) {
        if (offset + 4 > datagram.size()) {
            return failure(RtpParseError::TooShort);
        }
        offset += 4 + 4U * read16(datagram, offset + 2);
        if (offset > datagram.size()) {
            return failure(RtpParseError::TooShort);
        }
    }
    std::size_t end = datagram.size();
    if (padding) {
        const std::size_t count = datagram.back();
        if (count == 0 || count > end - offset) {
            return failure(RtpParseError::BadPadding);
        }
        end -= count;
    }
    header.payload = datagram.subspan(offset, end - offset);
    RtpParseResult result;
    result.header = header;
    return result;
}

bool looksLikeRtcp(std::span<const std::uint8_t> datagram) {
    return datagram.size() >= 8 && (datagram[0] >> 6) == 2 && datagram[1] >= 192 && datagram[1] <= 223;
}

}  // namespace callvault::server::media
