#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages CallVault needs to build, run and test.
# Only missing packages are installed; nothing happens when all are present.
# Usage: scripts/install-deps.sh [run|test|bench]
set -euo pipefail

mode=${1:-run}

build_packages=(
    build-essential cmake ninja-build pkg-config dpkg-dev git ca-certificates tzdata openssl
    libboost-dev libboost-program-options-dev libssl-dev libsqlite3-dev libsodium-dev
    nlohmann-json3-dev libcurl4-openssl-dev libgtest-dev
    libmp3lame-dev libmpg123-dev libosip2-dev
)
run_packages=(curl)
test_packages=(python3 python3-aiosmtpd curl)
# Telephony tests (tests/telephony): real SIP phones through callvaultd.
test_packages+=(baresip-core)
# The desktop client (CALLVAULT_BUILD_CLIENT, on by default): Qt 6.4 Widgets/Network/Multimedia/LinguistTools,
# SoundTouch for pitch-keeping playback speed; a CJK font so the zh-HK screens render in tests.
client_packages=(
    qt6-base-dev qt6-multimedia-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools libsoundtouch-dev
    libgl-dev libxkbcommon-dev
)
run_packages+=("${client_packages[@]}")
test_packages+=("${client_packages[@]}" fonts-droid-fallback)
# Benchmarks only (bench/README.md), never needed by the CI test set: SIPp for the SIP call-load run, perf for
# profiles, espeak-ng for speech with real attacks (--audio espeak).
bench_packages=(sip-tester linux-perf espeak-ng)

packages=("${build_packages[@]}" "${run_packages[@]}")
if [[ $mode == test ]]; then
    packages+=("${test_packages[@]}")
elif [[ $mode == bench ]]; then
    packages+=("${bench_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

echo "Installing missing packages: ${missing[*]}"
sudo=()
if ((EUID != 0)); then
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q -o DPkg::Lock::Timeout=900 --no-install-recommends "${missing[@]}"
