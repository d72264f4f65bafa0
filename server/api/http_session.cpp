#include "server/api/http_session.h"

#include "server/api/router.h"
#include "server/util/log.h"
#include "server/util/metrics.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <iterator>

namespace callvault::server::api {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

std::string toString(beast::string_view text) {
    return std::string(text.data(), text.size());
}

std::string lowerCase(beast::string_view text) {
    std::string result = toString(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

ApiRequest toApiRequest(HttpSession::Request& request, const std::string& remoteAddress) {
    ApiRequest result;
    result.method = toString(request.method_string());
    result.target = toString(request.target());
    for (const auto& field : request) {
        auto [it, inserted] = result.headers.emplace(lowerCase(field.name_string()), toString(field.value()));
        if (!inserted) {
            // RFC 9110 §5.3: repeated fields combine into one comma-separated list.
            it->second += ", ";
            it->second += toString(field.value());
        }
    }
    result.body = std::move(request.body());
    result.remoteAddress = remoteAddress;
    return result;
}

HttpSession::Response toHttp(ApiResponse api, unsigned version, bool keepAlive) {
    HttpSession::Response response{static_cast<http::status>(api.status), version};
    response.set(http::field::server, "callvaultd");
    response.set(http::field::cache_control, "no-store");
    if (!api.contentType.empty()) {
        response.set(http::field::content_type, api.contentType);
    }
    for (const auto& [name, value] : api.headers) {
        response.set(name, value);
    }
    response.keep_alive(keepAlive);
    response.body() = std::move(api.body);
    response.prepare_payload();
    return response;
}

bool expectsContinue(const HttpSession::Request& request) {
    const auto expect = request[http::field::expect];
    return beast::iequals(expect, "100-continue");
}

std::string pathOf(const std::string& target) {
    return target.substr(0, target.find('?'));
}

}  // namespace

HttpSession::HttpSession(net::ip::tcp::socket&& socket, std::shared_ptr<HttpShared> shared)
    : m_stream(std::move(socket), shared->tls), m_shared(std::move(shared)) {
    beast::error_code ec;
    const auto endpoint = beast::get_lowest_layer(m_stream).socket().remote_endpoint(ec);
    if (!ec) {
        auto address = endpoint.address();
        if (address.is_v6() && address.to_v6().is_v4_mapped()) {
            address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
        }
        m_remoteAddress = address.to_string();
    }
    m_shared->metrics.add("callvault_http_connections", "", 1);
}

HttpSession::~HttpSession() {
    if (m_requestInFlight) {
        --m_shared->inFlight;
    }
    m_shared->metrics.add("callvault_http_connections", "", -1);
}

void HttpSession::run() {
    // The constructor ran on the acceptor's strand; everything from here on runs on ours.
    net::dispatch(m_stream.get_executor(),
                  beast::bind_front_handler(&HttpSession::onRun, shared_from_this()));
}

void HttpSession::onRun() {
    beast::get_lowest_layer(m_stream).expires_after(m_shared->limits.handshakeTimeout);
    m_stream.async_handshake(net::ssl::stream_base::server,
                             beast::bind_front_handler(&HttpSession::onHandshake, shared_from_this()));
}

void HttpSession::onHandshake(beast::error_code ec) {
    if (ec) {
        log::debug("TLS handshake with " + m_remoteAddress + " failed: " + ec.message());
        return;
    }
    doReadHeader();
}

void HttpSession::doReadHeader() {
    if (m_shared->stopping) {
        doClose();
        return;
    }
    m_parser.emplace();
    m_parser->header_limit(static_cast<std::uint32_t>(m_shared->limits.headerBytes));
    // Beast checks Content-Length against this while the header is parsed; onReadHeader narrows it per route.
    m_parser->body_limit(std::max(m_shared->limits.bodyBytes, m_shared->limits.uploadBodyBytes));
    // One deadline for the whole request, headers and body: a client trickling bytes is still cut.
    beast::get_lowest_layer(m_stream).expires_after(m_shared->limits.readTimeout);
    http::async_read_header(m_stream, m_buffer, *m_parser,
                            beast::bind_front_handler(&HttpSession::onReadHeader, shared_from_this()));
}

void HttpSession::onReadHeader(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) {
        onReadFailed(ec);
        return;
    }
    const auto& request = m_parser->get();
    const auto fields = static_cast<std::size_t>(std::distance(request.begin(), request.end()));
    if (fields > m_shared->limits.headerFields) {
        writeError(
            ErrorCode::HeadersTooLarge,
            "the request has more than " + std::to_string(m_shared->limits.headerFields) + " header fields");
        return;
    }
    const std::size_t bodyLimit =
        acceptsUpload(toString(request.method_string()), toString(request.target()))
            ? m_shared->limits.uploadBodyBytes
            : m_shared->limits.bodyBytes;
    if (const auto length = m_parser->content_length(); length && *length > bodyLimit) {
        writeError(ErrorCode::PayloadTooLarge,
                   "the request body is larger than " + std::to_string(bodyLimit) + " bytes");
        return;
    }
    m_parser->body_limit(bodyLimit);  // a chunked body is counted against it as it arrives
    if (m_parser->is_done()) {
        dispatch(m_parser->release());
        return;
    }
    if (expectsContinue(request)) {
        m_continue = {http::status::continue_, request.version()};
        http::async_write(m_stream, m_continue,
                          [self = shared_from_this()](beast::error_code writeEc, std::size_t) {
                              if (!writeEc) {
                                  self->doReadBody();
                              }
                          });
        return;
    }
    doReadBody();
}

void HttpSession::doReadBody() {
    http::async_read(m_stream, m_buffer, *m_parser,
                     beast::bind_front_handler(&HttpSession::onReadBody, shared_from_this()));
}

void HttpSession::onReadBody(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) {
        onReadFailed(ec);
        return;
    }
    dispatch(m_parser->release());
}

