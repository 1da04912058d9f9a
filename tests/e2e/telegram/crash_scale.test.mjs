// Crash test at scale: 50 kill -9 rounds at seeded random moments while eight senders
// post unique updates to the webhook (each re-posting its update until it is answered
// 200, as Telegram does: a refused or cut connection during a kill is "not answered"
// and tried again after the restart), a burst of about 90 reminders falls due, and
// forum posts are relayed to the forum's other members. After the last restart and a
// drain: every update answered 200 has its effects exactly once in the database (its
// processed_updates row, a confirmation with its comment and its audit row, a forum
// post, each reply and relay queued once), every queued message was sent and reached
// the emulator at least once, a message came again only after a kill since planbot
// sent its last copy (so at most once more per crash), nothing is left unsent in the
// outbox, and `planbot --check` passed after every kill.
//
// The senders (two of each): role holders confirming tasks with a comment
// («/ferdig 117 kommentar f0x013»), questions («hva skjer i mai») from a pool of
// people, /mineroller from people planbot has never seen, and forum members starting
// threads (« /forum ny …» and «send»). Their updates are spread over the rounds.
// The kill moments (run time per round) and the senders' pauses are drawn up front from
// one seed: the seed is printed; PLANBOT_CRASH_SEED=<seed> replays the draws (the
// machine's timing still differs from run to run).
// Run: PLANBOT_BINARY=… PLANBOT_E2E_TOOL=… node --test crash_scale.test.mjs
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { checkDatabase, osloLocal, query, repeatsNotAfterKill, seededRandom, startSlowProxy } from './crash_support.mjs';
import { startEmulator } from './emulator.mjs';
import { freePort, makeTempDir, postUpdate, removeDir, startPlanbot } from './planbot.mjs';
import { sleep, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-crash-scale';
const SECRET = 'e2e-crash-scale-secret_8Qw';
const ROUNDS = 50;
const SEND_LATENCY_MS = 400; // the proxy holds each sendMessage answer this long during the rounds
const RUN_MS = [150, 1500];  // a round's planbot runs this long (uniform, from its spawn) before kill -9
const PER_SENDER = { ferdig: 20, question: 30, stranger: 30, forum: 10 }; // updates (forum: posts of two updates)
const BURST_TASKS = ['Oppgave A', 'Oppgave B', 'Oppgave C'];
const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober',
  'november', 'desember'];
const MUNICIPALITIES = ['Oppdal', 'Røros', 'Frøya', 'Osen'];

const person = (id, name, username) => ({ id, is_bot: false, first_name: name, username });
const admins = [0, 1, 2].map((i) => person(9400001 + i, `Admin ${i}`, `admin${i}`));
const holders = Array.from({ length: 30 }, (_, i) => person(9410000 + i, `Kasserer ${i}`, `kasserer${i}`));
const askers = Array.from({ length: 15 }, (_, i) => person(9420000 + i, `Spør ${i}`, `spor${i}`));
const members = MUNICIPALITIES.map((_, i) => person(9430000 + i, `Medlem ${i}`, `medlem${i}`));
const forumMembers = [...members, ...admins]; // admins are in the forum too

// 17 March 2026 is before summer time: Oslo is UTC+1. The burst is due at 09:00.
const BURST_AT = Date.parse('2026-03-17T08:00:00Z');

function privateUpdate(updateId, from, text) {
  const message = {
    message_id: updateId, date: Math.floor(Date.now() / 1000), from,
    chat: { id: from.id, type: 'private', first_name: from.first_name, username: from.username }, text,
  };
  if (text.startsWith('/')) message.entities = [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }];
  return { update_id: updateId, message };
}

