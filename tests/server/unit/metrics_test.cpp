#include "server/util/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace callvault::server {
namespace {

TEST(Metrics, CountersAddUpPerLabelSet) {
    Metrics metrics;
    metrics.add("callvault_http_requests_total", R"({status="200"})");
    metrics.add("callvault_http_requests_total", R"({status="200"})", 2);
    metrics.add("callvault_http_requests_total", R"({status="404"})");
    EXPECT_EQ(metrics.value("callvault_http_requests_total", R"({status="200"})"), 3);
    EXPECT_EQ(metrics.value("callvault_http_requests_total", R"({status="404"})"), 1);
    EXPECT_EQ(metrics.value("callvault_http_requests_total", R"({status="500"})"), 0);
    EXPECT_EQ(metrics.value("callvault_unknown_total"), 0);
}

TEST(Metrics, LabelsWithAndWithoutBracesAreTheSameSeries) {
    Metrics metrics;
    metrics.add("callvault_http_requests_total", R"(status="200")");
    metrics.add("callvault_http_requests_total", R"({status="200"})");
    EXPECT_EQ(metrics.value("callvault_http_requests_total", R"(status="200")"), 2);
    EXPECT_EQ(metrics.value("callvault_http_requests_total", R"({status="200"})"), 2);
}

TEST(Metrics, GaugeIsSetNotAdded) {
    Metrics metrics;
    metrics.set("callvault_calls_in_progress", "", 5);
    metrics.set("callvault_calls_in_progress", "", 3);
    EXPECT_EQ(metrics.value("callvault_calls_in_progress"), 3);
}

TEST(Metrics, RendersPrometheusTextWithTypes) {
    Metrics metrics;
    metrics.add("callvault_http_requests_total", R"({status="200"})", 7);
    metrics.add("callvault_http_requests_total", R"({status="413"})");
    metrics.set("callvault_calls_in_progress", "", 2);
    const auto text = metrics.render();
    EXPECT_NE(text.find("# TYPE callvault_http_requests_total counter\n"), std::string::npos) << text;
    EXPECT_NE(text.find("callvault_http_requests_total{status=\"200\"} 7\n"), std::string::npos) << text;
    EXPECT_NE(text.find("callvault_http_requests_total{status=\"413\"} 1\n"), std::string::npos) << text;
    EXPECT_NE(text.find("# TYPE callvault_calls_in_progress gauge\n"), std::string::npos) << text;
    EXPECT_NE(text.find("callvault_calls_in_progress 2\n"), std::string::npos) << text;
    // The TYPE line comes once, before the family's samples.
    const auto type = text.find("# TYPE callvault_http_requests_total");
    EXPECT_LT(type, text.find("callvault_http_requests_total{"));
    EXPECT_EQ(text.find("# TYPE callvault_http_requests_total", type + 1), std::string::npos);
}

TEST(Metrics, EmptyRendersNothing) {
    EXPECT_EQ(Metrics().render(), "");
}

TEST(Metrics, ConcurrentAddsAreNotLost) {
    Metrics metrics;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&metrics] {
            for (int i = 0; i < 10000; ++i) {
                metrics.add("callvault_test_total");
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(metrics.value("callvault_test_total"), 40000);
}

}  // namespace
}  // namespace callvault::server