void HttpSession::onReadFailed(beast::error_code ec) {
    if (ec == http::error::end_of_stream) {
        doClose();
    } else if (ec == http::error::header_limit) {
        writeError(ErrorCode::HeadersTooLarge, "the request headers are larger than " +
                                                   std::to_string(m_shared->limits.headerBytes) + " bytes");
    } else if (ec == http::error::body_limit) {
        writeError(ErrorCode::PayloadTooLarge, "the request body is larger than " +
                                                   std::to_string(m_shared->limits.bodyBytes) + " bytes");
    } else if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
               ec != http::error::partial_message) {
        writeError(ErrorCode::BadRequest, "malformed HTTP request: " + ec.message());
    } else if (ec == beast::error::timeout) {
        log::debug("dropped " + m_remoteAddress + ": request not complete within the read timeout");
    } else if (ec != net::ssl::error::stream_truncated && ec != http::error::partial_message) {
        // The peer went away (reset, truncated TLS); nothing to answer. The socket closes with us.
        log::debug("read from " + m_remoteAddress + " failed: " + ec.message());
    }
}

void HttpSession::dispatch(Request request) {
    const auto version = request.version();
    const bool keepAlive = request.keep_alive();
    if (m_shared->inFlight.load() >= m_shared->limits.queuedRequests) {
        write(toHttp(errorResponse(ErrorCode::ServiceUnavailable, "the server is busy; try again"), version,
                     false));
        return;
    }
    ++m_shared->inFlight;
    m_requestInFlight = true;
    auto executor = m_stream.get_executor();
    net::post(m_shared->pool, [self = shared_from_this(), executor, version, keepAlive,
                               apiRequest = toApiRequest(request, m_remoteAddress)]() mutable {
        ApiResponse response;
        try {
            response = self->m_shared->handler(apiRequest);
        } catch (const std::exception& e) {
            log::error("request handler threw: " + std::string(e.what()));
            response = errorResponse(ErrorCode::InternalError, "internal error");
        }
        log::debug(apiRequest.method + " " + pathOf(apiRequest.target) + " " +
                   std::to_string(response.status) + " from " + apiRequest.remoteAddress);
        net::post(executor, [self, version, keepAlive, response = std::move(response)]() mutable {
            self->write(toHttp(std::move(response), version, keepAlive && !self->m_shared->stopping));
        });
    });
}

void HttpSession::writeError(ErrorCode code, const std::string& message) {
    log::debug("answering " + m_remoteAddress + " " + std::to_string(errorInfo(code).httpStatus) + ": " +
               message);
    // The rest of the stream cannot be trusted to be at a message boundary: answer, then close.
    write(toHttp(errorResponse(code, message), 11, false));
}

void HttpSession::write(Response response) {
    const bool close = response.need_eof();
    m_shared->metrics.add("callvault_http_requests_total",
                          "status=\"" + std::to_string(response.result_int()) + "\"");
    m_response = std::move(response);
    beast::get_lowest_layer(m_stream).expires_after(m_shared->limits.readTimeout);
    http::async_write(m_stream, m_response,
                      beast::bind_front_handler(&HttpSession::onWrite, shared_from_this(), close));
}

void HttpSession::onWrite(bool close, beast::error_code ec, std::size_t /*bytes*/) {
    if (m_requestInFlight) {
        m_requestInFlight = false;
        --m_shared->inFlight;
    }
    if (ec) {
        log::debug("write to " + m_remoteAddress + " failed: " + ec.message());
        return;
    }
    m_response = {};
    if (close) {
        doClose();
        return;
    }
    doReadHeader();
}

void HttpSession::doClose() {
    beast::get_lowest_layer(m_stream).expires_after(m_shared->limits.handshakeTimeout);
    m_stream.async_shutdown([self = shared_from_this()](beast::error_code) {
        // Whatever the peer did, the socket closes when the last reference to the session goes.
    });
}

}  // namespace callvault::server::api
