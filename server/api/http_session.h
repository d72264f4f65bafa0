#pragma once

#include "server/api/http_server.h"

// Asio's scheduler trips GCC 12's flow-based -Wnull-dereference once inlined (a false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#pragma GCC diagnostic pop

#include <atomic>
#include <memory>
#include <optional>
#include <string>

namespace callvault::server::api {

/// What the listener and every session of one HttpServer share. Sessions hold it, so it lives as long as
/// the last of them.
struct HttpShared {
    HttpShared(boost::asio::ssl::context context, boost::asio::thread_pool& blockingPool,
               HttpLimits httpLimits, RequestHandler requestHandler, Metrics& serverMetrics)
        : tls(std::move(context)),
          pool(blockingPool),
          limits(httpLimits),
          handler(std::move(requestHandler)),
          metrics(serverMetrics) {}

    boost::asio::ssl::context tls;
    boost::asio::thread_pool& pool;
    const HttpLimits limits;
    const RequestHandler handler;
    Metrics& metrics;
    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> inFlight{0};
    std::atomic<std::int64_t> connections{0};
};

/// One HTTPS connection: handshake, then read a request, answer it, repeat while keep-alive.
/// Every member function runs on the connection's strand (the stream's executor).
class HttpSession : public std::enable_shared_from_this<HttpSession> {
public:
    using Stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
    using Request = boost::beast::http::request<boost::beast::http::string_body>;
    using Response = boost::beast::http::response<boost::beast::http::string_body>;

    HttpSession(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<HttpShared> shared);
    ~HttpSession();
    void run();

private:
    void onRun();
    void onHandshake(boost::beast::error_code ec);
    void doReadHeader();
    void onReadHeader(boost::beast::error_code ec, std::size_t bytes);
    void doReadBody();
    void onReadBody(boost::beast::error_code ec, std::size_t bytes);
    void dispatch(Request request);
    void onReadFailed(boost::beast::error_code ec);
    void writeError(ErrorCode code, const std::string& message);
    void write(Response response);
    void onWrite(bool close, boost::beast::error_code ec, std::size_t bytes);
    void doClose();

    Stream m_stream;
    boost::beast::flat_buffer m_buffer;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> m_parser;
    std::shared_ptr<HttpShared> m_shared;
    std::string m_remoteAddress;
    Response m_response;  ///< kept alive until its write completes
    boost::beast::http::response<boost::beast::http::empty_body> m_continue;
    bool m_requestInFlight = false;
};

}  // namespace callvault::server::api
