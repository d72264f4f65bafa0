#!/usr/bin/env bash
# One command for the call-load benchmark (bench/README.md): builds callvault_bench_call_load in a Release
# build folder if needed, prints the machine's load, then steps N concurrent recorded calls up until packets
# are lost or late and prints one table row per step.
#
#   bench/run-call-load.sh [--build-dir DIR] [--calls 100,200,400,600,700,800] [--seconds 10] [--threads 2]
#                          [--poll-us 0] [--audio synthetic|espeak] [--no-record] [--rt] [--perf OUT.txt]
#
# --rt runs the benchmark at real-time priority (chrt -f 10, root): on a machine shared with other work (a
# build, other tests) the relay's threads then run when their packets arrive instead of waiting for a time
# slice, as they would on a server doing nothing else. CPU figures are the benchmark's own either way.
# --perf records a CPU profile (perf record -g) of the run and writes the top of `perf report` to OUT.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build_dir=$root/build-bench
calls=100,200,400,600,700,800
seconds=10
threads=2
extra=()
perf_out=
prefix=()

while (($#)); do
    case $1 in
        --build-dir) build_dir=$2; shift 2 ;;
        --calls) calls=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --poll-us) extra+=(--poll-us "$2"); shift 2 ;;
        --audio) extra+=(--audio "$2"); shift 2 ;;
        --no-record) extra+=(--no-record); shift ;;
        --perf) perf_out=$2; shift 2 ;;
        --rt) prefix=(chrt -f 10); shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

bin=$build_dir/bench/callvault_bench_call_load
if [[ ! -x $bin ]]; then
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCALLVAULT_BUILD_CLIENT=OFF >/dev/null
    cmake --build "$build_dir" --target callvault_bench_call_load -j2
fi

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(uptime | sed 's/.*load average/load average/')"
echo "# net.core.rmem_max=$(cat /proc/sys/net/core/rmem_max) (caps each RTP socket's receive buffer)"
args=(--calls "$calls" --seconds "$seconds" --threads "$threads" "${extra[@]}")
if [[ -n $perf_out ]]; then
    data=$(mktemp /tmp/callvault-perf-XXXXXX.data)
    "${prefix[@]}" perf record -g -o "$data" -- "$bin" "${args[@]}"
    perf report -i "$data" --no-children --percent-limit 1 --stdio 2>/dev/null | head -120 >"$perf_out"
    perf report -i "$data" --no-children --sort pid,dso -g none --stdio 2>/dev/null | grep -v '^#' | head -30 \
        >>"$perf_out"
    rm -f "$data"
    echo "# profile: $perf_out"
else
    "${prefix[@]}" "$bin" "${args[@]}"
fi
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
