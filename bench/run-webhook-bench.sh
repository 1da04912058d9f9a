#!/usr/bin/env bash
# Load benchmark of planbot's Telegram webhook, all on 127.0.0.1 (run by hand, not in CI).
#
#   cmake -S . -B /tmp/bench-build -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C /tmp/bench-build planbot
#   bench/run-webhook-bench.sh                       # wrk -t2 -d20s with 16, 64 and 256 connections
#   CONNECTIONS=64 DURATION=10s PERF=1 bench/run-webhook-bench.sh   # one run, profiled with perf
#
# For every connection count it starts, in a fresh directory, the stub Bot API
# (bench/stub_api.js) and planbot in webhook mode, waits for /healthz, measures idle
# RSS, runs wrk with bench/webhook_load.lua (bounded by -d), samples planbot's RSS and
# CPU during the load, stops planbot with SIGTERM and checks with sqlite3 that
# processed_updates holds every update that got a 2xx. After the webhook's run, with
# HEALTHZ=1 (the default), wrk loads GET /healthz of the same process with the same
# connections and duration: the HTTP stack's ceiling, and the webhook's share of it.
# Needs wrk, sqlite3, node, curl
# (apt-get install -y wrk sqlite3 nodejs curl) and, for PERF=1, linux-perf.
# Settings (environment): PLANBOT (binary), CONNECTIONS, DURATION, THREADS, PORT,
# STUB_PORT, OUT (where logs, databases and perf data go), PERF=1, PERF_CALLGRAPH (dwarf|fp), HEALTHZ,
# BENCH_PATH (see webhook_load.lua). Profile summary after PERF=1:
#   perf script -i OUT/c64/perf.data -F comm,ip,sym | bench/perf_breakdown.py
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
PLANBOT=${PLANBOT:-/tmp/bench-build/bot/planbot}
CONNECTIONS=${CONNECTIONS:-"16 64 256"}
DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
STUB_PORT=${STUB_PORT:-18081}
PERF=${PERF:-0}
HEALTHZ=${HEALTHZ:-1}
PERF_CALLGRAPH=${PERF_CALLGRAPH:-dwarf}
OUT=${OUT:-$(mktemp -d /tmp/planbot-bench.XXXXXX)}
SECRET=bench-secret-$$
TOKEN=123456:bench-token

for tool in wrk sqlite3 node curl; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y $tool)" >&2; exit 1; }
done
[[ -x $PLANBOT ]] || { echo "no planbot binary at $PLANBOT (set PLANBOT=...)" >&2; exit 1; }
seconds=${DURATION%s}  # wrk's -d in seconds ("20s" -> 20)

stub_pid="" bot_pid="" sampler_pid="" perf_pid=""
stop_all() {  # only the processes this script started, by pid
    for pid in $perf_pid $sampler_pid $bot_pid $stub_pid; do kill -TERM "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT

status_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }                       # utime + stime
sched_ns() { cat "/proc/$1/task/$1/schedstat"; }  # main thread: ns on cpu, ns runnable but waiting, slices
machine_busy() { awk '/^cpu / { print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9 }' /proc/stat; }  # busy total
ticks_per_s=$(getconf CLK_TCK)

