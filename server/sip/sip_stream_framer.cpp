#include "server/sip/sip_stream_framer.h"

#include "server/sip/sip_message.h"
#include "server/sip/sip_text.h"

#include <optional>

namespace callvault::server::sip {

namespace {

using text::kCrlf;
constexpr std::string_view kEmptyLine = "\r\n\r\n";

SipFrame error(int status, std::string reason, std::size_t headerLength) {
    SipFrame frame;
    frame.kind = SipFrame::Kind::Error;
    frame.status = status;
    frame.reason = std::move(reason);
    frame.headerLength = headerLength;
    return frame;
}

}  // namespace

SipFrame frameSipMessage(std::string_view buffer, std::size_t maxMessageBytes) {
    SipFrame frame;
    if (buffer.starts_with(kCrlf)) {
        if (buffer.size() < kEmptyLine.size() && kEmptyLine.starts_with(buffer)) {
            return frame;  // NeedMore: a ping may be arriving
        }
        frame.kind = buffer.starts_with(kEmptyLine) ? SipFrame::Kind::KeepAlive : SipFrame::Kind::Skip;
        frame.length = frame.kind == SipFrame::Kind::KeepAlive ? kEmptyLine.size() : kCrlf.size();
        return frame;
    }
    const auto end = buffer.substr(0, maxMessageBytes).find(kEmptyLine);
    if (end == std::string_view::npos) {
        if (buffer.size() >= maxMessageBytes) {
            return error(513, "header section larger than " + std::to_string(maxMessageBytes) + " octets", 0);
        }
        return frame;
    }
    const std::size_t headerLength = end + kEmptyLine.size();

    std::optional<std::size_t> contentLength;
    std::size_t lineStart = buffer.find(kCrlf) + kCrlf.size();  // after the start line
    while (lineStart < end + kCrlf.size()) {
        const auto lineEnd = buffer.find(kCrlf, lineStart);
        const auto line = buffer.substr(lineStart, lineEnd - lineStart);
        lineStart = lineEnd + kCrlf.size();
        const auto colon = line.find(':');
        if (line.empty() || text::isWhitespace(line.front()) || colon == std::string_view::npos ||
            canonicalHeaderName(line.substr(0, colon)) != "content-length") {
            continue;
        }
        const auto value = text::parseUnsigned<std::size_t>(text::trim(line.substr(colon + 1)));
        if (!value) {
            return error(400, "malformed Content-Length", headerLength);
        }
        if (contentLength && *contentLength != *value) {
            return error(400, "more than one Content-Length", headerLength);
        }
        contentLength = value;
    }
    if (!contentLength) {
        return error(400, "Content-Length is required on a stream transport (RFC 3261 §18.3)", headerLength);
    }
    if (*contentLength > maxMessageBytes || headerLength + *contentLength > maxMessageBytes) {
        return error(513, "message larger than " + std::to_string(maxMessageBytes) + " octets", headerLength);
    }
    if (buffer.size() < headerLength + *contentLength) {
        return frame;
    }
    frame.kind = SipFrame::Kind::Message;
    frame.length = headerLength + *contentLength;
    return frame;
}

}  // namespace callvault::server::sip
