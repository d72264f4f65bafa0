#pragma once

// The Boost.Asio headers of the SIP transport, in one place: Asio's scheduler trips GCC 12's flow-based
// -Wnull-dereference once inlined (a false positive), so they are included with that warning off.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#pragma GCC diagnostic pop