run_one() {
    local connections=$1 dir="$OUT/c$connections"
    mkdir -p "$dir"
    echo "=== $connections connections, $THREADS wrk threads, $DURATION (output in $dir)"

    node "$HERE/stub_api.js" "$STUB_PORT" >"$dir/stub_api.log" 2>&1 &
    stub_pid=$!
    for _ in $(seq 50); do grep -q listening "$dir/stub_api.log" && break; sleep 0.1; done

    PLANBOT_TELEGRAM_TOKEN=$TOKEN \
    PLANBOT_TELEGRAM_API_URL=http://127.0.0.1:$STUB_PORT \
    PLANBOT_PUBLIC_URL=http://127.0.0.1:$PORT \
    PLANBOT_TELEGRAM_WEBHOOK_SECRET=$SECRET \
    PLANBOT_HTTP_LISTEN=127.0.0.1:$PORT \
    PLANBOT_DATABASE_PATH=$dir/planbot.db \
    PLANBOT_BOT_USERNAME=planbot \
    PLANBOT_LOG_LEVEL=warn \
        "$PLANBOT" >"$dir/planbot.log" 2>&1 &
    bot_pid=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
    curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "planbot did not come up:"; cat "$dir/planbot.log"; exit 1; }
    sleep 2  # let start-up (getMe, setWebhook, setMyCommands) finish
    local idle_kb; idle_kb=$(status_kb "$bot_pid" VmRSS)

    # RSS sampler: every 0.2 s while wrk runs (bounded: duration + 5 s).
    ( peak=0; end=$((SECONDS + seconds + 5))
      while ((SECONDS < end)) && kill -0 "$bot_pid" 2>/dev/null; do
          rss=$(status_kb "$bot_pid" VmRSS); ((rss > peak)) && peak=$rss; echo "$peak" >"$dir/rss_peak_kb"; sleep 0.2
      done ) &
    sampler_pid=$!
    if [[ $PERF == 1 ]]; then
        # Skip the first 2 s (connection set-up), record most of the steady state.
        ( sleep 2; exec perf record -e cpu-clock -F 499 --call-graph "$PERF_CALLGRAPH" -p "$bot_pid" \
              -o "$dir/perf.data" -- sleep $((seconds - 4)) ) >"$dir/perf-record.log" 2>&1 &
        perf_pid=$!
    fi

    local load_before; load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    local ticks0 stub0 busy0 sched0; ticks0=$(cpu_ticks "$bot_pid"); stub0=$(cpu_ticks "$stub_pid"); busy0=$(machine_busy)
    sched0=$(sched_ns "$bot_pid")
    BENCH_SECRET=$SECRET BENCH_UPDATE_ID_BASE=100000000 \
        wrk -t"$THREADS" -c"$connections" -d"$DURATION" -s "$HERE/webhook_load.lua" "http://127.0.0.1:$PORT" \
        | tee "$dir/wrk.txt"
    local ticks1 stub1 busy1 sched1; ticks1=$(cpu_ticks "$bot_pid"); stub1=$(cpu_ticks "$stub_pid"); busy1=$(machine_busy)
    sched1=$(sched_ns "$bot_pid")
    local load_after; load_after=$(cut -d' ' -f1-3 /proc/loadavg)
    local hwm_kb; hwm_kb=$(status_kb "$bot_pid" VmHWM)
    local pending; pending=$(curl -sf "http://127.0.0.1:$PORT/healthz" | sed -n 's/.*"outbox_pending":\([0-9-]*\).*/\1/p')
    [[ -n $perf_pid ]] && { wait "$perf_pid" || true; perf_pid=""; }
    wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""

    # The ceiling: the same process, the same connections and duration, on GET /healthz
    # (HTTP, the hop to the database's thread, SELECT 1, the pending count at most every
    # 2 s), right after the webhook's run: the dispatcher is still sending the replies
    # queued by then, at most 30 a second.
    local healthz_rps="" healthz_p99=""
    if [[ $HEALTHZ == 1 ]]; then
        wrk -t"$THREADS" -c"$connections" -d"$DURATION" --latency "http://127.0.0.1:$PORT/healthz" >"$dir/wrk-healthz.txt"
        healthz_rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' "$dir/wrk-healthz.txt")
        healthz_p99=$(awk '$1 == "99%" { print $2 }' "$dir/wrk-healthz.txt")
    fi
    sleep 3
    local after_kb; after_kb=$(status_kb "$bot_pid" VmRSS)

    kill -TERM "$bot_pid"; wait "$bot_pid" || true; bot_pid=""
    kill -TERM "$stub_pid"; wait "$stub_pid" || true; stub_pid=""

    # Every update that got a 2xx must be committed. Requests still in flight when wrk
    # stopped (at most one per connection) may be committed without wrk counting them.
    local processed outbox_total outbox_sent
    processed=$(sqlite3 "$dir/planbot.db" "SELECT count(*) FROM processed_updates")
    outbox_total=$(sqlite3 "$dir/planbot.db" "SELECT count(*) FROM outbox")
    outbox_sent=$(sqlite3 "$dir/planbot.db" "SELECT count(*) FROM outbox WHERE status = 'sent'")
    local ok generated; ok=$(sed -n 's/^bench.ok_2xx=//p' "$dir/wrk.txt"); generated=$(sed -n 's/^bench.generated=//p' "$dir/wrk.txt")
    local check=FAIL
    ((processed >= ok && processed - ok <= connections && processed <= generated)) && check=ok

    read -r b0 t0 <<<"$busy0"; read -r b1 t1 <<<"$busy1"
    read -r run0 wait0 _ <<<"$sched0"; read -r run1 wait1 _ <<<"$sched1"
    {
        echo "--- summary: $connections connections"
        grep '^bench\.' "$dir/wrk.txt"
        echo "planbot.cpu_percent=$(( (ticks1 - ticks0) * 100 / ticks_per_s / seconds ))  (both threads; 100 = one core)"
        echo "planbot.io_thread_on_cpu_percent=$(( (run1 - run0) / 10000000 / seconds )) runnable_but_waiting_for_a_core_percent=$(( (wait1 - wait0) / 10000000 / seconds ))"
        echo "stub_api.cpu_percent=$(( (stub1 - stub0) * 100 / ticks_per_s / seconds ))"
        echo "machine.busy_percent=$(( (b1 - b0) * 100 / (t1 - t0) ))  (all cores, everyone)"
        echo "machine.loadavg_before=$load_before after=$load_after"
        echo "rss.idle_before_kb=$idle_kb"
        echo "rss.peak_sampled_kb=$(cat "$dir/rss_peak_kb" 2>/dev/null || echo 0) rss.peak_hwm_kb=$hwm_kb"
        echo "rss.idle_after_load_kb=$after_kb  (after the /healthz run too)"
        echo "db.processed_updates=$processed wrk.ok_2xx=$ok wrk.generated=$generated check=$check"
        echo "db.outbox_rows=$outbox_total outbox.sent=$outbox_sent outbox.pending_at_end_of_load=$pending"
        echo "planbot.log_lines=$(wc -l <"$dir/planbot.log")"
        if [[ -n $healthz_rps ]]; then
            local webhook_rps; webhook_rps=$(sed -n 's/^bench.requests_per_s=//p' "$dir/wrk.txt")
            echo "healthz.requests_per_s=$healthz_rps healthz.latency_p99=$healthz_p99"
            if [[ ${webhook_rps%.*} =~ ^[0-9]+$ ]] && ((healthz_rps > 0)); then
                echo "webhook_share_of_healthz_percent=$(( ${webhook_rps%.*} * 100 / healthz_rps ))"
            fi
        fi
    } | tee "$dir/summary.txt"
}

echo "machine: $(nproc) cores, loadavg $(cut -d' ' -f1-3 /proc/loadavg), planbot $PLANBOT"
for connections in $CONNECTIONS; do run_one "$connections"; done
echo "=== all summaries in $OUT/c*/summary.txt"
