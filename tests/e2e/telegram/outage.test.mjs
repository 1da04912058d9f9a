// Outage test: the Bot API fails for ten minutes of planbot's clock (a fast clock, ten
// times real time) while reminders fall due and users keep writing: two minutes each of
// 500, 502, connection resets, a hanging connection and 429 with retry_after. Planbot
// must back off per platform (a probe at growing intervals, not a retry per message),
// honour retry_after for every chat, answer the webhook normally all along, and after
// the outage deliver everything due exactly once, in order per chat. A second test
// hangs one chat's requests while the platform is otherwise fine: the other chats and
// the webhook go on.
//
// Between planbot and the emulator sits a stand-in that forwards to the emulator or
// fails each call as its mode says, and records every call.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 outage.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { test } from 'node:test';
import { startEmulator } from './emulator.mjs';
import { freePort, makeTempDir, postUpdate, removeDir, startPlanbot } from './planbot.mjs';
import { httpRequest, sleep, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-outage';
const SECRET = 'e2e-outage-secret_8Kd';
const RATE = 10;                                   // the clock runs ten times real time
const PHASES = ['500', '502', 'reset', 'hang', '429'];
const PHASE_MS = (2 * 60 * 1000) / RATE;           // two minutes of planbot's clock each
const RETRY_AFTER = 5;                             // seconds, in the 429 answers
const SEND_METHODS = new Set(['sendMessage', 'editMessageText', 'answerCallbackQuery', 'sendDocument', 'createForumTopic']);
const USERS = 8;
const TASKS = ['Oppgave A', 'Oppgave B'];
const QUESTIONS = ['tiltak 3', 'tiltak 7', 'tiltak 12'];
const admin = { id: 9400001, is_bot: false, first_name: 'Anne', username: 'anne_admin' };
const asker = { id: 9400002, is_bot: false, first_name: 'Siri', username: 'siri_s' };
const users = Array.from({ length: USERS }, (_, i) => (
  { id: 9410000 + i, is_bot: false, first_name: `Bruker ${i}`, username: `user${i}` }));
const chatter = { id: -1009400, type: 'supergroup', title: 'Pratekanal' };

// ---- time ----

const osloFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});
const osloLocal = (ms) => osloFormat.format(new Date(ms)).replace(' ', 'T');

// ---- the Bot API stand-in ----

