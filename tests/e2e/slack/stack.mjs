// A temp dir, the Slack stand-in (and, for tests of both platforms, the Telegram emulator),
// and a way to start the real planbot on them, again and again on the same database.
// Everything is torn down after `owner` (a test's context, or anything with after(fn)).
//
// planbot's clock: each start names where its clock starts (`at`, UTC milliseconds) and how
// fast it runs (`rate`); this side reckons it as start + time since the spawn × rate (planbot
// starts its clock a few milliseconds after the spawn, so the reckoning runs a little ahead).
// The stand-in signs with the real time, as Slack does, and planbot checks Slack's timestamp
// against the real time, not its own clock, which a test (or a demo) starts elsewhere.
// E2E_SLACK_SIGN_CLOCK=planbot signs with planbot's clock as reckoned instead, for a planbot
// that checks against its own clock: exact enough at rate 1, not at a fast rate, so no test
// sends anything signed while the clock runs fast (they restart to change speed).
import assert from 'node:assert/strict';
import path from 'node:path';
import { osloLocal } from '../telegram/crash_support.mjs';
import { freePort, makeTempDir, removeDir, startPlanbot } from '../telegram/planbot.mjs';
import { waitFor } from '../telegram/util.mjs';
import { plainText, startSlackStandIn } from './stand_in.mjs';

export const SLACK_TOKEN = 'xoxb-test-token';

// 36,000 times real time (ten hours a second) unless E2E_CLOCK_RATE says slower (a sanitizer
// build); SCALE stretches the waits to match, as in ../telegram/reminders.test.mjs.
export const RATE = Number(process.env.E2E_CLOCK_RATE ?? 36000);
export const SCALE = 36000 / RATE;
const SIGN_WITH_PLANBOT_CLOCK = process.env.E2E_SLACK_SIGN_CLOCK === 'planbot';

// `signingSecret`: the app's; `env`: PLANBOT_* settings for every start; `telegram`:
// { token, secret } to run Telegram beside Slack (needs ../telegram/node_modules).
export async function startSlackStack(owner, { signingSecret, token = SLACK_TOKEN, env = {}, telegram = null }) {
  const dir = await makeTempDir();
  owner.after(() => removeDir(dir));
  const standIn = await startSlackStandIn({ token, signingSecret });
  owner.after(() => standIn.stop());
  let emulator = null;
  if (telegram) {
    const { startEmulator } = await import('../telegram/emulator.mjs');
    emulator = await startEmulator({ port: await freePort(), token: telegram.token });
    owner.after(() => emulator.stop());
  }
  const databasePath = path.join(dir, 'planbot.sqlite');
  const stack = { dir, databasePath, standIn, emulator, bot: null };

  // Starts planbot with its clock at `at` running `rate` times real time, waits until it is
  // healthy and has called auth.test (and, with Telegram, set its webhook), and points the
  // stand-in's deliveries (and with E2E_SLACK_SIGN_CLOCK=planbot its signatures) at it.
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
    owner.after(() => bot.kill('SIGKILL'));
    // planbot's clock now (or when it ended), in UTC milliseconds, as reckoned here.
    let endedAt = null;
    bot.exited.then(() => { endedAt = Date.now(); });
    bot.clockNow = () => at + ((endedAt ?? Date.now()) - spawnedAt) * rate;
    stack.bot = bot;
    standIn.target = bot.url;
    standIn.timestamp = SIGN_WITH_PLANBOT_CLOCK ? () => Math.floor(bot.clockNow() / 1000) : () => Math.floor(Date.now() / 1000);
    await bot.waitForHealth();
    await waitFor(() => standIn.callsOf('auth.test').slice(authCalls).some((call) => call.answer),
      { timeoutMs: 10000, what: 'planbot to call auth.test' });
    if (emulator) {
      await waitFor(() => emulator.webhook()?.url === `${bot.url}/telegram/webhook`,
        { timeoutMs: 10000, what: 'planbot to set its Telegram webhook' });
    }
    return bot;
  };

  // Where a restarted planbot's clock should start: the last one's clock (rounded up to
  // the minute, plus one), so that time never runs backwards across restarts.
  stack.clockAfter = (bot = stack.bot) => Math.ceil(bot.clockNow() / 60000) * 60000 + 60000;
  return stack;
}

// The owner for a file that shares one stack between its tests: hooks collected here and run
// (last first) by the file's after().
export function fileOwner() {
  const hooks = [];
  return {
    after: (fn) => hooks.push(fn),
    close: async () => { for (const fn of hooks.reverse()) await fn(); },
  };
}

// Slack people for the tests: registered with the stand-in so users.info knows them.
export const person = (id, name, realName) => ({ id, name, real_name: realName });

// ---- talking to planbot as Slack users ----

// `user` writes `text` in their DM with the bot; resolves with planbot's first new message
// there whose text matches `expected`.
export async function askInDm(standIn, user, text, { expected = /./, timeoutMs = 8000 } = {}) {
  const dm = standIn.dmOf(user.id);
  const before = standIn.messagesIn(dm).length;
  const delivery = await standIn.sendEvent(standIn.directMessage({ user, text }));
  assert.equal(delivery.status, 200, `planbot's answer to the delivery of «${text}»`);
  return waitFor(() => standIn.messagesIn(dm).slice(before).find((message) => expected.test(plainText(message))),
    { timeoutMs, what: `an answer in ${dm} to «${text}» matching ${expected}` });
}

// `user` types `/planbot <text>` in `channel` (default: their DM with the bot); resolves with
// the answer's text: the command's own response, or else what planbot posted to its
// response_url within `timeoutMs` (Slack takes either). Fails unless the answer is 200.
export async function slash(standIn, user, text, { channel, timeoutMs = 8000 } = {}) {
  const result = await standIn.slashCommand({ user, text, channel });
  assert.equal(result.status, 200, `planbot's HTTP answer to /planbot ${text}: ${result.status} ${result.text}`);
  if (result.text.trim() !== '') return { ...result, answer: result.text, visibility: result.json?.response_type ?? 'ephemeral' };
  const later = await waitFor(() => result.laterResponses()[0],
    { timeoutMs, what: `an answer to /planbot ${text} (none in the command's response)` });
  return { ...result, answer: later.body.text ?? '', visibility: later.body.response_type ?? 'ephemeral' };
}

// What planbot sent into `conversation` (a channel, DM or user id) since `since` (ms): posts
// and ephemeral messages.
export function sentTo(standIn, conversation, since = 0) {
  const channel = standIn.conversationOf(conversation);
  return [...standIn.messages, ...standIn.ephemerals].filter((m) => m.channel === channel && m.at >= since);
}
