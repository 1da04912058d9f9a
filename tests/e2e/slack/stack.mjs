// A temp dir, the Slack stand-in (and, for tests of both platforms, the Telegram emulator),
// and a way to start the real planbot on them, again and again on the same database.
// Everything is torn down after `owner` (a test's context, or anything with after(fn)).
//
// planbot's clock: each start names where its clock starts (`at`, UTC milliseconds) and how
// fast it runs (`rate`). This side reads it once planbot is up (GET /readyz stores planbot's
// now, in whole seconds, in the database's meta table; read with PLANBOT_E2E_TOOL) and
// reckons on from there, rounding up: planbot's clock is at most what clockNow() says.
// (Reckoned from the spawn, it would run ahead by planbot's start-up, a second or more:
// ten hours at the fast rate.) The stand-in signs with the real time,
// as Slack does, and planbot checks Slack's timestamp against the real time, not its own
// clock, which a test (or a demo) starts elsewhere: deliveries work at any clock rate.
import assert from 'node:assert/strict';
import path from 'node:path';
import { osloLocal, query } from '../telegram/crash_support.mjs';
import { freePort, makeTempDir, removeDir, startPlanbot } from '../telegram/planbot.mjs';
import { httpRequest, waitFor } from '../telegram/util.mjs';
import { plainText, startSlackStandIn } from './stand_in.mjs';

export const SLACK_TOKEN = 'xoxb-test-token';

// 36,000 times real time (ten hours a second) unless E2E_CLOCK_RATE says slower (a sanitizer
// build); SCALE stretches the waits to match, as in ../telegram/reminders.test.mjs.
export const RATE = Number(process.env.E2E_CLOCK_RATE ?? 36000);
export const SCALE = 36000 / RATE;
// How many times slower than usual planbot may answer: 1, or under the sanitizer clock as
// much as the clock was slowed for it (3 at E2E_CLOCK_RATE=12000; tools/sanitize-suite).
// Every wait for an answer at real speed, and every test's timeout, grows by it.
export const SLOW = Math.max(1, SCALE);
// Slack gives a slash command and a button press 3 s for planbot's HTTP answer, then shows
// the user «operation_timeout». Checked at full speed only: under a sanitizer (E2E_CLOCK_RATE
// set) a limit in seconds says more about the sanitizer than about planbot.
export const SLACK_DEADLINE_CHECKED = process.env.E2E_CLOCK_RATE === undefined;

// Runs every step, even after one failed; then throws what failed (all of it).
export async function runAll(steps) {
  const errors = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, errors.map((error) => error.message).join('\n'));
}

