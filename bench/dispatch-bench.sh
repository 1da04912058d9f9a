#!/usr/bin/env bash
# Dispatch benchmark, all on 127.0.0.1 (run by hand): how fast planbot drains 10,000 due
# reminders into a Bot API that enforces Telegram's flood limits, and whether it ever
# trips them. Target (issue 5): zero 429 answers, a rate within 10% of the 30 messages/s
# limit (the limit, not planbot, is the bottleneck).
#
#   cmake -S . -B /tmp/bench-build -G Ninja -DCMAKE_BUILD_TYPE=Release -DPLANBOT_BUILD_TESTS=OFF
#   ninja -C /tmp/bench-build planbot
#   bench/dispatch-bench.sh                          # 10,000 reminders into 1,000 private chats
#   MESSAGES=3000 CHATS=100 GROUP_CHATS=20 bench/dispatch-bench.sh
#   LATENCY_MS=50 LANES=4 BENCH_DISPATCH=/tmp/bench-build/bench/bench_dispatch bench/dispatch-bench.sh
#
# Steps: start bench/limited_stub_api.js; start planbot once in polling mode (no public
# URL) so it creates and migrates its database, stop it; queue the reminders with the
# sqlite3 CLI as the scheduler would have queued them (pending outbox rows due now, in
# the shape telegram::outbox_messages gives a reminder: HTML text naming the holder, a
# ✅ Ferdig button), round-robin over CHATS private chats and GROUP_CHATS groups (the
# groups' share is kept under their 20-a-minute limit by giving them 1 in 50 rows);
# start planbot again (or, with LANES set, bench/dispatch_bench.cpp: the same Dispatcher
# over LANES connections, as planbot has one) and time it until the stub has accepted
# them all. The clock is
# held at a quiet time (a Tuesday 13:00) so the scheduler adds nothing of its own.
# Settings (environment): PLANBOT (binary), MESSAGES, CHATS, GROUP_CHATS, PORT, STUB_PORT,
# SLACK_MS and LATENCY_MS (see limited_stub_api.js), LANES and BENCH_DISPATCH (the
# driver's binary), OUT (logs and the database). Needs
# node, sqlite3, curl.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
PLANBOT=${PLANBOT:-/tmp/bench-build/bot/planbot}
MESSAGES=${MESSAGES:-10000}
CHATS=${CHATS:-1000}
# (not GROUPS: bash owns that name and ignores what the environment says)
GROUP_CHATS=${GROUP_CHATS:-0}
PORT=${PORT:-18090}
STUB_PORT=${STUB_PORT:-18091}
OUT=${OUT:-$(mktemp -d /tmp/planbot-dispatch-bench.XXXXXX)}
mkdir -p "$OUT"
LATENCY_MS=${LATENCY_MS:-0}
LANES=${LANES:-}
BENCH_DISPATCH=${BENCH_DISPATCH:-$(dirname "$PLANBOT")/../bench/bench_dispatch}
NOW_LOCAL=2026-03-17T13:00   # Europe/Oslo (CET): 12:00 UTC
NOW_EPOCH=$(date -u -d 2026-03-17T12:00:00Z +%s)

for tool in node sqlite3 curl; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y $tool)" >&2; exit 1; }
done
[[ -x $PLANBOT ]] || { echo "no planbot binary at $PLANBOT (set PLANBOT=...)" >&2; exit 1; }
[[ -z $LANES || -x $BENCH_DISPATCH ]] || { echo "no bench_dispatch at $BENCH_DISPATCH (set BENCH_DISPATCH=...)" >&2; exit 1; }
((CHATS > 0)) || { echo "CHATS must be at least 1" >&2; exit 1; }
DB=$OUT/planbot.db

