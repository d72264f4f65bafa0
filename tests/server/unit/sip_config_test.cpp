// The [sip] section of callvaultd.conf and its flags (server/app/config_loader.cpp).

#include "server/app/config_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace callvault::server {
namespace {

namespace fs = std::filesystem;

class SipConfigTest : public testing::Test {
protected:
    void TearDown() override {
        std::error_code ignored;
        fs::remove(m_path, ignored);
    }
    std::string writeFile(const std::string& content) {
        m_path = fs::temp_directory_path() / ("callvault-sip-" + std::to_string(std::random_device{}()) + ".conf");
        std::ofstream(m_path) << content;
        return m_path.string();
    }
    fs::path m_path;
};

TEST_F(SipConfigTest, DefaultsWorkForALocalDemo) {
    const auto result = loadConfig({});
    ASSERT_TRUE(result.ok()) << result.error;
    const auto& sip = result.config.sip;
    EXPECT_TRUE(sip.enabled);
    EXPECT_EQ(sip.address, "127.0.0.1");
    EXPECT_EQ(sip.port, 5060);
    EXPECT_TRUE(sip.downstream.empty());
    EXPECT_TRUE(sip.contacts.empty());
    EXPECT_EQ(sip.rtpPortMin, 20000);
    EXPECT_EQ(sip.rtpPortMax, 29999);
    EXPECT_EQ(sip.nodeId, "01");
}

TEST_F(SipConfigTest, FileAndFlagsSetEveryKeyAndContactsAddUp) {
    const auto path = writeFile(
        "[sip]\nenabled = yes\naddress = 0.0.0.0\nport = 5070\nadvertised-host = 192.0.2.5\n"
        "downstream = sip:192.0.2.20:5060;transport=tcp\ncontact = 21122560=sip:21122560@192.0.2.31:5060\n"
        "contact = 21122561=sip:21122561@192.0.2.32\nrtp-port-min = 30000\nrtp-port-max = 30999\nnode-id = 0A\n");
    const auto result =
        loadConfig({"--config", path, "--sip-contact", "+85255501234=sip:x@[2001:db8::1]:5062", "--sip-port", "0"});
    ASSERT_TRUE(result.ok()) << result.error;
    const auto& sip = result.config.sip;
    EXPECT_EQ(sip.address, "0.0.0.0");
    EXPECT_EQ(sip.port, 0);  // the flag wins
    EXPECT_EQ(sip.advertisedHost, "192.0.2.5");
    EXPECT_EQ(sip.downstream, "sip:192.0.2.20:5060;transport=tcp");
    ASSERT_EQ(sip.contacts.size(), 3U);
    EXPECT_EQ(sip.contacts.at("21122560"), "sip:21122560@192.0.2.31:5060");
    EXPECT_EQ(sip.contacts.at("21122561"), "sip:21122561@192.0.2.32");
    EXPECT_EQ(sip.contacts.at("+85255501234"), "sip:x@[2001:db8::1]:5062");
    EXPECT_EQ(sip.rtpPortMin, 30000);
    EXPECT_EQ(sip.rtpPortMax, 30999);
    EXPECT_EQ(sip.nodeId, "0A");
}

TEST_F(SipConfigTest, BadValuesAreRefusedNamingTheKey) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"--sip-downstream", "sip:pbx.example.com:5060"}, "--sip-downstream"},  // no DNS names
        {{"--sip-downstream", "http://192.0.2.1"}, "--sip-downstream"},
        {{"--sip-contact", "21122560"}, "--sip-contact"},
        {{"--sip-contact", "=sip:a@192.0.2.1"}, "--sip-contact"},
        {{"--sip-contact", "2112=sip:a@host.example"}, "--sip-contact"},
        {{"--node-id", "a1"}, "--node-id"},
        {{"--node-id", "ABC"}, "--node-id"},
        {{"--sip-port", "65536"}, "--sip-port"},
        {{"--sip-address", "localhost"}, "--sip-address"},
        {{"--rtp-port-min", "30000", "--rtp-port-max", "30002"}, "--rtp-port-min"},
    };
    for (const auto& [args, mentions] : cases) {
        const auto result = loadConfig(args);
        EXPECT_FALSE(result.ok()) << args.front() << " " << args.back();
        EXPECT_NE(result.error.find(mentions), std::string::npos) << result.error;
    }
    const auto path = writeFile("[sip]\ncontact = nonsense\n");
    const auto fromFile = loadConfig({"--config", path});
    EXPECT_FALSE(fromFile.ok());
    EXPECT_NE(fromFile.error.find("sip.contact"), std::string::npos) << fromFile.error;
}

}  // namespace
}  // namespace callvault::server