// `signingSecret`: the app's; `env`: PLANBOT_* settings for every start; `telegram`:
// { token, secret } to run Telegram beside Slack (needs ../telegram/node_modules).
export async function startSlackStack(owner, { signingSecret, token = SLACK_TOKEN, env = {}, telegram = null }) {
  const dir = await makeTempDir();
  const bots = [];
  let standIn = null;
  let emulator = null;
  // One hook, in this order whatever fails: planbot first (it must not write into a
  // directory being removed, nor find its Slack gone), then the platforms, then the files;
  // last, the stand-in's own failures fail the test.
  owner.after(() => runAll([
    ...bots.map((bot) => () => bot.kill('SIGKILL')),
    () => emulator?.stop(),
    () => standIn?.stop(),
    () => removeDir(dir),
    () => assert.deepEqual((standIn?.errors ?? []).map((error) => error.stack), [], 'the Slack stand-in failed inside'),
  ]));
  standIn = await startSlackStandIn({ token, signingSecret, slowdown: SLOW });
  if (telegram) {
    const { startEmulator } = await import('../telegram/emulator.mjs');
    emulator = await startEmulator({ port: await freePort(), token: telegram.token });
  }
  const databasePath = path.join(dir, 'planbot.sqlite');
  const stack = { dir, databasePath, standIn, emulator, bot: null };

  // Starts planbot with its clock at `at` running `rate` times real time, waits until it is
  // healthy and has called auth.test (and, with Telegram, set its webhook), and points the
  // stand-in's deliveries at it.
  stack.start = async ({ at, rate = 1, env: extra = {} }) => {
    const port = await freePort();
    const authCalls = standIn.callsOf('auth.test').length;
    const withoutTelegram = telegram ? {} : { PLANBOT_TELEGRAM_TOKEN: '', PLANBOT_TELEGRAM_WEBHOOK_SECRET: '', PLANBOT_PUBLIC_URL: '' };
    const spawnedAt = Date.now();
    const bot = startPlanbot({
      port,
      apiUrl: emulator ? emulator.url : standIn.url,
      token: telegram?.token ?? 'unused',
      secret: telegram?.secret ?? 'unused',
      databasePath,
      extraEnv: {
        PLANBOT_SLACK_BOT_TOKEN: token,
        PLANBOT_SLACK_SIGNING_SECRET: signingSecret,
        PLANBOT_SLACK_API_URL: standIn.url,
        PLANBOT_BOT_NOW: osloLocal(at),
        PLANBOT_BOT_CLOCK_RATE: String(rate),
        ...withoutTelegram,
        ...env,
        ...extra,
      },
    });
    bots.push(bot);
    // planbot's clock now (or when it ended), in UTC milliseconds, at most: until it is
    // read, reckoned from the spawn.
    let endedAt = null;
    bot.exited.then(() => { endedAt = Date.now(); });
    let reading = { clock: at, at: spawnedAt };
    bot.clockAt = (realMs) => reading.clock + (realMs - reading.at) * rate;
    bot.clockNow = () => bot.clockAt(endedAt ?? Date.now());
    bot.startedAt = spawnedAt;
    stack.bot = bot;
    standIn.target = bot.url;
    await bot.waitForHealth(20000 * SLOW);
    await waitFor(() => standIn.callsOf('auth.test').slice(authCalls).some((call) => call.answer),
      { timeoutMs: 10000 * SLOW, what: 'planbot to call auth.test' });
    if (emulator) {
      await waitFor(() => emulator.webhook()?.url === `${bot.url}/telegram/webhook`,
        { timeoutMs: 10000 * SLOW, what: 'planbot to set its Telegram webhook' });
    }
    if (process.env.PLANBOT_E2E_TOOL) reading = await readClock(bot);
    return bot;
  };

  // planbot's clock as it last read it, a second added for its rounding down, and when this
  // side asked (it read it at that moment or a little later).
  async function readClock(bot) {
    const asked = Date.now();
    await httpRequest(`${bot.url}/readyz`, { method: 'GET', timeoutMs: 5000 * SLOW });
    const rows = await query(databasePath, "SELECT value FROM meta WHERE key = 'ready_checked_at'");
    const seconds = Number(rows[0]?.[0]);
    assert.ok(Number.isFinite(seconds), `planbot's clock from /readyz: ${JSON.stringify(rows)}`);
    return { clock: seconds * 1000 + 1000, at: asked };
  }

  // Where a restarted planbot's clock should start: the last one's clock (rounded up to
  // the minute, plus one), so that time never runs backwards across restarts.
  stack.clockAfter = (bot = stack.bot) => Math.ceil(bot.clockNow() / 60000) * 60000 + 60000;
  return stack;
}

// The owner for a file that shares one stack between its tests: hooks collected here and run
// (last first, every one of them) by the file's after().
export function fileOwner() {
  const hooks = [];
  return {
    after: (fn) => hooks.push(fn),
    close: () => runAll(hooks.reverse()),
  };
}

// Slack people for the tests: registered with the stand-in so users.info knows them.
export const person = (id, name, realName) => ({ id, name, real_name: realName });

// ---- what planbot says about itself ----

// planbot's /metrics (from loopback, as the tests are) as { name{labels}: value }.
export async function metrics(bot) {
  const answer = await httpRequest(`${bot.url}/metrics`, { method: 'GET', timeoutMs: 5000 * SLOW });
  assert.equal(answer.status, 200, `GET /metrics: ${answer.status}`);
  const samples = {};
  for (const [, key, value] of answer.text.matchAll(/^([a-z_]+(?:\{[^}]*\})?) (\S+)$/gm)) samples[key] = Number(value);
  return samples;
}
const sumOf = (samples, name) => Object.entries(samples)
  .filter(([key]) => key === name || key.startsWith(`${name}{`)).reduce((sum, [, value]) => sum + value, 0);

