#include "server/sip/sdp_lines.h"

#include "server/sip/sip_text.h"

#include <algorithm>

namespace callvault::server::sip::sdp {

std::optional<std::vector<Line>> splitLines(std::string_view body) {
    std::vector<Line> lines;
    std::size_t start = 0;
    while (start < body.size()) {
        auto end = body.find('\n', start);
        if (end == std::string_view::npos) {
            end = body.size();
        }
        auto text = body.substr(start, end - start);
        if (!text.empty() && text.back() == '\r') {
            text.remove_suffix(1);
        }
        start = end + 1;
        if (text.empty()) {
            continue;
        }
        if (text.size() < 2 || text[0] < 'a' || text[0] > 'z' || text[1] != '=') {
            return std::nullopt;
        }
        lines.push_back({text[0], text.substr(2), text});
    }
    return lines;
}

std::vector<std::string_view> splitWords(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ') {
            ++i;
            continue;
        }
        const auto end = std::min(text.find(' ', i), text.size());
        words.push_back(text.substr(i, end - i));
        i = end;
    }
    return words;
}

std::optional<Origin> parseOrigin(std::string_view value) {
    const auto words = splitWords(value);
    if (words.size() != 6) {
        return std::nullopt;
    }
    return Origin{std::string(words[0]), std::string(words[1]), std::string(words[2]),
                  std::string(words[3]), std::string(words[4]), std::string(words[5])};
}

std::optional<Connection> parseConnection(std::string_view value) {
    const auto words = splitWords(value);
    if (words.size() != 3 || words[2].empty() || words[2].front() == '/') {
        return std::nullopt;
    }
    return Connection{std::string(words[0]), std::string(words[1]),
                      std::string(words[2].substr(0, words[2].find('/')))};
}

std::optional<MediaLine> parseMediaLine(std::string_view value) {
    const auto words = splitWords(value);
    if (words.size() < 4) {
        return std::nullopt;
    }
    const auto slash = words[1].find('/');
    const auto port = text::parseUnsigned<std::uint16_t>(words[1].substr(0, slash));
    if (!port || (slash != std::string_view::npos &&
                  !text::parseUnsigned<std::uint16_t>(words[1].substr(slash + 1)))) {
        return std::nullopt;
    }
    MediaLine line;
    line.type = std::string(words[0]);
    line.port = *port;
    line.protocol = std::string(words[2]);
    for (std::size_t i = 3; i < words.size(); ++i) {
        line.formats.emplace_back(words[i]);
    }
    return line;
}

std::string_view addressTypeOf(std::string_view address) {
    return address.find(':') != std::string_view::npos ? "IP6" : "IP4";
}

}  // namespace callvault::server::sip::sdp
