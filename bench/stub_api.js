// A stub Telegram Bot API and Slack Web API for the load benchmarks
// (bench/run-webhook-bench.sh, bench/run-platforms-bench.sh). Listens on 127.0.0.1 only
// and answers every POST /bot<token>/<method> (Telegram):
//   getMe -> {"ok":true,"result":{"id":1,"is_bot":true,"first_name":"planbot","username":"planbot"}}
//   anything else -> {"ok":true,"result":{"message_id":N}} (N counts up)
// and every POST /api/<method> (Slack):
//   auth.test -> {"ok":true,"user_id":"UPLANBOT","team_id":"TBENCH","user":"planbot"}
//   users.info -> a person named «Medlem <id>»
//   anything else -> {"ok":true,"channel":<the body's channel>,"ts":"1700000000.N"}
// Run: node bench/stub_api.js <port>. Prints "stub_api listening <port>" when ready and,
// on SIGTERM/SIGINT, how many calls of each method it answered.
'use strict';
const http = require('node:http');

const port = Number(process.argv[2] || 18081);
const counts = {};
let messageId = 0;

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const slack = /^\/api\/([A-Za-z.]+)$/.exec(request.url);
    const match = slack || /^\/bot[^/]+\/([A-Za-z]+)$/.exec(request.url);
    const method = match ? match[1] : null;
    let status = 200;
    let body;
    if (slack && request.method === 'POST') {
      if (method === 'auth.test') {
        body = { ok: true, user_id: 'UPLANBOT', team_id: 'TBENCH', user: 'planbot' };
      } else if (method === 'users.info') {
        const id = new URLSearchParams(Buffer.concat(chunks).toString()).get('user') || 'U0';
        body = { ok: true, user: { id, name: id.toLowerCase(), real_name: `Medlem ${id}`,
                                   profile: { first_name: 'Medlem', last_name: id, real_name: `Medlem ${id}` } } };
      } else {
        let channel = 'C0';
        try { channel = JSON.parse(Buffer.concat(chunks).toString()).channel || channel; } catch (_) { /* not JSON */ }
        body = { ok: true, channel, ts: `1700000000.${String(++messageId).padStart(6, '0')}` };
      }
    } else if (request.method !== 'POST' || !method) {
      status = 404;
      body = { ok: false, error_code: 404, description: 'Not Found' };
    } else if (method === 'getMe') {
      body = { ok: true, result: { id: 1, is_bot: true, first_name: 'planbot', username: 'planbot' } };
    } else {
      body = { ok: true, result: { message_id: ++messageId } };
    }
    counts[method || 'other'] = (counts[method || 'other'] || 0) + 1;
    const text = JSON.stringify(body);
    response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
  });
});
server.keepAliveTimeout = 60000;

function stop() {
  console.log(`stub_api calls ${JSON.stringify(counts)}`);
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

server.listen(port, '127.0.0.1', () => console.log(`stub_api listening ${port}`));