// What the senders post: per sender a list of { update, chat, expect }, where `expect`
// lists the messages the update must queue: { chat, includes } (exactly one outbox row
// to `chat` whose text includes `includes`). `effect` names the stored row it must make.
function plannedUpdates() {
  const senders = [];
  let nextId = 830000;
  const item = (from, text, expect, effect) => ({ update: privateUpdate(nextId++, from, text), expect, effect });
  for (let s = 0; s < 2; s += 1) {
    const list = [];
    for (let k = 0; k < PER_SENDER.ferdig; k += 1) {
      const task = 104 + s * PER_SENDER.ferdig + k;
      const comment = `f${s}x${String(k).padStart(3, '0')}`;
      const from = holders[(k * 2 + s) % holders.length];
      list.push(item(from, `/ferdig ${task} kommentar ${comment}`,
        [{ chat: from.id, includes: `Kommentar: kommentar ${comment}` }], { completion: task, comment: `kommentar ${comment}` }));
    }
    senders.push({ name: `ferdig ${s}`, list });
  }
  for (let s = 0; s < 2; s += 1) {
    const list = [];
    for (let k = 0; k < PER_SENDER.question; k += 1) {
      const n = s * PER_SENDER.question + k; // each asker asks of each month once at most
      const from = askers[n % askers.length];
      const month = MONTHS[Math.floor(n / askers.length) % MONTHS.length];
      list.push(item(from, `hva skjer i ${month}`, [{ chat: from.id, includes: `Dette skjer i ${month} ` }]));
    }
    senders.push({ name: `question ${s}`, list });
  }
  for (let s = 0; s < 2; s += 1) {
    const list = [];
    for (let k = 0; k < PER_SENDER.stranger; k += 1) {
      const from = person(9440000 + s * 1000 + k, `Ny ${s}-${k}`, `ny${s}x${k}`);
      list.push(item(from, '/mineroller', [{ chat: from.id, includes: 'Du har ingen roller ennå' }], { user: from.id }));
    }
    senders.push({ name: `stranger ${s}`, list });
  }
  for (let s = 0; s < 2; s += 1) {
    const list = [];
    for (let k = 0; k < PER_SENDER.forum; k += 1) {
      const from = members[s * 2 + (k % 2)];
      const title = `Tråd ${s}-${k}`;
      const marker = `innlegg${s}x${String(k).padStart(3, '0')}`;
      list.push(item(from, `/forum ny ${title}: ${marker} fra ${from.first_name}`,
        [{ chat: from.id, includes: `Slik blir tråden «${title}»` }]));
      const relays = forumMembers.filter((other) => other.id !== from.id)
        .map((other) => ({ chat: other.id, includes: marker, relay: true }));
      list.push(item(from, 'send', [{ chat: from.id, includes: `«${title}» er startet` }, ...relays], { post: marker }));
    }
    senders.push({ name: `forum ${s}`, list });
  }
  return senders;
}

