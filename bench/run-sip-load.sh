#!/usr/bin/env bash
# Call load through the whole server (bench/README.md): SIPp (Debian sip-tester) calls a recorded user number
# through callvaultd's B2BUA; the callee is a second SIPp that echoes the RTP back (-rtp_echo), so every call
# carries real-rate G.711 both ways through the relay and is recorded. Prints one table row per N.
#
#   bench/run-sip-load.sh [--callvaultd PATH] [--calls 50,100,200] [--hold 10] [--rt] [--base-port 25000]
#
# Figures: callvaultd's own CPU (/proc/PID/stat) per call-second and RSS per call, its metrics (packets in and
# out, losses, late packets, recordings), UDP receive-buffer drops (machine-wide) and, from its log, the time
# from hang-up to the CDR row (the "media ended" line is written once the row is stored).
# Needs: sipp, sox, curl (scripts/install-deps.sh bench; sox from peers/README.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
callvaultd=$root/build-bench/server/callvaultd
calls=50,100,200
hold=10
base=25000
prefix=()
while (($#)); do
    case $1 in
        --callvaultd) callvaultd=$2; shift 2 ;;
        --calls) calls=$2; shift 2 ;;
        --hold) hold=$2; shift 2 ;;
        --base-port) base=$2; shift 2 ;;
        --rt) prefix=(chrt -f 10); shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
if [[ ! -x $callvaultd ]]; then
    cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCALLVAULT_BUILD_CLIENT=OFF >/dev/null
    cmake --build "$root/build-bench" --target callvaultd -j2
fi

work=$(mktemp -d /tmp/callvault-sipload-XXXXXX)
server_pid=
uas_pid=
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
    [[ -n $uas_pid ]] && kill "$uas_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# 440 Hz with a noise floor, u-law: the recorder's encoder works on it (a bare tone would be cheaper).
sox -n -r 8000 -c 1 "$work/a.wav" synth 20 sine 440 vol 0.4 : synth 20 pinknoise vol 0.05 2>/dev/null ||
    sox -n -r 8000 -c 1 "$work/a.wav" synth 20 sine 440 vol 0.4
sox "$work/a.wav" -t ul "$work/a.ul"