stub_pid="" bot_pid=""
stop_all() {  # only the processes this script started, by pid
    for pid in $bot_pid $stub_pid; do kill -TERM "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT

ms_now() { date +%s%3N; }
stats() { curl -sf "http://127.0.0.1:$STUB_PORT/stats"; }
json_field() { node -e 'const s = JSON.parse(process.argv[1]); console.log(process.argv[2].split(".").reduce((o, k) => o[k], s))' "$1" "$2"; }

start_planbot() {  # $1: log file
    PLANBOT_TELEGRAM_TOKEN=123456:dispatch-bench \
    PLANBOT_TELEGRAM_API_URL=http://127.0.0.1:$STUB_PORT \
    PLANBOT_HTTP_LISTEN=127.0.0.1:$PORT \
    PLANBOT_DATABASE_PATH=$DB \
    PLANBOT_BOT_USERNAME=planbot \
    PLANBOT_BOT_NOW=$NOW_LOCAL \
    PLANBOT_LOG_LEVEL=warn \
        "$PLANBOT" >"$1" 2>&1 &
    bot_pid=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 0.1; done
    echo "planbot did not come up:" >&2; cat "$1" >&2; exit 1
}
stop_planbot() { kill -TERM "$bot_pid" 2>/dev/null || true; wait "$bot_pid" || true; bot_pid=""; }

echo "machine: $(nproc) cores, loadavg $(cut -d' ' -f1-3 /proc/loadavg), planbot $PLANBOT, output in $OUT"
echo "stub latency ${LATENCY_MS} ms; sender: $([[ -n $LANES ]] && echo "bench_dispatch with $LANES connections" || echo "planbot (its own connections)")"
SLACK_MS=${SLACK_MS:-0} LATENCY_MS=$LATENCY_MS node "$HERE/limited_stub_api.js" "$STUB_PORT" >"$OUT/stub.log" 2>&1 &
stub_pid=$!
for _ in $(seq 50); do grep -q listening "$OUT/stub.log" && break; sleep 0.1; done

start_planbot "$OUT/planbot-setup.log"
stop_planbot

# The reminders: row i goes to group (i / 50) % GROUPS when i % 50 == 0 and there are
# groups, else to private chat i % CHATS; due a minute ago.
sqlite3 "$DB" <<SQL
.timeout 5000
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $MESSAGES)
INSERT INTO outbox (platform, chat_id, text, parse_mode, reply_markup, status, not_before, created_at)
SELECT 'telegram',
       CASE WHEN $GROUP_CHATS > 0 AND i % 50 = 0 THEN CAST(-1009100000000 - (i / 50) % MAX($GROUP_CHATS, 1) AS TEXT)
            ELSE CAST(8100000000 + i % $CHATS AS TEXT) END,
       '⏰ <b>Påminnelse:</b> nr. ' || (101 + i) || ' «Oppgave ' || i || '» har frist i dag, tirsdag 17. mars.'
         || char(10) || 'Ansvar: Kasserer (@bruker' || (i % $CHATS) || ')',
       'HTML',
       '{"inline_keyboard":[[{"text":"✅ Ferdig","callback_data":"done:' || (101 + i) || '::"}]]}',
       'pending', $NOW_EPOCH - 60, $NOW_EPOCH - 60
FROM n;
SQL
queued=$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE status = 'pending'")
echo "queued $queued reminders: $CHATS private chats, $GROUP_CHATS groups"

curl -sf -X POST "http://127.0.0.1:$STUB_PORT/stats/reset" >/dev/null
started_ms=$(ms_now)
if [[ -n $LANES ]]; then
    "$BENCH_DISPATCH" "$DB" "http://127.0.0.1:$STUB_PORT" "$LANES" $((MESSAGES / 30 * 3 + 60)) >"$OUT/bench_dispatch.log" 2>&1 &
    bot_pid=$!
else
    start_planbot "$OUT/planbot.log"
fi
# Wait until the stub accepted them all; give up at three times the time the limit needs.
limit_s=$((MESSAGES / 30 * 3 + 60))
while :; do
    accepted=$(json_field "$(stats)" accepted)
    ((accepted >= MESSAGES)) && break
    (( $(ms_now) - started_ms > limit_s * 1000 )) && { echo "gave up after ${limit_s} s with $accepted accepted" >&2; break; }
    sleep 0.5
done
done_ms=$(ms_now)
final=$(stats)
stop_planbot

sent=$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE status = 'sent'")
pending=$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE status = 'pending'")
failed=$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE status = 'failed'")
retried=$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE attempts > 1")
node - "$final" "$started_ms" "$done_ms" "$MESSAGES" <<'JS' | tee "$OUT/summary.txt"
const [stats, startedMs, doneMs, messages] = [JSON.parse(process.argv[2]), Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5])];
const span = (stats.last_accepted_ms - stats.first_accepted_ms) / 1000;
const rate = span > 0 ? (stats.accepted - 1) / span : 0;
console.log(`stub.accepted=${stats.accepted} of ${messages}`);
const r = stats.rejected_429;
console.log(`stub.429_answers=${r.all} (30/s overall ${r.overall}, 1/s per chat ${r.per_chat}, 20/min per group ${r.group})`);
console.log(`stub.max_accepted_in_one_second=${stats.max_in_one_second}`);
console.log(`stub.out_of_order_in_their_chat=${stats.out_of_order} sent_again=${stats.repeated}`);
console.log(`rate.first_to_last_message=${rate.toFixed(2)} messages/s over ${span.toFixed(1)} s = ${(rate / 30 * 100).toFixed(1)}% of the 30/s limit`);
console.log(`time.planbot_start_to_last_message=${((stats.last_accepted_ms - startedMs) / 1000).toFixed(1)} s (polled until ${((doneMs - startedMs) / 1000).toFixed(1)} s)`);
console.log(`time.planbot_start_to_first_message=${((stats.first_accepted_ms - startedMs) / 1000).toFixed(2)} s`);
JS
echo "db.outbox sent=$sent pending=$pending failed=$failed retried(attempts>1)=$retried" | tee -a "$OUT/summary.txt"