test('50 kill -9 rounds under eight webhook senders, a reminder burst and forum relays: nothing acknowledged is lost, nothing doubled but by a kill',
  { timeout: 280000 }, async (t) => {
    assert.ok(process.env.PLANBOT_BINARY, 'set PLANBOT_BINARY to the planbot executable (ctest does)');
    const { seed, between } = seededRandom();
    t.diagnostic(`seed ${seed} (PLANBOT_CRASH_SEED=${seed} replays the kill moments)`);
    console.log(`[crash_scale] seed ${seed}`);
    const testStarted = Date.now();
    const dir = await makeTempDir();
    t.after(() => removeDir(dir));
    const databasePath = path.join(dir, 'planbot.sqlite');
    const emulator = await startEmulator({ port: await freePort(), token: TOKEN, log: () => {} });
    t.after(() => emulator.stop());
    const proxy = await startSlowProxy(emulator.url);
    t.after(() => proxy.stop());

    // Each planbot has a run number of its own in its Bot API URL, so the proxy knows
    // which one sent each copy of a message.
    let runs = 0;
    const start = async (clockMs) => {
      const run = runs++;
      const bot = startPlanbot({
        port: await freePort(), apiUrl: `${proxy.url}/run${run}`, token: TOKEN, secret: SECRET, databasePath,
        // Without the dictionaries, which take half a second or more to read at start on
        // a busy machine; no question here has a typo.
        extraEnv: {
          PLANBOT_ADMINS: admins.map((a) => a.id).join(','), PLANBOT_BOT_NOW: osloLocal(clockMs),
          PLANBOT_LOG_LEVEL: 'warn', PLANBOT_LANGUAGE_DICTIONARIES: '',
        },
      });
      t.after(() => bot.kill('SIGKILL'));
      bot.spawnedAt = Date.now();
      bot.run = run;
      return bot;
    };

    // ---- set-up at normal speed, fast Bot API, on 16 March ----
    const setup = await start(Date.parse('2026-03-16T07:00:00Z'));
    await setup.waitForHealth();
    let setupId = 800000;
    const post = async (from, text) => {
      assert.equal(await postUpdate(setup.port, privateUpdate(setupId++, from, text), { secret: SECRET }), 200, text);
    };
    for (const user of [...holders, ...members]) await post(user, '/mineroller');
    for (const [i, member] of members.entries()) await post(admins[0], `/rolle gi enpersonsgruppe ${MUNICIPALITIES[i]} @${member.username}`);
    for (const holder of holders) await post(admins[0], `/rolle gi kasserer @${holder.username}`);
    for (const title of BURST_TASKS) await post(admins[1], `/ny kasserer 17.3.2026 ${title}`);
    for (let n = 0; n < 2 * PER_SENDER.ferdig; n += 1) {
      await post(admins[1 + (n % 2)], `/ny kasserer ${1 + (n % 28)}.12.2026 Oppgave F${n}`);
    }
    await waitFor(() => holders.every((user) => emulator.botMessages(user.id).length >= 2),
      { timeoutMs: 30000, what: 'the holders\' answers and handovers' });
    await setup.kill('SIGTERM');

    const setupMs = Date.now() - testStarted;

    // ---- the rounds ----
    const runMs = Array.from({ length: ROUNDS }, () => between(...RUN_MS));
    const senders = plannedUpdates();
    // Update k of a sender waits for round k·ROUNDS/length, then a drawn pause.
    for (const sender of senders) {
      sender.list.forEach((entry, k) => {
        entry.round = Math.floor((k * ROUNDS) / sender.list.length);
        entry.pauseMs = between(0, 600);
      });
    }
    const all = senders.flatMap((sender) => sender.list);
    let current = null; // the planbot running now, or null between a kill and the restart
    let round = 0;
    let attempts = 0;
    const send = async (sender) => {
      for (const entry of sender.list) {
        while (round < entry.round) await sleep(20);
        await sleep(entry.pauseMs);
        for (;;) {
          const bot = current;
          if (!bot) { await sleep(20); continue; }
          attempts += 1;
          const status = await postUpdate(bot.port, entry.update, { secret: SECRET }).catch(() => 'no answer');
          if (status === 200) { entry.answered = true; break; }
          if (status === 'no answer') entry.cut = true; // cut off by a kill, or refused while planbot starts
          await sleep(30);
        }
      }
    };

    proxy.latencyMs = SEND_LATENCY_MS;
    let clock = BURST_AT - 2000;
    const killedRuns = new Set();
    let checksMs = 0;
    const phaseStarted = Date.now();
    const sending = Promise.all(senders.map(send));
    for (round = 0; round < ROUNDS; round += 1) {
      const bot = await start(clock);
      current = bot;
      await sleep(Math.max(0, bot.spawnedAt + runMs[round] - Date.now()));
      assert.ok(bot.running, `planbot ended by itself in round ${round + 1}: ${JSON.stringify(bot.exit)}\n${bot.stderr.slice(-3000)}`);
      current = null;
      killedRuns.add(bot.run);
      const ranMs = Date.now() - bot.spawnedAt;
      assert.equal((await bot.kill('SIGKILL')).signal, 'SIGKILL');
      clock = Math.ceil((clock + ranMs) / 1000) * 1000; // on from where it was, never backwards
      const checkStarted = Date.now();
      const check = await checkDatabase(databasePath);
      checksMs += Date.now() - checkStarted;
      assert.equal(check.code, 0, `planbot --check after kill ${round + 1}: ${check.output}`);
      assert.match(check.output, /^database: ok$/m, `planbot --check after kill ${round + 1}`);
    }
    const phaseMs = Date.now() - phaseStarted;
    const answeredDuringKills = all.filter((entry) => entry.answered).length;
    console.log(`[crash_scale] set-up ${setupMs} ms, ${ROUNDS} rounds ${phaseMs} ms (planbot --check ${checksMs} ms), `
      + `${answeredDuringKills} of ${all.length} updates answered`);

    // ---- the last run: the senders finish, the outbox drains ----
    proxy.latencyMs = 0;
    const last = await start(clock);
    current = last;
    await last.waitForHealth();
    await sending;
    const drainStarted = Date.now();
    await waitFor(async () => (await query(databasePath, "SELECT count(*) FROM outbox WHERE status = 'pending'"))[0][0] === '0',
      { timeoutMs: 90000, intervalMs: 500, what: 'the outbox to drain' });
    const drainMs = Date.now() - drainStarted;
    await last.kill('SIGTERM');
    const finalCheck = await checkDatabase(databasePath);
    assert.match(finalCheck.output, /^database: ok$/m, `planbot --check at the end: ${finalCheck.output}`);

    // ---- every update answered 200 has its effects exactly once ----
    const json = async (sql) => JSON.parse((await query(databasePath, sql))[0][0]);
    const processed = new Set((await json("SELECT json_group_array(update_id) FROM processed_updates WHERE platform = 'telegram'")));
    const outbox = await json(`SELECT json_group_array(json_object('id', id, 'chat', chat_id, 'text', text, 'status', status,
      'method', method)) FROM outbox WHERE platform = 'telegram'`);
    const completions = await json("SELECT json_group_array(json_array(task, comment)) FROM completions");
    const audit = await json("SELECT json_group_array(description) FROM audit_log");
    const posts = await json("SELECT json_group_array(text) FROM forum_posts");
    const users = new Set(await json("SELECT json_group_array(user_id) FROM users WHERE platform = 'telegram'"));
    const drafts = await json("SELECT json_group_array(user_id) FROM forum_drafts");
    const rowsTo = new Map();
    for (const row of outbox) rowsTo.set(row.chat, [...(rowsTo.get(row.chat) ?? []), row]);

    assert.ok(all.every((entry) => entry.answered), 'every sender\'s update was answered 200 in the end');
    const lost = [];
    const wrong = [];
    let relays = 0;
    for (const entry of all) {
      const id = entry.update.update_id;
      const what = `update ${id} «${entry.update.message.text}»`;
      if (!processed.has(id)) lost.push(`${what}: no processed_updates row`);
      for (const { chat, includes, relay } of entry.expect) {
        const rows = (rowsTo.get(String(chat)) ?? []).filter((row) => row.text.includes(includes));
        if (rows.length === 0) lost.push(`${what}: no message to ${chat} with «${includes}»`);
        if (rows.length > 1) wrong.push(`${what}: ${rows.length} messages to ${chat} with «${includes}»`);
        if (relay) relays += 1;
      }
      const effect = entry.effect ?? {};
      if (effect.completion) {
        const found = completions.filter(([task, comment]) => task === effect.completion && comment === effect.comment);
        if (found.length !== 1) lost.push(`${what}: ${found.length} completions of task ${effect.completion} with its comment`);
        const logged = audit.filter((line) => line.includes(effect.comment)).length;
        if (logged !== 1) wrong.push(`${what}: ${logged} audit rows`);
      }
      if (effect.post) {
        const found = posts.filter((text) => text.includes(effect.post)).length;
        if (found !== 1) (found ? wrong : lost).push(`${what}: ${found} forum posts`);
      }
      if (effect.user && !users.has(String(effect.user))) lost.push(`${what}: the sender is not remembered`);
    }
    assert.deepEqual(lost, [], 'updates answered 200 whose effects are missing');
    assert.deepEqual(wrong, [], 'updates answered 200 whose effects are stored more than once');
    assert.deepEqual(drafts, [], 'no forum draft is left half-way');

    // ---- every queued message was sent, reached the emulator, and came again only after a kill ----
    const stuck = outbox.filter((row) => row.status !== 'sent');
    assert.deepEqual(stuck.map((row) => `${row.id} ${row.status} to ${row.chat}: ${row.text.slice(0, 60)}`), [],
      'messages left unsent in the outbox after the drain');
    const reached = new Set(proxy.stored.map(({ key }) => key));
    const unseen = outbox.filter((row) => row.method === '' && !reached.has(`${row.chat}|${row.text}`));
    assert.deepEqual(unseen.map((row) => `${row.id} to ${row.chat}: ${row.text.slice(0, 60)}`), [],
      'messages marked sent that never reached the emulator');
    const reminders = Number((await query(databasePath,
      'SELECT count(DISTINCT outbox_id) FROM reminder_messages'))[0][0]);
    const burst = Number((await query(databasePath,
      "SELECT count(*) FROM reminder_messages JOIN reminders ON key = reminder_key WHERE task BETWEEN 101 AND 103"))[0][0]);
    assert.equal(burst, holders.length * BURST_TASKS.length, 'every reminder of the burst was queued once, to each holder');
    const { unexplained, extra, copiesOf, mostPerKill } = repeatsNotAfterKill(proxy.stored, killedRuns);
    assert.deepEqual(unexplained, [], 'a message came again with no kill since its last copy');
    const most = Math.max(...[...copiesOf.values()].map((times) => times.length));

    const summary = `crash at scale (seed ${seed}): ${ROUNDS} rounds of kill -9 in ${(phaseMs / 1000).toFixed(0)} s (${(checksMs / 1000).toFixed(0)} s of it planbot --check); `
      + `updates answered 200: ${all.length} (${answeredDuringKills} during the rounds, ${attempts} posts in all, `
      + `${all.filter((entry) => entry.cut).length} of them re-posted after no answer); lost: ${lost.length}; `
      + `messages sent: ${outbox.length}, duplicates: ${extra} (${(extra / ROUNDS).toFixed(2)} per crash, at most ${mostPerKill} after one crash, `
      + `at most ${most} copies of one message); `
      + `forum relays: ${relays}; reminders: ${reminders} (burst ${burst}); set-up ${(setupMs / 1000).toFixed(0)} s, `
      + `drain after the last restart ${(drainMs / 1000).toFixed(1)} s`;
    t.diagnostic(summary);
    console.log(`[crash_scale] ${summary}`);
  });
