// Load generator for planbot's two webhook paths, Telegram's and Slack's, with the same
// design as bench/webhook_load.lua (which wrk runs for Telegram alone): a fixed number of
// keep-alive connections, each sending its next request as soon as the previous one is
// answered, for a fixed time; the same mix of questions (80 % natural questions, 20 %
// «hjelp»), from 200 people in their private chats and in 20 groups (where they mention
// the bot). wrk cannot sign Slack's requests (its Lua has no HMAC), so both paths are
// loaded by this one Node client, and its own cost is the same for both but the HMAC.
//
//   node bench/platforms_load.mjs --url http://127.0.0.1:18080 --platform slack \
//        --connections 64 --duration 20 --slack-secret S --telegram-secret T --id-base 100000000
//
// Prints "bench.*" lines: requests/s, latency percentiles (ms), 2xx and other answers.
import http from 'node:http';
import crypto from 'node:crypto';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const url = new URL(args.url || 'http://127.0.0.1:18080');
const platform = args.platform || 'telegram';
const connections = Number(args.connections || 64);
const seconds = Number(args.duration || 20);
const idBase = Number(args['id-base'] || 100000000);

const questions = [
  'hva skjer i mai', 'ka skjer neste uke', 'når er fylkesårsmøtet?', 'hvem har ansvar for partiskatt',
  'kva skjer i helga', 'hva skjer i dag', 'hva skjer i morgen', 'hva skjer i mars 2027',
  'når er miljøprisen', 'hvem har ansvar for nr. 9', 'ka skjer i juni?', 'hva skjer neste måned',
  'Hva skjer i uke 12?', 'når er årsmøtet', 'hvem har ansvar for sosiale medier', 'hva skjer i år',
];
const names = ['Kari', 'Ola', 'Ingrid', 'Per', 'Siri', 'Jon', 'Marte', 'Lars', 'Åse', 'Øyvind'];

let next = idBase;
// One request: 80 % a question, 20 % «hjelp»; half in a private chat, half in a group.
function telegramBody(n) {
  const person = n % 200;
  const user = { id: 5000000000 + person * 7717, is_bot: false, first_name: names[person % names.length],
                 last_name: 'Nordmann', username: `medlem${person}`, language_code: 'nb' };
  const inGroup = n % 2 === 1;
  const chat = inGroup ? { id: -1001000000000 - (n % 20), title: `SV lokallag ${n % 20}`, type: 'supergroup' }
                       : { id: user.id, first_name: user.first_name, type: 'private' };
  const isHelp = n % 5 === 0;
  let text = isHelp ? '/hjelp' : questions[n % questions.length];
  const entities = [];
  if (inGroup && isHelp) { text = '/hjelp@planbot'; entities.push({ offset: 0, length: text.length, type: 'bot_command' }); }
  else if (isHelp) entities.push({ offset: 0, length: 6, type: 'bot_command' });
  else if (inGroup) { text = `@planbot ${text}`; entities.push({ offset: 0, length: 8, type: 'mention' }); }
  return JSON.stringify({ update_id: n, message: { message_id: n, from: user, chat, date: Math.floor(Date.now() / 1000),
                                                   text, ...(entities.length ? { entities } : {}) } });
}

function slackBody(n) {
  const person = n % 200;
  const user = `UMEDLEM${String(person).padStart(3, '0')}`;
  const inGroup = n % 2 === 1;
  const text = n % 5 === 0 ? 'hjelp' : questions[n % questions.length];
  const ts = `${Math.floor(Date.now() / 1000)}.${String(n % 1000000).padStart(6, '0')}`;
  const event = inGroup
    ? { type: 'app_mention', user, text: `<@UPLANBOT> ${text}`, ts, channel: `CLAG${String(n % 20).padStart(4, '0')}`, event_ts: ts }
    : { type: 'message', channel_type: 'im', user, text, ts, channel: `D${user.slice(1)}`, event_ts: ts };
  return JSON.stringify({ token: 'bench', team_id: 'TBENCH', api_app_id: 'ABENCH', event, type: 'event_callback',
                          event_id: `Ev${n}`, event_time: Math.floor(Date.now() / 1000),
                          authorizations: [{ user_id: 'UPLANBOT', is_bot: true, team_id: 'TBENCH' }] });
}

function request(agent) {
  const n = next++;
  const body = platform === 'slack' ? slackBody(n) : telegramBody(n);
  const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
  let path = '/telegram/webhook';
  if (platform === 'slack') {
    path = '/slack/events';
    const timestamp = String(Math.floor(Date.now() / 1000));
    headers['X-Slack-Request-Timestamp'] = timestamp;
    headers['X-Slack-Signature'] = 'v0=' + crypto.createHmac('sha256', args['slack-secret'] || '')
      .update(`v0:${timestamp}:${body}`).digest('hex');
  } else {
    headers['X-Telegram-Bot-Api-Secret-Token'] = args['telegram-secret'] || '';
  }
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: url.hostname, port: url.port, path, method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    req.end(body);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
let ok = 0, other = 0;
const end = Date.now() + seconds * 1000;
const started = Date.now();
await Promise.all(Array.from({ length: connections }, async () => {
  while (Date.now() < end) {
    const answer = await request(agent);
    if (answer.status >= 200 && answer.status < 300) { ok++; latencies.push(answer.ms); } else other++;
  }
}));
const elapsed = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : 0);
console.log(`bench.platform=${platform}`);
console.log(`bench.connections=${connections}`);
console.log(`bench.requests_per_s=${(ok / elapsed).toFixed(0)}`);
console.log(`bench.latency_ms_p50=${at(0.5).toFixed(2)} p90=${at(0.9).toFixed(2)} p99=${at(0.99).toFixed(2)} max=${at(1).toFixed(2)}`);
console.log(`bench.ok_2xx=${ok}`);
console.log(`bench.non_2xx=${other}`);
console.log(`bench.generated=${next - idBase}`);
agent.destroy();
