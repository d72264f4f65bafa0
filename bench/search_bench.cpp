// Search latency on 1,000,000 recordings (issue 4): p50 / p99 of the store's searchRecordings() and of the
// real HTTPS route GET /api/v1/recordings for a month of one group sorted by time; + user number; + note
// text;
// + label; the total count included every time. The data set is seeded once into a folder of the build tree
// and reused. Prints a table. Usage: callvault_bench_search [--count N] [--runs R] [--no-https] [--data DIR]
#include "common/time/time_zone.h"
#include "server/app/data_dir.h"
#include "server/app/recording_seeder.h"
#include "server/store/store.h"
#include "server/util/password_hash.h"

#include <curl/curl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#ifndef CALLVAULT_BENCH_CACHE_DIR
#error "CALLVAULT_BENCH_CACHE_DIR must name a folder of the build tree"
#endif
#ifndef CALLVAULTD_PATH
#error "CALLVAULTD_PATH must name the callvaultd binary"
#endif

namespace {

namespace fs = std::filesystem;
using namespace callvault;
using namespace callvault::server;
using Clock = std::chrono::steady_clock;

constexpr int kDays = 365;
constexpr std::int64_t kMonthMs = 31LL * 24 * 3600 * 1000;
constexpr const char* kPassword = "BenchPass123";

struct Dataset {
    fs::path dir;
    std::int64_t companyId = 0;
    std::int64_t nowMs = 0;  ///< the seeding clock: rows start in [now - 365 d, now)
    std::vector<std::int64_t> groups;
    std::vector<std::int64_t> labels;
    std::vector<std::string> numbersOfGroup0;
};

std::int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Dataset openOrSeed(const fs::path& dir, std::int64_t count) {
    Dataset data;
    data.dir = dir;
    const fs::path marker = dir / ("seeded-" + std::to_string(count));
    prepareDataDirectory(dir.string());
    auto store = store::openSqliteStore(databasePath(dir.string()));
    if (!fs::exists(marker)) {
        std::cerr << "seeding " << count << " recordings into " << dir << " (once; reused by later runs)\n";
        Company company;
        company.name = "Bench Ltd";
        company.retentionDays = 3650;
        company.timeZone = "Asia/Hong_Kong";
        company = store->createCompany(company);
        User admin;
        admin.companyId = company.id;
        admin.login = "benchadmin" + std::to_string(company.id);
        admin.name = "Bench Admin";
        admin.role = Role::Admin;
        store->createUser(admin, hashPassword(kPassword));
        seed::SeedOptions options;
        options.companyId = company.id;
        options.count = count;
        options.days = kDays;
        options.seed = 42;
        options.files = seed::FileMode::None;
        options.nowMs = wallMs();
        options.batchSize = 10'000;
        const auto started = Clock::now();
        seed::seedRecordings(*store, dir, options, [&](std::int64_t done) {
            if (done % 100'000 == 0) {
                std::cerr << "  " << done << " rows, "
                          << std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started).count()
                          << " s\n";
            }
        });
        std::ofstream(marker) << company.id << " " << options.nowMs << "\n";
        std::cerr << "seeded in "
                  << std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started).count()
                  << " s\n";
    }
    std::ifstream(marker) >> data.companyId >> data.nowMs;
    for (const Group& group : store->groups(data.companyId)) {
        data.groups.push_back(group.id);
    }
    for (const Label& label : store->labels(data.companyId)) {
        data.labels.push_back(label.id);
    }
    for (const UserNumber& number : store->numbers(data.companyId, "2099-01-01")) {
        if (number.groupId == data.groups.front()) {
            data.numbersOfGroup0.push_back(number.number);
        }
    }
    return data;
}

struct Case {
    std::string name;
    bool number = false;
    bool note = false;
    bool label = false;
};

/// One random query of the case: a month-long window inside the seeded year, a group, and the case's extras.
store::RecordingQuery makeQuery(const Dataset& data, const Case& c, std::mt19937& random,
                                std::int64_t* rows) {
    store::RecordingQuery query;
    query.companyId = data.companyId;
    query.fromMs =
        data.nowMs - kDays * 24LL * 3600 * 1000 +
        static_cast<std::int64_t>(random() % static_cast<std::uint32_t>((kDays - 31) * 24)) * 3600 * 1000;
    query.toMs = query.fromMs + kMonthMs;
    query.groupId = data.groups.front();
    if (c.number) {
        query.userNumber = data.numbersOfGroup0[random() % data.numbersOfGroup0.size()];
    }
    if (c.note) {
        query.noteText = random() % 2 == 0 ? std::string("invoice") : std::string("退款");
    }
    if (c.label) {
        query.labelId = data.labels[random() % data.labels.size()];
    }
    query.sort = store::RecordingSort::StartTime;
    query.descending = true;
    query.limit = 50;
    (void)rows;
    return query;
}

