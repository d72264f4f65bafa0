#include "server/media/encoder_threads.h"

#include "server/util/log.h"

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

namespace callvault::server::media {
namespace {

/// Lowers the calling thread below the network threads: SCHED_BATCH (also out of a real-time policy the
/// whole process may run under) and a higher nice value. On Linux the nice value is per thread.
void lowerThisThreadsPriority(int niceIncrement) {
    static std::atomic<bool> warned{false};
    sched_param param{};
    int error = pthread_setschedparam(pthread_self(), SCHED_BATCH, &param);
    if (error == 0) {
        errno = 0;
        const int current = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
        if (errno == 0 && setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()),
                                      std::min(19, current + niceIncrement)) != 0)
            error = errno;
    }
    if (error != 0 && !warned.exchange(true))
        log::warning(std::string("encoder threads keep the network threads' CPU priority: ") +
                     std::strerror(error));
}

}  // namespace

EncoderThreads::EncoderThreads(unsigned count, int niceIncrement)
    : m_guard(boost::asio::make_work_guard(m_io)) {
    if (count == 0)
        count = std::max(1U, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < count; ++i) {
        m_threads.emplace_back([this, niceIncrement] {
            lowerThisThreadsPriority(niceIncrement);
            m_io.run();
        });
    }
}

EncoderThreads::~EncoderThreads() {
    join();
}

void EncoderThreads::join() {
    m_guard.reset();
    for (auto& thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
}

}  // namespace callvault::server::media
