// A stub Telegram Bot API that enforces Telegram's flood limits, for the dispatch
// benchmark (bench/dispatch-bench.sh). Listens on 127.0.0.1 only.
//
// sendMessage is accepted (200, {"ok":true,"result":{"message_id":N,…}}) unless it
// breaks one of the limits, counted over the messages accepted before it, by the time
// its request arrived (sliding windows):
//   - 30 messages in any second, over all chats;
//   - 1 message per second into one chat (private or group);
//   - 20 messages in any minute into one group (chat_id < 0), as well.
// Then it answers as Telegram does: HTTP 429, a Retry-After header and
//   {"ok":false,"error_code":429,"description":"Too Many Requests: retry after N",
//    "parameters":{"retry_after":N}}
// with N the whole seconds until the limit would let the message through (at least 1).
// SLACK_MS (environment, default 0) shortens every window by that many milliseconds, to
// see how much of a breach is only the jitter between planbot's send and our arrival.
// LATENCY_MS (default 0) holds every sendMessage answer back that long, as the network
// and Telegram's servers would (loopback answers in well under a millisecond).
//
// Other methods: getMe answers the bot, getUpdates holds the poll for its `timeout`
// (at most 25 s) and answers [], everything else {"ok":true,"result":true}.
// GET /stats answers the counts as JSON; POST /stats/reset zeroes them.
// Run: node bench/limited_stub_api.js <port>. Prints "limited_stub_api listening <port>"
// when ready and the stats on SIGTERM/SIGINT.
'use strict';
const http = require('node:http');

const port = Number(process.argv[2] || 18082);
const slackMs = Number(process.env.SLACK_MS || 0);
const latencyMs = Number(process.env.LATENCY_MS || 0);
const SECOND = 1000 - slackMs;
const MINUTE = 60000 - slackMs;
const TOTAL_PER_SECOND = 30;
const GROUP_PER_MINUTE = 20;

let stats;
let lastSecond; // arrival times (ms) of the messages accepted in the last second, oldest first
let chats; // chat_id -> { last, lastMinute: [] } for accepted messages
function reset() {
  stats = {
    accepted: 0,
    rejected_429: { all: 0, overall: 0, per_chat: 0, group: 0 },
    other_methods: {},
    first_accepted_ms: null,
    last_accepted_ms: null,
    max_in_one_second: 0,
    // Accepted messages that came before an earlier one of their chat, and ones that
    // came again: a message's order is the number after "nr. " in its text
    // (dispatch-bench.sh numbers its rows so).
    out_of_order: 0,
    repeated: 0,
  };
  lastSecond = [];
  chats = new Map();
}
reset();

const now = () => performance.timeOrigin + performance.now();

// How many ms `chatId` must still wait at `at`, and which limit holds it; 0 if none.
function wait(chatId, at) {
  while (lastSecond.length && at - lastSecond[0] >= SECOND) lastSecond.shift();
  let ms = 0, limit = null;
  const hold = (candidate, name) => { if (candidate > ms) { ms = candidate; limit = name; } };
  if (lastSecond.length >= TOTAL_PER_SECOND) hold(lastSecond[lastSecond.length - TOTAL_PER_SECOND] + SECOND - at, 'overall');
  const chat = chats.get(chatId);
  if (chat) {
    hold(chat.last + SECOND - at, 'per_chat');
    if (chatId.startsWith('-')) {
      while (chat.lastMinute.length && at - chat.lastMinute[0] >= MINUTE) chat.lastMinute.shift();
      if (chat.lastMinute.length >= GROUP_PER_MINUTE)
        hold(chat.lastMinute[chat.lastMinute.length - GROUP_PER_MINUTE] + MINUTE - at, 'group');
    }
  }
  return { ms, limit };
}

function accept(chatId, at) {
  lastSecond.push(at);
  stats.max_in_one_second = Math.max(stats.max_in_one_second, lastSecond.length);
  let chat = chats.get(chatId);
  if (!chat) chats.set(chatId, (chat = { last: 0, lastMinute: [] }));
  chat.last = at;
  if (chatId.startsWith('-')) chat.lastMinute.push(at);
  stats.accepted += 1;
  stats.first_accepted_ms ??= at;
  stats.last_accepted_ms = at;
}

// Writes the JSON answer, after `delayMs` (sendMessage: the simulated network).
function answer(response, status, body, { headers = {}, delayMs = 0 } = {}) {
  const text = JSON.stringify(body);
  const write = () => {
    if (response.destroyed) return;
    response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
    response.end(text);
  };
  if (delayMs > 0) setTimeout(write, delayMs);
  else write();
}

function sendMessage(response, body) {
  const at = now();
  const chatId = String(body.chat_id ?? '');
  if (!chatId || typeof body.text !== 'string' || body.text.length === 0) {
    return answer(response, 400, { ok: false, error_code: 400, description: 'Bad Request: chat_id and text are required' });
  }
  const held = wait(chatId, at);
  if (held.ms > 0) {
    const retryAfter = Math.max(1, Math.ceil(held.ms / 1000));
    stats.rejected_429.all += 1;
    stats.rejected_429[held.limit] += 1;
    return answer(response, 429, {
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${retryAfter}`,
      parameters: { retry_after: retryAfter },
    }, { headers: { 'Retry-After': String(retryAfter) }, delayMs: latencyMs });
  }
  accept(chatId, at);
  const numbered = /nr\. (\d+)/.exec(body.text);
  if (numbered) {
    const chat = chats.get(chatId);
    const number = Number(numbered[1]);
    if (chat.lastNumber !== undefined && number < chat.lastNumber) stats.out_of_order += 1;
    else if (number === chat.lastNumber) stats.repeated += 1;
    chat.lastNumber = Math.max(number, chat.lastNumber ?? number);
  }
  answer(response, 200, {
    ok: true,
    result: { message_id: stats.accepted, date: Math.floor(at / 1000), chat: { id: body.chat_id }, text: body.text },
  }, { delayMs: latencyMs });
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    if (request.url === '/stats' && request.method === 'GET') return answer(response, 200, stats);
    if (request.url === '/stats/reset' && request.method === 'POST') {
      reset();
      return answer(response, 200, { ok: true });
    }
    const match = /^\/bot[^/]+\/([A-Za-z]+)$/.exec(request.url);
    if (request.method !== 'POST' || !match) return answer(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const method = match[1];
    let body = {};
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text) body = JSON.parse(text);
    } catch {
      return answer(response, 400, { ok: false, error_code: 400, description: 'Bad Request: body is not JSON' });
    }
    if (method === 'sendMessage') return sendMessage(response, body);
    stats.other_methods[method] = (stats.other_methods[method] || 0) + 1;
    if (method === 'getMe') {
      return answer(response, 200, { ok: true, result: { id: 1, is_bot: true, first_name: 'planbot', username: 'planbot' } });
    }
    if (method === 'getUpdates') {
      // Like Telegram: an empty poll is held open for `timeout` seconds.
      const seconds = Math.min(25, Math.max(0, Number(body.timeout) || 0));
      const timer = setTimeout(() => answer(response, 200, { ok: true, result: [] }), seconds * 1000);
      response.on('close', () => clearTimeout(timer));
      return undefined;
    }
    return answer(response, 200, { ok: true, result: true });
  });
});
server.keepAliveTimeout = 60000;

function stop() {
  console.log(`limited_stub_api stats ${JSON.stringify(stats)}`);
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

server.listen(port, '127.0.0.1', () => console.log(`limited_stub_api listening ${port}`));