std::string percentEncode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.') {
            out.push_back(static_cast<char>(c));
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string queryString(const store::RecordingQuery& q) {
    std::string s = "/api/v1/recordings?from=" + percentEncode(formatUtc(q.fromMs / 1000)) +
                    "&to=" + percentEncode(formatUtc(q.toMs / 1000)) +
                    "&group=" + std::to_string(*q.groupId) + "&sort=start_time&order=desc&limit=50";
    if (q.userNumber)
        s += "&user_number=" + percentEncode(*q.userNumber);
    if (q.noteText)
        s += "&note=" + percentEncode(*q.noteText);
    if (q.labelId)
        s += "&label=" + std::to_string(*q.labelId);
    return s;
}

struct Stats {
    double p50 = 0, p99 = 0, max = 0;
    double meanTotal = 0;
};

Stats summarise(std::vector<double> ms, double meanTotal) {
    std::sort(ms.begin(), ms.end());
    auto at = [&](double p) {
        return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ms.size())))];
    };
    return Stats{at(0.50), at(0.99), ms.back(), meanTotal};
}

// ---- HTTPS: a callvaultd child on the data set, and libcurl with keep-alive.

struct Server {
    pid_t pid = -1;
    std::uint16_t port = 0;
    ~Server() {
        if (pid > 0) {
            ::kill(pid, SIGTERM);
            int status = 0;
            ::waitpid(pid, &status, 0);
        }
    }
};

bool startServer(const Dataset& data, Server& server) {
    const fs::path ready = data.dir / "bench.ready";
    fs::remove(ready);
    server.pid = ::fork();
    if (server.pid == 0) {
        const std::string dataDir = "--data-dir=" + data.dir.string();
        const std::string readyFlag = "--ready-file=" + ready.string();
        const std::string log = (data.dir / "bench-server.log").string();
        std::freopen(log.c_str(), "w", stderr);
        ::execl(CALLVAULTD_PATH, CALLVAULTD_PATH, dataDir.c_str(), "--api-port=0", "--sip-port=0",
                readyFlag.c_str(), "--log-level=warning", static_cast<char*>(nullptr));
        std::_Exit(127);
    }
    for (int i = 0; i < 300; ++i) {
        std::ifstream in(ready);
        int port = 0;
        if (in >> port && port > 0) {
            server.port = static_cast<std::uint16_t>(port);
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

struct Curl {
    struct Deleter {
        void operator()(CURL* c) const { curl_easy_cleanup(c); }
    };
    std::unique_ptr<CURL, Deleter> handle{curl_easy_init()};

    long request(const std::string& url, const std::string& auth, const std::string& body, std::string& out) {
        out.clear();
        CURL* c = handle.get();
        curl_easy_setopt(c, CURLOPT_URL, url.c_str());
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);  // the bench's own self-signed server on loopback
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &collect);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &out);
        struct curl_slist* headers = nullptr;
        if (!auth.empty())
            headers = curl_slist_append(headers, ("Authorization: Bearer " + auth).c_str());
        if (!body.empty()) {
            headers = curl_slist_append(headers, "Content-Type: application/json");
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
        } else {
            curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
        }
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
        const CURLcode rc = curl_easy_perform(c);
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        curl_slist_free_all(headers);
        return rc == CURLE_OK ? status : -1;
    }
};

}  // namespace