rcvbuf_errors() { awk '/^Udp:/ { n++; if (n == 2) print $6 }' /proc/net/snmp; }
# Datagrams dropped at callvaultd's own RTP sockets (ports [$1, $2]): the last column of /proc/net/udp.
relay_drops() {
    local total=0 line port
    while read -r line; do
        port=${line%% *}
        ((16#$port >= $1 && 16#$port <= $2)) && total=$((total + ${line##* }))
    done < <(awk 'NR > 1 { split($2, a, ":"); print a[2], $NF }' /proc/net/udp)
    echo "$total"
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
metric() { curl -sk "https://127.0.0.1:$api/metrics" | awk -v m="$1" '$1 == m { print $2 }'; }

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# each call: SIPp caller -> callvaultd (B2BUA, relay, recording) -> SIPp callee echoing RTP; ${hold} s of RTP"
echo "| calls | callvaultd CPU % of 2 cores | ms CPU per call-s | RSS KiB per call | RTP in | RTP out | lost | drops at callvaultd's sockets | drops elsewhere | recorder late | recordings | hang-up to CDR p50 / max ms | SIPp failed calls |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
tick=$(getconf CLK_TCK)
IFS=, read -ra steps <<<"$calls"
for n in "${steps[@]}"; do
    data=$work/data-$n
    mkdir -p "$data"
    "$callvaultd" admin create-company --data-dir "$data" --name Bench --retention-days 90 --time-zone UTC >/dev/null
    "$callvaultd" admin create-admin --data-dir "$data" --company 1 --login bench1 --name Bench >/dev/null
    "$callvaultd" admin add-number --data-dir "$data" --company 1 --number 21120000 --functions inbound,outbound \
        --effective-date 2020-01-01 --user bench1 --activated >/dev/null
    "${prefix[@]}" "$callvaultd" --data-dir "$data" --api-port 0 --sip-port $((base + 60)) \
        --rtp-port-min $((base + 2000)) --rtp-port-max $((base + 2000 + 4 * n + 99)) \
        --sip-contact "21120000=sip:uas@127.0.0.1:$((base + 70))" --ready-file "$data/ready" \
        >"$data/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do [[ -s $data/ready ]] && break; sleep 0.1; done
    api=$(cat "$data/ready")
    uas_pid=$(cd "$data" && "${prefix[@]}" sipp -sn uas -i 127.0.0.1 -p $((base + 70)) -mp $((base + 100)) -rtp_echo \
        -nostdin -bg 2>&1 | sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' || true)
    sed "s|@RTPFILE@|$work/a.ul|; s|@HOLDMS@|$((hold * 1000))|" "$here/sipp/uac-rtp.xml" >"$data/uac.xml"

    drops0=$(rcvbuf_errors); cpu0=$(cpu_ticks "$server_pid"); rss0=$(awk '/VmRSS/ { print $2 }' "/proc/$server_pid/status")
    rss_peak=$rss0
    rtp_lo=$((base + 2000)); rtp_hi=$((base + 2000 + 4 * n + 99)); relay_dropped=0
    (cd "$data" && "${prefix[@]}" sipp 127.0.0.1:$((base + 60)) -sf "$data/uac.xml" -s 21120000 -i 127.0.0.1 \
        -p $((base + 50)) -mp $((base + 200)) -l "$n" -m "$n" -r 200 -nostdin -timeout $((hold + 60)) \
        -timeout_error -trace_stat -stf "$data/uac.csv" >"$data/uac.out" 2>&1) &
    sipp_pid=$!
    while kill -0 "$sipp_pid" 2>/dev/null; do
        rss=$(awk '/VmRSS/ { print $2 }' "/proc/$server_pid/status")
        ((rss > rss_peak)) && rss_peak=$rss
        d=$(relay_drops "$rtp_lo" "$rtp_hi")
        ((d > relay_dropped)) && relay_dropped=$d
        sleep 0.5
    done
    wait "$sipp_pid" || true
    for _ in $(seq 200); do
        [[ $(metric callvault_recordings_written_total) -ge $n ]] && break
        sleep 0.1
    done
    cpu1=$(cpu_ticks "$server_pid"); drops1=$(rcvbuf_errors)
    in=$(metric callvault_rtp_packets_received_total); out=$(metric callvault_rtp_packets_sent_total)
    late=$(metric callvault_rtp_late_packets_total); lost=$(metric callvault_rtp_lost_packets_total)
    written=$(metric callvault_recordings_written_total)
    failed=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FailedCall(C)") c = i } END { print $c }' \
        "$data/uac.csv" 2>/dev/null || echo '?')
    cdr=$(awk '
        / recording [0-9A-Z]+ started/ { split($1, t, "T"); split(t[2], h, ":"); s[$6] = h[1]*3600 + h[2]*60 + h[3] }
        / media ended: / { split($1, t, "T"); split(t[2], h, ":"); e = h[1]*3600 + h[2]*60 + h[3]
                            for (i = 1; i <= NF; i++) if ($i == "recorded" && ($(i+1) in s))
                                print int((e - s[$(i+1)] - $(i+2) / 1000) * 1000) }' "$data/server.log" |
        sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "%d / %d", v[int((NR+1)/2)], v[NR]; else printf "-" }')
    cpu_ms=$(( (cpu1 - cpu0) * 1000 / tick ))
    wall_ms=$(( (hold + 2) * 1000 ))
    awk -v n="$n" -v cpu="$cpu_ms" -v hold="$hold" -v wall="$wall_ms" -v rss=$((rss_peak - rss0)) \
        -v in_="$in" -v out="$out" -v rdrops="$relay_dropped" -v drops=$((drops1 - drops0 - relay_dropped)) \
        -v late="$late" -v lost="$lost" \
        -v written="$written" -v cdr="$cdr" -v failed="${failed:-?}" 'BEGIN {
        printf "| %d | %.1f | %.2f | %.0f | %d | %d | %d | %d | %d | %d | %d | %s | %s |\n", n, cpu / wall * 50,
            cpu / (n * hold), rss / n, in_, out, lost + (in_ - out), rdrops, drops, late, written, cdr, failed }'
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
    kill "$uas_pid" 2>/dev/null || true; uas_pid=
done
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
