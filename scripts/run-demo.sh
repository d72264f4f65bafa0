#!/usr/bin/env bash
# Runs CallVault locally: installs what is missing, builds, provisions a demo company in a fresh data
# directory and starts callvaultd in the foreground (Ctrl-C stops it).
# Usage: scripts/run-demo.sh [port]      (data: ./demo-data, replaced on every run; build: ./build)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=${1:-8443}
data="$root/demo-data"

scripts/install-deps.sh run
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCALLVAULT_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target callvaultd callvault
daemon=build/server/callvaultd
client=build/client/callvault

# Only a folder this script made is ever removed.
if [[ -d $data ]]; then
    if [[ ! -f $data/.callvault-demo ]]; then
        echo "refusing to replace $data: it was not made by this script" >&2
        exit 1
    fi
    rm -rf "$data"
fi
mkdir -p "$data"
touch "$data/.callvault-demo"

admin() { "$daemon" admin "$@" --data-dir "$data"; }
value() { sed -n "s/^$1: //p"; }

company=$(admin create-company --name "Demo Trading Ltd" --retention-days 180 --time-zone Asia/Hong_Kong |
    value company_id)
credentials=$(admin create-admin --company "$company" --login admin --name "Demo Admin")
password=$(value one_time_password <<<"$credentials")
admin add-number --company "$company" --number 21122560 --functions inbound,outbound \
    --effective-date "$(date +%F)" --user admin --activated >/dev/null
admin add-number --company "$company" --number 21122561 --functions inbound \
    --effective-date "$(date -d '+7 days' +%F)" >/dev/null
# A month of realistic recordings (real signed MP3s, notes in English and Chinese) to search and play.
admin seed-recordings --company "$company" --count 300 --days 30 >/dev/null

cat <<INFO

  CallVault demo
  --------------
  API:       https://127.0.0.1:$port/api/v1/   (self-signed certificate: $data/tls/server.crt)
  SIP:       udp/tcp 127.0.0.1:5060 (calls to and from 21122560 are recorded; docs/sip.md)
  Company:   Demo Trading Ltd (id $company), user numbers 21122560 and 21122561, 300 seeded recordings
  Log in:    login "admin", one-time password "$password" (you must change it at first login)

  Desktop client (in another terminal): $client
    server https://127.0.0.1:$port; accept the certificate fingerprint printed below.

  Try it:
    curl --cacert $data/tls/server.crt https://127.0.0.1:$port/api/v1/health
    curl --cacert $data/tls/server.crt -H 'Content-Type: application/json' \\
         -d '{"login":"admin","password":"$password"}' https://127.0.0.1:$port/api/v1/session

INFO
exec "$daemon" --data-dir "$data" --api-address 127.0.0.1 --api-port "$port"
