#!/usr/bin/env bash
# Telegram's and Slack's webhook paths side by side, in one planbot running both, all on
# 127.0.0.1 (run by hand, not in CI).
#
#   cmake -S . -B /tmp/bench-build -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C /tmp/bench-build planbot
#   bench/run-platforms-bench.sh                    # 16 and 64 connections, 20 s a path
#   CONNECTIONS=64 DURATION=10 bench/run-platforms-bench.sh
#
# Starts the stub API (bench/stub_api.js answers both Telegram's and Slack's methods)
# and planbot with both platforms configured, waits for /healthz, then for each
# connection count loads /telegram/webhook and then /slack/events with
# bench/platforms_load.mjs (the same client, the same mix, each Slack request signed),
# and checks with sqlite3 that every delivery answered 2xx is in processed_updates.
# Needs node, sqlite3 and curl.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
PLANBOT=${PLANBOT:-/tmp/bench-build/bot/planbot}
CONNECTIONS=${CONNECTIONS:-"16 64"}
DURATION=${DURATION:-20}
PORT=${PORT:-18080}
STUB_PORT=${STUB_PORT:-18081}
OUT=${OUT:-$(mktemp -d /tmp/planbot-platforms-bench.XXXXXX)}
TELEGRAM_SECRET=bench-secret-$$
SLACK_SECRET=bench-signing-secret-$$

for tool in sqlite3 node curl; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y $tool)" >&2; exit 1; }
done
[[ -x $PLANBOT ]] || { echo "no planbot binary at $PLANBOT (set PLANBOT=...)" >&2; exit 1; }

stub_pid="" bot_pid=""
stop_all() { for pid in $bot_pid $stub_pid; do kill -TERM "$pid" 2>/dev/null || true; done; }
trap stop_all EXIT

node "$HERE/stub_api.js" "$STUB_PORT" >"$OUT/stub_api.log" 2>&1 &
stub_pid=$!
for _ in $(seq 50); do grep -q listening "$OUT/stub_api.log" && break; sleep 0.1; done

PLANBOT_TELEGRAM_TOKEN=123456:bench-token \
PLANBOT_TELEGRAM_API_URL=http://127.0.0.1:$STUB_PORT \
PLANBOT_PUBLIC_URL=http://127.0.0.1:$PORT \
PLANBOT_TELEGRAM_WEBHOOK_SECRET=$TELEGRAM_SECRET \
PLANBOT_SLACK_BOT_TOKEN=xoxb-bench-token \
PLANBOT_SLACK_SIGNING_SECRET=$SLACK_SECRET \
PLANBOT_SLACK_API_URL=http://127.0.0.1:$STUB_PORT \
PLANBOT_HTTP_LISTEN=127.0.0.1:$PORT \
PLANBOT_DATABASE_PATH=$OUT/planbot.db \
PLANBOT_BOT_USERNAME=planbot \
PLANBOT_LOG_LEVEL=warn \
    "$PLANBOT" >"$OUT/planbot.log" 2>&1 &
bot_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null || { echo "planbot did not become ready:"; cat "$OUT/planbot.log"; exit 1; }

echo "machine: $(nproc) cores, loadavg $(cut -d' ' -f1-3 /proc/loadavg), planbot $PLANBOT, output in $OUT"
base=100000000
for connections in $CONNECTIONS; do
    for platform in telegram slack; do
        base=$((base + 100000000))
        node "$HERE/platforms_load.mjs" --url "http://127.0.0.1:$PORT" --platform "$platform" \
            --connections "$connections" --duration "$DURATION" --id-base "$base" \
            --telegram-secret "$TELEGRAM_SECRET" --slack-secret "$SLACK_SECRET" | tee "$OUT/$platform-c$connections.txt"
        sleep 3  # let the replies drain a little before the next run
    done
done

kill -TERM "$bot_pid"; wait "$bot_pid" || true; bot_pid=""
echo "--- committed deliveries by platform (every 2xx must be there)"
sqlite3 "$OUT/planbot.db" "SELECT platform, count(*) FROM processed_updates GROUP BY platform"
grep -h '^bench.ok_2xx' "$OUT"/*.txt | awk -F= '{ sum += $2 } END { print "answered 2xx in all: " sum }'
