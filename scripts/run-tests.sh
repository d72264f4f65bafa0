#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds with warnings as errors, runs every test,
# then builds the non-Qt tests again under AddressSanitizer + UndefinedBehaviorSanitizer and runs them.
# Usage: scripts/run-tests.sh        (build dirs: build-test/, build-asan/; CALLVAULT_SKIP_ASAN=1 skips the second pass)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh test

jobs=$(nproc)
# Most tests wait on sockets, timers and child servers rather than compute: twice the cores keeps the CPU
# busy. The telephony tests, which need the machine to themselves, are RUN_SERIAL whatever this says.
test_jobs=$((2 * jobs))
export CTEST_OUTPUT_ON_FAILURE=1

# Unity batches of 8 sources halve the compile time of both builds (cmake/Warnings.cmake says what they
# change); ordinary builds compile file by file.
unity=(-DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8)

start=$SECONDS
# -O2 without debug information: less compile time than RelWithDebInfo, the same code.
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DCALLVAULT_WERROR=ON "${unity[@]}"
cmake --build build-test -j"$jobs"
echo "== build: $((SECONDS - start)) s"
ctest --test-dir build-test -j"$test_jobs" --timeout 300
echo "== tests done: $((SECONDS - start)) s"

if [[ ${CALLVAULT_SKIP_ASAN:-0} != 1 ]]; then
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCALLVAULT_WERROR=ON -DCALLVAULT_SANITIZE=ON \
        -DCALLVAULT_BUILD_CLIENT=OFF -DCALLVAULT_BUILD_BENCH=OFF "${unity[@]}"
    cmake --build build-asan -j"$jobs"
    echo "== sanitizer build: $((SECONDS - start)) s"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build-asan -j"$test_jobs" --timeout 600
    echo "== sanitizer pass done: $((SECONDS - start)) s"
fi