int main(int argc, char** argv) {
    std::int64_t count = 1'000'000;
    int runs = 200;
    bool https = true;
    fs::path dir = fs::path(CALLVAULT_BENCH_CACHE_DIR);
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--count" && i + 1 < argc)
            count = std::stoll(argv[++i]);
        else if (arg == "--runs" && i + 1 < argc)
            runs = std::stoi(argv[++i]);
        else if (arg == "--no-https")
            https = false;
        else if (arg == "--data" && i + 1 < argc)
            dir = argv[++i];
        else {
            std::cerr << "usage: callvault_bench_search [--count N] [--runs R] [--no-https] [--data DIR]\n";
            return 2;
        }
    }
    dir /= "search-" + std::to_string(count);
    const Dataset data = openOrSeed(dir, count);
    const std::vector<Case> cases{{"month of one group, by time", false, false, false},
                                  {"+ user number", true, false, false},
                                  {"+ note text", true, true, false},
                                  {"+ label", true, true, true}};
    // The cases of the issue add their filter to the previous one; the single filters show each on its own.
    const std::vector<Case> extra{{"group + note only", false, true, false},
                                  {"group + label only", false, false, true}};

    std::vector<std::string> lines;
    char line[256];
    std::snprintf(line, sizeof line, "%-30s %-6s %9s %9s %9s %12s", "case", "path", "p50 ms", "p99 ms",
                  "max ms", "mean total");
    lines.push_back(line);

    auto store = store::openSqliteStore(databasePath(dir.string()));
    std::vector<Case> all = cases;
    all.insert(all.end(), extra.begin(), extra.end());
    for (const Case& c : all) {
        std::mt19937 random(7);
        std::vector<double> ms;
        double totals = 0;
        for (int i = 0; i < runs + 10; ++i) {
            const store::RecordingQuery query = makeQuery(data, c, random, nullptr);
            const auto started = Clock::now();
            const store::RecordingPage page = store->searchRecordings(query);
            const double elapsed = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
            if (i >= 10) {  // the first runs warm the page cache
                ms.push_back(elapsed);
                totals += static_cast<double>(page.total);
            }
        }
        const Stats s = summarise(ms, totals / runs);
        std::snprintf(line, sizeof line, "%-30s %-6s %9.2f %9.2f %9.2f %12.0f", c.name.c_str(), "store",
                      s.p50, s.p99, s.max, s.meanTotal);
        lines.push_back(line);
        std::cout << line << std::endl;
    }
    store.reset();

    if (https) {
        Server server;
        if (!startServer(data, server)) {
            std::cerr << "callvaultd did not start; see " << (dir / "bench-server.log") << "\n";
            return 1;
        }
        Curl curl;
        const std::string base = "https://127.0.0.1:" + std::to_string(server.port);
        std::string out;
        const std::string login = "benchadmin" + std::to_string(data.companyId);
        if (curl.request(base + "/api/v1/session", "",
                         std::string("{\"login\":\"") + login + "\",\"password\":\"" + kPassword + "\"}",
                         out) != 200) {
            std::cerr << "login failed: " << out << "\n";
            return 1;
        }
        const auto tokenAt = out.find("\"token\":\"");
        const std::string token = out.substr(tokenAt + 9, 64);
        for (const Case& c : cases) {
            std::mt19937 random(7);
            std::vector<double> ms;
            double totals = 0;
            for (int i = 0; i < runs + 10; ++i) {
                const store::RecordingQuery query = makeQuery(data, c, random, nullptr);
                const auto started = Clock::now();
                const long status = curl.request(base + queryString(query), token, "", out);
                const double elapsed =
                    std::chrono::duration<double, std::milli>(Clock::now() - started).count();
                if (status != 200) {
                    std::cerr << "search answered " << status << ": " << out.substr(0, 300) << "\n";
                    return 1;
                }
                if (i >= 10) {
                    ms.push_back(elapsed);
                    const auto at = out.rfind("\"total\":");
                    totals += at == std::string::npos ? 0 : std::stod(out.substr(at + 8, 20));
                }
            }
            const Stats s = summarise(ms, totals / runs);
            std::snprintf(line, sizeof line, "%-30s %-6s %9.2f %9.2f %9.2f %12.0f", c.name.c_str(), "https",
                          s.p50, s.p99, s.max, s.meanTotal);
            lines.push_back(line);
            std::cout << line << std::endl;
        }
    }

    double load[3] = {0, 0, 0};
    if (::getloadavg(load, 3) < 0)
        load[0] = -1;
    std::cout << "\n"
              << count << " recordings, " << runs << " queries a case (month windows at random in " << kDays
              << " days, limit 50, total counted), load average " << load[0] << " " << load[1] << " "
              << load[2] << "\n\n";
    for (const std::string& l : lines) {
        std::cout << l << "\n";
    }
    return 0;
}
