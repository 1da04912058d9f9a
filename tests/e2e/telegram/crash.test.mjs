// Crash test: kill -9 planbot again and again while a burst of about 90 reminders is
// planned and sent, restarting it each time on the same database. Every reminder must
// be delivered, and a message may come again only after a kill (one sent just before a
// kill, whose "sent" mark was lost, goes again: at least once, and at most once more per
// crash), and SQLite's integrity_check (`planbot --check`) must pass after every kill.
//
// Set-up at normal speed on 16 March 2026: 30 users write to the bot, the admin gives
// each of them the role kasserer (no channel is bound, so reminders go to each holder
// privately) and adds three one-off tasks due on 17 March. Then planbot restarts at
// 08:59:58 on 17 March, and each later run starts where the last one's clock was, so
// time is continuous across the kills. Between planbot and the emulator sits a small
// proxy that holds each sendMessage answer back (a slow Bot API): the burst lasts
// through many kills, and a kill often falls after the emulator stored a message and
// before planbot heard so: the case that makes duplicates.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 crash.test.mjs
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { checkDatabase, osloLocal, repeatsNotAfterKill, startSlowProxy } from './crash_support.mjs';
import { startEmulator } from './emulator.mjs';
import { freePort, makeTempDir, postUpdate, removeDir, startPlanbot } from './planbot.mjs';
import { sleep, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-crash';
const SECRET = 'e2e-crash-secret_5Rv';
const USERS = 30;
const TASKS = ['Oppgave A', 'Oppgave B', 'Oppgave C'];
const KILLS = 20;            // at least this many kills while the burst is still being planned or sent
const SEND_LATENCY_MS = 400; // how long the proxy holds back each sendMessage answer during the kills (four lanes send at once)
const FIRST_ANSWERS = 3;     // sendMessage answers a run gets before it may be killed (see «The kills»)
const admin = { id: 9300001, is_bot: false, first_name: 'Anne', username: 'anne_admin' };
const users = Array.from({ length: USERS }, (_, i) => (
  { id: 9310000 + i, is_bot: false, first_name: `Bruker ${i}`, username: `user${i}` }));

// ---- time: the clock planbot runs on, carried across restarts ----

// 17 March 2026 is before summer time: Oslo is UTC+1.
const BURST_AT = Date.parse('2026-03-17T08:00:00Z');
const RESTART_AT = BURST_AT - 2000;

// ---- talking to planbot directly ----

let nextUpdateId = 810000;
function privateUpdate(from, text) {
  const message = {
    message_id: nextUpdateId,
    date: Math.floor(Date.now() / 1000),
    from,
    chat: { id: from.id, type: 'private', first_name: from.first_name, username: from.username },
    text,
  };
  if (text.startsWith('/')) message.entities = [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }];
  return { update_id: nextUpdateId++, message };
}

// ---- what reached the users ----

