// A small command-line tool for the telephony tests: decodes a recording with the server's own MP3 decoder
// and checks its signature with the server's own scheme, so the Python harness needs no MP3 library.
//
//   telephony_probe decode MP3 OUT.wav        stereo 16-bit WAV of the decoded audio; prints rate, channels,
//                                             samples and the encoder delay
//   telephony_probe verify MP3 CALL_ID SIGNATURE_HEX PUBLIC_KEY_FILE
//                                             exit 0 when the signature holds, 1 when it does not

#include "common/crypto/signature.h"
#include "server/record/mp3_decoder.h"
#include "server/record/signing_key_store.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void put16(std::ostream& out, std::uint16_t v) {
    const char bytes[2] = {static_cast<char>(v & 0xFF), static_cast<char>(v >> 8)};
    out.write(bytes, 2);
}

void put32(std::ostream& out, std::uint32_t v) {
    put16(out, static_cast<std::uint16_t>(v & 0xFFFF));
    put16(out, static_cast<std::uint16_t>(v >> 16));
}

int decode(const std::string& mp3Path, const std::string& wavPath) {
    const std::string bytes = readFile(mp3Path);
    std::vector<std::int16_t> interleaved;
    int rate = 0;
    const auto info = callvault::server::record::decodeMp3(
        bytes, [&](const callvault::server::record::Mp3DecodeInfo& i, std::span<const std::int16_t> left,
                   std::span<const std::int16_t> right) {
            rate = i.sampleRate;
            for (std::size_t k = 0; k < left.size(); ++k) {
                interleaved.push_back(left[k]);
                interleaved.push_back(right[k]);
            }
        });
    std::ofstream out(wavPath, std::ios::binary);
    const auto dataBytes = static_cast<std::uint32_t>(interleaved.size() * 2);
    out.write("RIFF", 4);
    put32(out, 36 + dataBytes);
    out.write("WAVEfmt ", 8);
    put32(out, 16);
    put16(out, 1);
    put16(out, 2);
    put32(out, static_cast<std::uint32_t>(rate));
    put32(out, static_cast<std::uint32_t>(rate * 4));
    put16(out, 4);
    put16(out, 16);
    out.write("data", 4);
    put32(out, dataBytes);
    for (const auto sample : interleaved) {
        put16(out, static_cast<std::uint16_t>(sample));
    }
    std::cout << "rate: " << info.sampleRate << "\nchannels: " << info.channels << "\nsamples: " << info.samples
              << "\nencoder_delay: " << info.encoderDelay << "\nstopped_on_error: " << info.stoppedOnError << "\n";
    return out ? 0 : 2;
}

int verify(const std::string& mp3Path, const std::string& callId, const std::string& signature,
           const std::string& keyPath) {
    const auto key = callvault::server::record::parsePublicKey(readFile(keyPath));
    if (!key) {
        std::cerr << "no public key in " << keyPath << "\n";
        return 2;
    }
    const std::string bytes = readFile(mp3Path);
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    const auto digest = callvault::sha256(std::span<const std::uint8_t>(data, bytes.size()));
    const bool ok = callvault::verifyRecording(*key, callId, digest, signature);
    std::cout << (ok ? "signature: valid\n" : "signature: INVALID\n");
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv, argv + argc);
    try {
        if (args.size() == 4 && args[1] == "decode") {
            return decode(args[2], args[3]);
        }
        if (args.size() == 6 && args[1] == "verify") {
            return verify(args[2], args[3], args[4], args[5]);
        }
    } catch (const std::exception& e) {
        std::cerr << "telephony_probe: " << e.what() << "\n";
        return 2;
    }
    std::cerr << "usage: telephony_probe decode MP3 OUT.wav | verify MP3 CALL_ID SIGNATURE_HEX PUBLIC_KEY_FILE\n";
    return 2;
}