// Resolves once planbot's outbox has nothing waiting: whatever it had queued is sent, or
// failed for good. A quiet outbox is where "nothing more will come" can be counted.
export const outboxSettled = (bot, { timeoutMs = 10000 * SLOW } = {}) =>
  waitFor(async () => sumOf(await metrics(bot), 'planbot_outbox_pending') === 0,
    { timeoutMs, intervalMs: 50, what: 'planbot\'s outbox to be empty (planbot_outbox_pending 0)' });

// Resolves once planbot has recorded as sent every chat.postMessage the stand-in took from
// it since `bot` started, so that a kill now cannot make it send one of them again.
export const postsRecorded = (bot, standIn, { timeoutMs = 10000 * SLOW } = {}) => {
  const taken = () => standIn.callsOf('chat.postMessage').filter((call) => call.at >= bot.startedAt && call.answer?.body?.ok).length;
  return waitFor(async () => (await metrics(bot))['planbot_outbox_sent_total{method="chat.postMessage"}'] >= taken(),
    { timeoutMs, intervalMs: 10, what: 'planbot to record its posts as sent' });
};

// ---- talking to planbot as Slack users ----

// A slash command's or a press's delivery was answered within Slack's 3 seconds (see
// SLACK_DEADLINE_CHECKED): the user saw no «operation_timeout».
export function answeredInTime(delivery, what) {
  if (!SLACK_DEADLINE_CHECKED) return;
  const first = delivery.attempts[0];
  assert.ok(!first.timedOut, `${what}: planbot answered after ${first.answeredAt - first.at} ms, past Slack's 3 s (operation_timeout)`);
}

// `user` writes `text` in their DM with the bot; resolves with planbot's first new message
// there whose text matches `expected`.
export async function askInDm(standIn, user, text, { expected = /./, timeoutMs = 8000 * SLOW } = {}) {
  const dm = standIn.dmOf(user.id);
  const before = standIn.messagesIn(dm).length;
  const delivery = await standIn.sendEvent(standIn.directMessage({ user, text }));
  assert.equal(delivery.status, 200, `planbot's answer to the delivery of «${text}»`);
  return waitFor(() => standIn.messagesIn(dm).slice(before).find((message) => expected.test(plainText(message))),
    { timeoutMs, what: `an answer in ${dm} to «${text}» matching ${expected}` });
}

// `user` types `/planbot <text>` in `channel` (default: their DM with the bot); resolves with
// the answer's text: the command's own response, or else what planbot posted to its
// response_url within `timeoutMs` (Slack takes either). Fails unless the answer is 200 in time.
export async function slash(standIn, user, text, { channel, timeoutMs = 8000 * SLOW } = {}) {
  const result = await standIn.slashCommand({ user, text, channel });
  assert.equal(result.status, 200, `planbot's HTTP answer to /planbot ${text}: ${result.status} ${result.text}`);
  answeredInTime(result, `/planbot ${text}`);
  if (result.text.trim() !== '') return { ...result, answer: result.text, visibility: result.json?.response_type ?? 'ephemeral' };
  const refused = () => standIn.responseRefusals.filter((entry) => entry.url === result.responseUrl);
  const later = await waitFor(() => result.laterResponses()[0], { timeoutMs,
    what: `an answer to /planbot ${text} (none in the command's response; refused at its response_url: ${JSON.stringify(refused())})` });
  return { ...result, answer: later.body.text ?? '', visibility: later.body.response_type ?? 'ephemeral' };
}

// `user` presses the ✅ button (or `actionId`'s) of `message`; fails unless planbot
// acknowledges it with 200 in time.
export async function press(standIn, message, user, options = {}) {
  const result = await standIn.pressButton(message, user, options);
  assert.equal(result.status, 200, `planbot's HTTP answer to ${user.name}'s press: ${result.status} ${result.text ?? result.error}`);
  answeredInTime(result, `${user.name}'s press`);
  return result;
}

// What planbot sent into `conversation` (a channel, DM or user id) since `since` (ms): posts
// and ephemeral messages.
export function sentTo(standIn, conversation, since = 0) {
  const channel = standIn.conversationOf(conversation);
  return [...standIn.messages, ...standIn.ephemerals].filter((m) => m.channel === channel && m.at >= since);
}