// Forwards each call to the emulator at `target` while `mode` is 'ok'; else answers 500,
// 502 (a proxy's HTML page), resets the connection, never answers ('hang'), or answers
// 429 with retry_after. Calls to `hangChat` hang whatever the mode. Records every call:
// { at, method, chat, mode, answeredAt }.
async function startStandIn(target) {
  const standIn = { mode: 'ok', hangChat: null, calls: [], hung: [] };
  const server = http.createServer((request, response) => {
    response.on('error', () => {});
    request.on('error', () => {});
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const method = request.url.slice(request.url.lastIndexOf('/') + 1);
      let chat = null;
      try { chat = JSON.parse(body).chat_id ?? null; } catch { /* a multipart upload */ }
      const call = { at: Date.now(), method, chat: chat === null ? null : String(chat), mode: standIn.mode };
      if (standIn.hangChat !== null && call.chat === standIn.hangChat) call.mode = 'hang';
      standIn.calls.push(call);
      const json = (status, value) => {
        call.answeredAt = Date.now();
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      switch (call.mode) {
        case '500': return json(500, { ok: false, error_code: 500, description: 'Internal Server Error' });
        case '502':
          response.writeHead(502, { 'content-type': 'text/html' });
          return response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        case 'reset': return request.socket.resetAndDestroy();
        case 'hang': return standIn.hung.push(response);
        case '429': return json(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${RETRY_AFTER}`,
          parameters: { retry_after: RETRY_AFTER } });
        default: break;
      }
      let answer;
      try {
        answer = await httpRequest(`${target}${request.url}`, {
          method: request.method, body: body || undefined,
          headers: { 'content-type': request.headers['content-type'] ?? 'application/json' }, timeoutMs: 5000,
        });
      } catch (error) {
        answer = { status: 502, text: JSON.stringify({ ok: false, description: error.message }) };
      }
      if (response.destroyed) return;
      call.answeredAt = Date.now();
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.text);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.url = `http://127.0.0.1:${server.address().port}`;
  // The hanging calls end as a dropped connection (planbot gave up on them long ago).
  standIn.releaseHung = () => { for (const response of standIn.hung.splice(0)) response.destroy(); };
  standIn.stop = () => new Promise((resolve) => { standIn.releaseHung(); server.closeAllConnections(); server.close(resolve); });
  return standIn;
}

// ---- talking to planbot ----

let nextUpdateId = 940000;
function update(from, chat, text) {
  const message = { message_id: nextUpdateId, date: Math.floor(Date.now() / 1000), from, chat, text };
  if (text.startsWith('/')) message.entities = [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }];
  return { update_id: nextUpdateId++, message };
}
const privateChat = (user) => ({ id: user.id, type: 'private', first_name: user.first_name, username: user.username });

// Posts to the webhook and returns how long the answer took (ms); fails on anything but 200.
async function timedPost(bot, from, chat, text) {
  const started = process.hrtime.bigint();
  const status = await postUpdate(bot.port, update(from, chat, text), { secret: SECRET });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(status, 200, `webhook answer to «${text}»`);
  return ms;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

// The outbox as stored: every row's chat, status and Telegram's message id, by id.
function outboxRows(databasePath) {
  const script = 'import json,sqlite3,sys\n'
    + 'c=sqlite3.connect(f"file:{sys.argv[1]}?mode=ro",uri=True)\n'
    + 'print(json.dumps(c.execute("SELECT id, chat_id, status, platform_message_id FROM outbox ORDER BY id").fetchall()))';
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', script, databasePath], (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))));
  });
}

async function startStack(t) {
  const dir = await makeTempDir();
  t.after(() => removeDir(dir));
  const databasePath = path.join(dir, 'planbot.sqlite');
  const emulator = await startEmulator({ port: await freePort(), token: TOKEN });
  t.after(() => emulator.stop());
  const standIn = await startStandIn(emulator.url);
  t.after(() => standIn.stop());
  const start = async (env) => {
    const bot = startPlanbot({
      port: await freePort(), apiUrl: standIn.url, token: TOKEN, secret: SECRET, databasePath,
      extraEnv: { PLANBOT_ADMINS: String(admin.id), PLANBOT_LOG_LEVEL: 'info', PLANBOT_LANGUAGE_DICTIONARIES: '', ...env },
    });
    t.after(() => bot.kill('SIGKILL'));
    const callsBefore = standIn.calls.length;
    await bot.waitForHealth();
    // Start-up is over once the command menu is set (after getMe and setWebhook).
    await waitFor(() => standIn.calls.slice(callsBefore).some((call) => call.method === 'setMyCommands'),
      { timeoutMs: 10000, what: 'planbot to finish its start-up calls' });
    return bot;
  };
  return { databasePath, emulator, standIn, start };
}

// Every chat's rows went out in outbox order, each sent: Telegram's (the emulator's)
// message ids grow with the row ids.
function checkOutbox(rows) {
  const notSent = rows.filter(([, , status]) => status !== 'sent');
  assert.deepEqual(notSent, [], 'every outbox row is sent, none pending or failed');
  const lastId = new Map();
  for (const [id, chat, , messageId] of rows) {
    const previous = lastId.get(chat);
    if (previous !== undefined) assert.ok(Number(messageId) > previous, `row ${id} to ${chat} went out after the one before it`);
    lastId.set(chat, Number(messageId));
  }
}

test('ten minutes of Bot API outage: per-platform back-off, retry_after honoured, the webhook answering, everything delivered once and in order',
  { timeout: 240000 }, async (t) => {
    const { databasePath, emulator, standIn, start } = await startStack(t);

    // Set-up at normal speed on 16 March: the users, their role, two tasks due on 17 March,
    // and the answers to the questions the users will ask during the outage.
    const setup = await start({ PLANBOT_BOT_NOW: '2026-03-16T08:00' });
    for (const user of users) await timedPost(setup, user, privateChat(user), '/mineroller');
    for (const user of users) await timedPost(setup, admin, privateChat(admin), `/rolle gi kasserer @${user.username}`);
    for (const title of TASKS) await timedPost(setup, admin, privateChat(admin), `/ny kasserer 17.3.2026 ${title}`);
    const answers = [];
    for (const question of QUESTIONS) {
      await timedPost(setup, asker, privateChat(asker), question);
      const answer = await waitFor(() => emulator.botMessages(asker.id)[answers.length]?.text,
        { timeoutMs: 8000, what: `the answer to «${question}»` });
      answers.push(answer);
    }
    assert.equal(new Set(answers).size, QUESTIONS.length, 'the three questions have three different answers');
    await waitFor(() => users.every((user) => emulator.botMessages(user.id).length >= 2),
      { timeoutMs: 20000, what: 'the users\' answers and handovers' });
    await setup.kill('SIGTERM');
    const before = new Map(users.map((user) => [user.id, emulator.botMessages(user.id).length]));

    // 08:58 on 17 March, ten times real time: the reminders fall due at 09:00, two
    // minutes into the outage.
    const bot = await start({ PLANBOT_BOT_NOW: osloLocal(Date.parse('2026-03-17T07:58:00Z')), PLANBOT_BOT_CLOCK_RATE: String(RATE) });
    const outageStart = Date.now();
    const outageEnd = outageStart + PHASES.length * PHASE_MS;
    const firstCall = standIn.calls.length;
    let outage = true;
    const phases = (async () => {
      for (const phase of PHASES) {
        standIn.mode = phase;
        await sleep(outageStart + (PHASES.indexOf(phase) + 1) * PHASE_MS - Date.now());
      }
      standIn.mode = 'ok';
      outage = false;
      standIn.releaseHung();
    })();
    // The webhook all along: chatter in a group (nothing to answer), and at three moments
    // each user asks one of the questions.
    const latencies = [];
    let asked = 0;
    while (outage) {
      const due = Math.floor(((Date.now() - outageStart) / (outageEnd - outageStart)) * QUESTIONS.length * 1.2);
      if (asked < QUESTIONS.length && due >= asked) {
        for (const user of users) latencies.push(await timedPost(bot, user, privateChat(user), QUESTIONS[asked]));
        asked += 1;
      }
      latencies.push(await timedPost(bot, users[asked % USERS], chatter, `ok, vi ses ${latencies.length}`));
      await sleep(50);
    }
    await phases;
    assert.equal(asked, QUESTIONS.length, 'every question was asked during the outage');
    const duringOutage = standIn.calls.slice(firstCall).filter((call) => call.at < outageEnd);
    const delivered = (user) => emulator.botMessages(user.id).slice(before.get(user.id));
    assert.deepEqual(users.filter((user) => delivered(user).length > 0).map((user) => user.username), [],
      'nothing reached the users during the outage');

    // Afterwards: every reminder and every answer, once each, in the order asked.
    const reminderCount = (user) => delivered(user).filter((m) => TASKS.some((title) => m.text.includes(title))).length;
    await waitFor(() => users.every((user) => reminderCount(user) >= TASKS.length
      && answers.every((answer) => delivered(user).some((m) => m.text === answer))),
    { timeoutMs: 60000, intervalMs: 200, what: 'every reminder and answer after the outage' });
    const recovered = Date.now();
    let seen = -1;
    await waitFor(() => {
      const now = users.reduce((sum, user) => sum + delivered(user).length, 0) + emulator.botMessages(chatter.id).length;
      const quiet = now === seen;
      seen = now;
      return quiet;
    }, { timeoutMs: 20000, intervalMs: 2000, what: 'the chats to be quiet' });
    for (const user of users) {
      const texts = delivered(user).map((m) => m.text);
      assert.deepEqual(texts.filter((text, i) => texts.indexOf(text) !== i), [], `no message to ${user.username} twice`);
      for (const title of TASKS) assert.equal(texts.filter((text) => text.includes(title)).length, 1, `${title} to ${user.username} once`);
      assert.deepEqual(texts.filter((text) => answers.includes(text)), answers, `${user.username}'s answers in the order asked`);
    }
    assert.deepEqual(emulator.botMessages(chatter.id).map((m) => m.text), [], 'the chatter needed no answer');
    await bot.kill('SIGTERM');
    checkOutbox(await outboxRows(databasePath));

    // retry_after: after a 429, no call for RETRY_AFTER seconds (a call already on its
    // way when the answer left is allowed 100 ms).
    const sends = standIn.calls.slice(firstCall).filter((call) => SEND_METHODS.has(call.method));
    for (const limited of sends.filter((call) => call.mode === '429')) {
      const early = sends.filter((call) => call.at > limited.answeredAt + 100 && call.at < limited.answeredAt + RETRY_AFTER * 1000);
      assert.deepEqual(early.map((call) => call.at - limited.answeredAt), [], 'no call before retry_after ran out');
    }
    assert.ok(sends.some((call) => call.mode === '429'), 'a 429 was answered');

    const sendsDuring = duringOutage.filter((call) => SEND_METHODS.has(call.method));
    const perKind = Object.fromEntries(PHASES.map((phase) => [phase, sendsDuring.filter((call) => call.mode === phase).length]));
    const others = duringOutage.filter((call) => !SEND_METHODS.has(call.method)).map((call) => call.method);
    const after = users.reduce((sum, user) => sum + delivered(user).length, 0);
    t.diagnostic(`calls during the outage (${(outageEnd - outageStart) / 1000} s real, 10 min clock): ${sendsDuring.length} sends `
      + `${JSON.stringify(perKind)}, other calls: ${JSON.stringify(others)}`);
    t.diagnostic(`delivered after: ${after} messages to ${USERS} users (${USERS * TASKS.length} reminders, `
      + `${USERS * QUESTIONS.length} answers), all within ${((recovered - outageEnd) / 1000).toFixed(1)} s of the end`);
    t.diagnostic(`webhook during the outage: ${latencies.length} updates, p50 ${percentile(latencies, 50).toFixed(1)} ms, `
      + `p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
    // A retry per message would make hundreds of calls; one probe at growing intervals
    // (at most one a minute of clock) makes a few dozen at most.
    assert.ok(sendsDuring.length <= 40, `at most 40 calls during the outage, made ${sendsDuring.length}`);
  });

test('a Bot API request that hangs holds up neither the other chats nor the webhook', { timeout: 90000 }, async (t) => {
  const { emulator, standIn, start } = await startStack(t);
  const bot = await start({ PLANBOT_BOT_NOW: '2026-03-16T08:00' });
  const [stuck, ...others] = users.slice(0, 4);
  standIn.hangChat = String(stuck.id);
  await timedPost(bot, stuck, privateChat(stuck), 'tiltak 3');
  await waitFor(() => standIn.hung.length === 1, { timeoutMs: 5000, what: 'the stuck chat\'s call to hang' });
  const hungAt = Date.now();
  const latencies = [];
  for (const user of others) latencies.push(await timedPost(bot, user, privateChat(user), 'tiltak 3'));
  await waitFor(() => others.every((user) => emulator.botMessages(user.id).length === 1),
    { timeoutMs: 5000, what: 'the other chats\' answers while one call hangs' });
  assert.equal(standIn.hung.length, 1, 'the stuck call is still hanging');
  assert.equal(emulator.botMessages(stuck.id).length, 0);
  t.diagnostic(`others answered ${Date.now() - hungAt} ms after the hang began; webhook ${latencies.map((ms) => ms.toFixed(1)).join(', ')} ms`);

  // The platform is fine again for that chat: after planbot's deadline the message goes once.
  standIn.hangChat = null;
  await waitFor(() => emulator.botMessages(stuck.id).length === 1, { timeoutMs: 30000, what: 'the stuck chat\'s answer' });
  await sleep(2000);
  assert.equal(emulator.botMessages(stuck.id).length, 1, 'the stuck chat got its answer once');
  assert.equal(emulator.botMessages(stuck.id)[0].text, emulator.botMessages(others[0].id)[0].text);
});
