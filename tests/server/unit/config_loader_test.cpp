#include "server/app/config_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace callvault::server {
namespace {

namespace fs = std::filesystem;

class ConfigLoaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("callvault-config-" + std::to_string(std::random_device()()));
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string writeFile(const std::string& content) {
        const auto path = m_dir / "callvaultd.conf";
        std::ofstream(path) << content;
        return path.string();
    }

    fs::path m_dir;
};

/// Every field but the data directory, which the packaged file points at the systemd state directory.
void expectDefaultsButDataDir(const Config& c) {
    const Config d;
    EXPECT_EQ(c.apiAddress, d.apiAddress);
    EXPECT_EQ(c.apiPort, d.apiPort);
    EXPECT_EQ(c.tlsCert, d.tlsCert);
    EXPECT_EQ(c.tlsKey, d.tlsKey);
    EXPECT_EQ(c.threads, d.threads);
    EXPECT_EQ(c.sessionIdleSeconds, d.sessionIdleSeconds);
    EXPECT_EQ(c.maxBodyBytes, d.maxBodyBytes);
    EXPECT_EQ(c.readTimeoutSeconds, d.readTimeoutSeconds);
    EXPECT_EQ(c.maxFailedLogins, d.maxFailedLogins);
    EXPECT_EQ(c.lockoutSeconds, d.lockoutSeconds);
    EXPECT_EQ(c.smtp.url, d.smtp.url);
    EXPECT_EQ(c.smtp.from, d.smtp.from);
    EXPECT_EQ(c.smtp.username, d.smtp.username);
    EXPECT_EQ(c.smtp.password, d.smtp.password);
    EXPECT_EQ(c.smtp.requireTls, d.smtp.requireTls);
    EXPECT_EQ(c.readyFile, d.readyFile);
    EXPECT_EQ(c.logLevel, d.logLevel);
}

TEST_F(ConfigLoaderTest, NoArgumentsGivesTheDefaults) {
    const auto result = loadConfig({});
    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.action, StartAction::Run);
    expectDefaultsButDataDir(result.config);
    EXPECT_EQ(result.config.dataDir, "./callvault-data");
    EXPECT_EQ(result.config.apiPort, 8443);
    EXPECT_EQ(result.config.maxBodyBytes, 1U << 20);
}

TEST_F(ConfigLoaderTest, ShippedConfigFileHoldsEveryKeyWithItsDefault) {
    const auto shipped = fs::path(__FILE__).parent_path() / "../../../resources/callvaultd.conf";
    ASSERT_TRUE(fs::exists(shipped)) << shipped;
    const auto result = loadConfig({"--config", shipped.string()});
    ASSERT_TRUE(result.ok()) << result.error;
    expectDefaultsButDataDir(result.config);
    EXPECT_EQ(result.config.dataDir, "/var/lib/callvault");

    std::ifstream in(shipped);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string text = content.str();
    for (const auto& flag : configFlags()) {
        const auto key = configFileKey(flag);
        ASSERT_FALSE(key.empty()) << flag;
        const auto bare = key.substr(key.find('.') == std::string::npos ? 0 : key.find('.') + 1);
        EXPECT_NE(text.find("\n" + bare + " ="), std::string::npos) << "missing key " << key;
    }
}

TEST_F(ConfigLoaderTest, FileSetsEveryKey) {
    const auto path = writeFile(
        "data-dir = /srv/cv\nthreads = 3\nlog-level = debug\nready-file = /run/cv.ready\n"
        "[api]\naddress = ::1\nport = 9443\ntls-cert = /etc/cv.crt\ntls-key = /etc/cv.key\n"
        "max-body-bytes = 4096\nread-timeout-seconds = 7\n"
        "[auth]\nsession-idle-seconds = 600\nmax-failed-logins = 3\nlockout-seconds = 60\n"
        "[smtp]\nurl = smtp://127.0.0.1:2525\nfrom = cv@example.com\nuser = bob\npassword = pw\n"
        "require-tls = yes\n");
    const auto result = loadConfig({"--config", path});
    ASSERT_TRUE(result.ok()) << result.error;
    const auto& c = result.config;
    EXPECT_EQ(c.dataDir, "/srv/cv");
    EXPECT_EQ(c.threads, 3U);
    EXPECT_EQ(c.logLevel, "debug");
    EXPECT_EQ(c.readyFile, "/run/cv.ready");
    EXPECT_EQ(c.apiAddress, "::1");
    EXPECT_EQ(c.apiPort, 9443);
    EXPECT_EQ(c.tlsCert, "/etc/cv.crt");
    EXPECT_EQ(c.tlsKey, "/etc/cv.key");
    EXPECT_EQ(c.maxBodyBytes, 4096U);
    EXPECT_EQ(c.readTimeoutSeconds, 7);
    EXPECT_EQ(c.sessionIdleSeconds, 600);
    EXPECT_EQ(c.maxFailedLogins, 3);
    EXPECT_EQ(c.lockoutSeconds, 60);
    EXPECT_EQ(c.smtp.url, "smtp://127.0.0.1:2525");
    EXPECT_EQ(c.smtp.from, "cv@example.com");
    EXPECT_EQ(c.smtp.username, "bob");
    EXPECT_EQ(c.smtp.password, "pw");
    EXPECT_TRUE(c.smtp.requireTls);
}

