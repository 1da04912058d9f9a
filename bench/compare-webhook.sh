#!/usr/bin/env bash
# Two planbot builds side by side on the webhook benchmark (run by hand, all on
# 127.0.0.1): runs bench/run-webhook-bench.sh for BASE and NEW alternately, ROUNDS
# times each (BASE, NEW, BASE, NEW, ...), so that the machine's load falls on both
# alike, and prints one line per run: updates/s, p99, /healthz requests/s of the same
# process and the webhook's share of it, peak RSS and the commit check.
#
#   git worktree add /tmp/base-src <old commit>   # or: git archive <old commit> | tar -x -C /tmp/base-src
#   cmake -S /tmp/base-src -B /tmp/base-build -G Ninja -DCMAKE_BUILD_TYPE=Release -DPLANBOT_BUILD_TESTS=OFF
#   cmake -S . -B /tmp/new-build -G Ninja -DCMAKE_BUILD_TYPE=Release -DPLANBOT_BUILD_TESTS=OFF
#   ninja -C /tmp/base-build planbot && ninja -C /tmp/new-build planbot
#   BASE=/tmp/base-build/bot/planbot NEW=/tmp/new-build/bot/planbot bench/compare-webhook.sh
#
# Settings (environment): BASE, NEW (binaries), ROUNDS (3), CONNECTIONS ("16 64 256"),
# DURATION (20s), OUT; the rest goes through to run-webhook-bench.sh.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BASE=${BASE:?set BASE to the old planbot binary}
NEW=${NEW:?set NEW to the new planbot binary}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-"16 64 256"}
OUT=${OUT:-$(mktemp -d /tmp/planbot-compare.XXXXXX)}
mkdir -p "$OUT"

field() { sed -n "s/.*$1=\\([^ ]*\\).*/\\1/p" "$2" | head -1; }

echo "machine: $(nproc) cores, loadavg $(cut -d' ' -f1-3 /proc/loadavg); output in $OUT"
printf '%-5s %-4s %5s %10s %9s %10s %7s %8s %s\n' build run conns updates/s p99 healthz/s share rss_kb check
for round in $(seq "$ROUNDS"); do
    for which in base new; do
        binary=$BASE; [[ $which == new ]] && binary=$NEW
        dir=$OUT/$which-$round
        PLANBOT=$binary CONNECTIONS=$CONNECTIONS OUT=$dir "$HERE/run-webhook-bench.sh" >"$dir.log" 2>&1 ||
            { echo "$which round $round failed: see $dir.log" >&2; exit 1; }
        for connections in $CONNECTIONS; do
            summary=$dir/c$connections/summary.txt
            printf '%-5s %-4s %5s %10s %9s %10s %6s%% %8s %s\n' "$which" "$round" "$connections" \
                "$(field bench.requests_per_s "$summary")" "$(field bench.latency_p99_ms "$summary")ms" \
                "$(field healthz.requests_per_s "$summary")" "$(field webhook_share_of_healthz_percent "$summary")" \
                "$(field rss.peak_hwm_kb "$summary")" "$(field check "$summary")"
        done
    done
done