// Deliveries per reminder of the burst: "user|task" → how many times the emulator got it.
function burstDeliveries(emulator) {
  const counts = new Map();
  for (const user of users) {
    for (const message of emulator.botMessages(user.id)) {
      TASKS.forEach((title, index) => {
        const number = 101 + index; // /ny numbers tasks from 101 on a new database
        if (message.text.includes(title) || new RegExp(`\\bnr\\. ${number}\\b`).test(message.text)) {
          const key = `${user.username}|${title}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      });
    }
  }
  return counts;
}
const deliveredCount = (emulator) => burstDeliveries(emulator).size;
const allUserMessages = (emulator) => users.reduce((sum, user) => sum + emulator.botMessages(user.id).length, 0);

test('kill -9 at random moments during a burst of reminders: each is delivered, again only after a kill, and the database stays sound',
  { timeout: 120000 }, async (t) => {
    const binary = process.env.PLANBOT_BINARY;
    assert.ok(binary, 'set PLANBOT_BINARY to the planbot executable (ctest does)');
    const dir = await makeTempDir();
    t.after(() => removeDir(dir));
    const databasePath = path.join(dir, 'planbot.sqlite');
    const emulator = await startEmulator({ port: await freePort(), token: TOKEN });
    t.after(() => emulator.stop());
    const proxy = await startSlowProxy(emulator.url);
    t.after(() => proxy.stop());

    // Each run has its number in its Bot API URL: the proxy knows which run sent a copy.
    let runs = 0;
    const start = async (clockMs) => {
      const run = runs++;
      const bot = startPlanbot({
        port: await freePort(),
        apiUrl: `${proxy.url}/run${run}`,
        token: TOKEN,
        secret: SECRET,
        databasePath,
        // Without the dictionaries: the kills must fall while planbot sends, not while it
        // reads them at start (half a second or more on a busy machine); this test is
        // about the outbox, and no question is asked.
        extraEnv: {
          PLANBOT_ADMINS: String(admin.id), PLANBOT_BOT_NOW: osloLocal(clockMs), PLANBOT_LOG_LEVEL: 'info',
          PLANBOT_LANGUAGE_DICTIONARIES: '',
        },
      });
      t.after(() => bot.kill('SIGKILL'));
      bot.spawnedAt = Date.now();
      bot.run = run;
      bot.answeredSendsAtStart = proxy.answeredSends;
      bot.receivedSendsAtStart = proxy.receivedSends;
      return bot;
    };

    // Set-up at normal speed, fast Bot API.
    const setup = await start(Date.parse('2026-03-16T07:00:00Z'));
    await setup.waitForHealth();
    const post = async (from, text) => {
      assert.equal(await postUpdate(setup.port, privateUpdate(from, text), { secret: SECRET }), 200, `webhook answer to ${text}`);
    };
    for (const user of users) await post(user, '/mineroller');
    for (const user of users) await post(admin, `/rolle gi kasserer @${user.username}`);
    for (const title of TASKS) await post(admin, `/ny kasserer 17.3.2026 ${title}`);
    // Every user's answer and handover (the role's first holder gets one) out, so the
    // users' chats hold nothing older than the burst.
    await waitFor(() => users.every((user) => emulator.botMessages(user.id).length >= 2),
      { timeoutMs: 15000, what: 'the answers to the users\' /mineroller and their handovers' });
    await setup.kill('SIGTERM');

    // The kills. A run starts where the last one's clock was (rounded up to the second:
    // never backwards), and is killed at a random moment once it had FIRST_ANSWERS
    // sendMessage answers: the first messages after a restart are those the previous
    // kill may have caught unconfirmed, and a kill catching the same message twice would
    // deliver it three times, which no design prevents. A run that has fewer answers
    // after a random time within two seconds (nothing to send, or a slow start on a
    // busy machine) is killed at once when none of its sends is waiting for an answer,
    // so a resend is never the one caught.
    proxy.latencyMs = SEND_LATENCY_MS;
    let clock = RESTART_AT;
    let kills = 0, burstKills = 0;
    const killedRuns = new Set();
    const log = [];
    const phaseStarted = Date.now();
    const total = USERS * TASKS.length;
    while (burstKills < KILLS && Date.now() - phaseStarted < 60000) {
      const bot = await start(clock);
      const fallbackMs = 300 + Math.random() * 1700;
      const answered = () => proxy.answeredSends - bot.answeredSendsAtStart;
      const waiting = () => proxy.receivedSends - bot.receivedSendsAtStart - answered();
      await waitFor(() => !bot.running || answered() >= FIRST_ANSWERS
        || (Date.now() - bot.spawnedAt >= fallbackMs && waiting() === 0),
      { timeoutMs: 10000, intervalMs: 2, what: 'the moment to kill' });
      if (answered() >= FIRST_ANSWERS) await sleep(Math.random() * 400);
      assert.ok(bot.running, `planbot ended by itself: ${JSON.stringify(bot.exit)}\n${bot.stderr.slice(-3000)}`);
      const deliveredBefore = deliveredCount(emulator);
      const ranMs = Date.now() - bot.spawnedAt;
      killedRuns.add(bot.run);
      const exit = await bot.kill('SIGKILL');
      assert.equal(exit.signal, 'SIGKILL');
      kills += 1;
      // During the burst: the clock was past 09:00 (planned, or about to be at the next
      // tick) and not every reminder had reached the emulator.
      if (clock + ranMs >= BURST_AT && deliveredBefore < total) burstKills += 1;
      clock = Math.ceil((clock + ranMs) / 1000) * 1000;
      log.push(`${ranMs}ms→${osloLocal(clock).slice(11)}:${deliveredCount(emulator)}`);

      const check = await checkDatabase(databasePath);
      assert.equal(check.code, 0, `planbot --check after kill ${kills}: ${check.output}`);
      assert.match(check.output, /^database: ok$/m, `planbot --check after kill ${kills}`);
      if (deliveredCount(emulator) === total) break;
    }
    t.diagnostic(`kills: ${kills}, during the burst: ${burstKills}, each followed by planbot --check: database ok`);
    t.diagnostic(`per kill (run time→clock reached:burst reminders delivered): ${log.join(' ')}`);

    // Until quiet: every reminder of the burst delivered and the users' chats still for 2 s.
    proxy.latencyMs = 0;
    const last = await start(clock);
    await last.waitForHealth();
    await waitFor(() => deliveredCount(emulator) === total,
      { timeoutMs: 20000, intervalMs: 200, what: `all ${total} reminders of the burst` });
    let seen = -1;
    await waitFor(() => {
      const now = allUserMessages(emulator);
      const quiet = now === seen;
      seen = now;
      return quiet;
    }, { timeoutMs: 20000, intervalMs: 2000, what: 'the users\' chats to be quiet' });
    await last.kill('SIGTERM');
    const finalCheck = await checkDatabase(databasePath);
    assert.equal(finalCheck.code, 0, `planbot --check at the end: ${finalCheck.output}`);
    assert.match(finalCheck.output, /^database: ok$/m, 'planbot --check at the end');

    const counts = burstDeliveries(emulator);
    const missing = [];
    for (const user of users) for (const title of TASKS) if (!counts.has(`${user.username}|${title}`)) missing.push(`${user.username}|${title}`);
    assert.deepEqual(missing, [], 'every reminder of the burst reached its holder');
    // A message comes again only after a kill since planbot sent its last copy: at most
    // once more per crash, never a duplicate of planbot's own making. Every message to
    // anyone counts.
    const { unexplained, extra } = repeatsNotAfterKill(proxy.stored, killedRuns);
    assert.deepEqual(unexplained, [], 'a message came again with no kill since its last copy');
    const again = [...counts].filter(([, n]) => n > 1).map(([key, n]) => `${key}×${n}`);
    t.diagnostic(`${counts.size} reminders delivered, ${again.length} of them more than once: ${again.join(', ')}`);
    t.diagnostic(`lost: ${missing.length}; copies sent again: ${extra} in ${kills} kills (${(extra / kills).toFixed(2)} per kill)`);
    assert.ok(burstKills >= KILLS, `only ${burstKills} of the ${kills} kills came while the burst was being sent (want ${KILLS})`);
  });