TEST_F(ConfigLoaderTest, FlagsOverrideTheFileWhateverTheirOrder) {
    const auto path = writeFile("data-dir = /from/file\n[api]\nport = 9443\naddress = 0.0.0.0\n");
    const auto result = loadConfig({"--api-port", "10443", "--config", path, "--smtp-require-tls"});
    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.config.apiPort, 10443);         // flag wins
    EXPECT_EQ(result.config.dataDir, "/from/file");  // file wins over the default
    EXPECT_EQ(result.config.apiAddress, "0.0.0.0");
    EXPECT_TRUE(result.config.smtp.requireTls);  // bare flag means true
}

TEST_F(ConfigLoaderTest, EveryFlagIsAccepted) {
    const auto result =
        loadConfig({"--data-dir=/d", "--api-address=10.0.0.5", "--api-port=0", "--tls-cert=/c",
                    "--tls-key=/k", "--threads=2", "--session-idle-seconds=120", "--max-body-bytes=2048",
                    "--read-timeout-seconds=5", "--max-failed-logins=9", "--lockout-seconds=30",
                    "--smtp-url=smtps://mail.example.com", "--smtp-from=a@b.c", "--smtp-user=u",
                    "--smtp-password=p", "--smtp-require-tls=false", "--ready-file=/r", "--log-level=error"});
    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.config.apiPort, 0);
    EXPECT_EQ(result.config.apiAddress, "10.0.0.5");
    EXPECT_EQ(result.config.maxFailedLogins, 9);
    EXPECT_EQ(result.config.smtp.url, "smtps://mail.example.com");
    EXPECT_FALSE(result.config.smtp.requireTls);
    EXPECT_EQ(result.config.logLevel, "error");
}

TEST_F(ConfigLoaderTest, HelpAndVersion) {
    const auto help = loadConfig({"--help"});
    ASSERT_TRUE(help.ok());
    EXPECT_EQ(help.action, StartAction::ShowHelp);
    for (const auto& flag : configFlags()) {
        EXPECT_NE(help.text.find("--" + flag), std::string::npos) << flag;
    }
    const auto version = loadConfig({"--version"});
    ASSERT_TRUE(version.ok());
    EXPECT_EQ(version.action, StartAction::ShowVersion);
    EXPECT_NE(version.text.find(std::string(versionString())), std::string::npos);
}

struct BadCase {
    std::vector<std::string> args;
    std::string mentions;  ///< the error must name what is wrong
};

TEST_F(ConfigLoaderTest, BadFlagsAreRefusedWithAClearMessage) {
    const std::vector<BadCase> cases{
        {{"--no-such-option"}, "no-such-option"},
        {{"stray"}, "stray"},
        {{"--api-port"}, "api-port"},
        {{"--api-port", "65536"}, "--api-port"},
        {{"--api-port=-1"}, "--api-port"},
        {{"--api-port", "80x"}, "not a whole number"},
        {{"--api-port", "abc"}, "not a whole number"},
        {{"--api-port", ""}, "--api-port"},
        {{"--api-address", "localhost.example"}, "--api-address"},
        {{"--api-address", "999.1.1.1"}, "--api-address"},
        {{"--data-dir", ""}, "--data-dir"},
        {{"--threads", "-2"}, "--threads"},
        {{"--threads", "1000"}, "--threads"},
        {{"--session-idle-seconds", "0"}, "--session-idle-seconds"},
        {{"--max-body-bytes", "12"}, "--max-body-bytes"},
        {{"--max-body-bytes", "1e6"}, "--max-body-bytes"},
        {{"--read-timeout-seconds", "0"}, "--read-timeout-seconds"},
        {{"--max-failed-logins", "0"}, "--max-failed-logins"},
        {{"--lockout-seconds", "x"}, "--lockout-seconds"},
        {{"--smtp-url", "http://mail"}, "--smtp-url"},
        {{"--smtp-require-tls=maybe"}, "--smtp-require-tls"},
        {{"--log-level", "verbose"}, "--log-level"},
        {{"--tls-cert", "/only/cert"}, "--tls-key"},
        {{"--api-port", "1", "--api-port", "2"}, "api-port"},
        {{"--config", "/nonexistent/callvaultd.conf"}, "/nonexistent/callvaultd.conf"},
    };
    for (const auto& bad : cases) {
        const auto result = loadConfig(bad.args);
        EXPECT_FALSE(result.ok()) << bad.args.front();
        EXPECT_NE(result.error.find(bad.mentions), std::string::npos)
            << "error '" << result.error << "' does not mention " << bad.mentions;
    }
}

TEST_F(ConfigLoaderTest, BadFileValuesAreRefusedNamingTheKey) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"[api]\nport = 70000\n", "api.port"},
        {"[api]\nport = eighty\n", "api.port"},
        {"[api]\nbogus = 1\n", "bogus"},
        {"unknown-key = 1\n", "unknown-key"},
        {"[auth]\nmax-failed-logins = -5\n", "auth.max-failed-logins"},
        {"[smtp]\nrequire-tls = perhaps\n", "smtp.require-tls"},
        {"log-level = loud\n", "log-level"},
    };
    for (const auto& [content, mentions] : cases) {
        const auto path = writeFile(content);
        const auto result = loadConfig({"--config", path});
        EXPECT_FALSE(result.ok()) << content;
        EXPECT_NE(result.error.find(mentions), std::string::npos)
            << "error '" << result.error << "' does not mention " << mentions;
    }
}

TEST_F(ConfigLoaderTest, FlagCannotRescueABadFile) {
    const auto path = writeFile("[api]\nport = 70000\n");
    EXPECT_FALSE(loadConfig({"--config", path, "--api-port", "8443"}).ok());
}

}  // namespace
}  // namespace callvault::server
