// Crash tests on Slack: planbot is killed with SIGKILL after it answered 200 to an event and
// before its reply reached Slack, and restarted on the same database: the reply comes,
// exactly once, and SQLite's integrity check passes. Twice: once while the reply waits out
// Slack's 429 (Retry-After far away), once while planbot's chat.postMessage is on its way,
// Slack holding it unanswered (the held call dies with planbot, unhandled: a request cut
// off before Slack took it).
// Run: PLANBOT_BINARY=/path/to/planbot node --test slack_crash.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDatabase } from '../telegram/crash_support.mjs';
import { waitFor } from '../telegram/util.mjs';
import { plainText } from './stand_in.mjs';
import { SLOW, askInDm, person, sentTo, startSlackStack } from './stack.mjs';

const SIGNING_SECRET = 'e2e-slack-crash-secret-6Nc';
const START = Date.parse('2026-11-28T09:00:00Z'); // 10:00 in Oslo

// After the restart: the reply reaches `user`'s DM, and no second copy follows: their next
// question (the sentinel, «hva skjer i juni») is answered after anything queued before it.
async function exactlyOneReply(standIn, user, expected) {
  const [reply] = await waitFor(() => sentTo(standIn, user.id).length && sentTo(standIn, user.id),
    { timeoutMs: 15000 * SLOW, what: 'the reply stored before the kill to be sent after the restart' });
  assert.match(plainText(reply), expected);
  await noSecondCopy(standIn, user);
  return reply;
}

const sentinelAnswers = new Set();
async function noSecondCopy(standIn, user) {
  sentinelAnswers.add(await askInDm(standIn, user, 'hva skjer i juni', { expected: /juni 2027/ }));
  const replies = sentTo(standIn, user.id).filter((m) => !sentinelAnswers.has(m));
  assert.equal(replies.length, 1, `exactly one reply: ${replies.map((m) => plainText(m)).join(' | ')}`);
}

async function databaseSound(databasePath) {
  const check = await checkDatabase(databasePath);
  assert.equal(check.code, 0, `planbot --check: ${check.output}`);
  assert.match(check.output, /^database: ok$/m);
}

test('kill -9 while the reply waits out a 429: after the restart it is sent once', { timeout: 60000 * SLOW }, async (t) => {
  const stack = await startSlackStack(t, { signingSecret: SIGNING_SECRET });
  const { standIn } = stack;
  const kari = standIn.addUser(person('UKARI', 'kari', 'Kari Nordmann'));
  const bot = await stack.start({ at: START });

  standIn.failNext('chat.postMessage', 1000, { status: 429, retryAfter: 30 });
  const delivery = await standIn.sendEvent(standIn.directMessage({ user: kari, text: 'hva skjer i mai' }), { retries: 0 });
  assert.equal(delivery.status, 200);
  await standIn.waitForCall('chat.postMessage', (call) => call.answer?.status === 429, { what: 'planbot\'s first try, answered 429' });
  const exit = await bot.kill('SIGKILL');
  assert.equal(exit.signal, 'SIGKILL');
  await databaseSound(stack.databasePath);

  standIn.clearFailures();
  await stack.start({ at: stack.clockAfter(bot) });
  await exactlyOneReply(standIn, kari, /mai 2027/);
});

test('kill -9 while Slack holds planbot\'s chat.postMessage: after the restart the reply is sent once', { timeout: 60000 * SLOW }, async (t) => {
  const stack = await startSlackStack(t, { signingSecret: SIGNING_SECRET });
  const { standIn } = stack;
  const ola = standIn.addUser(person('UOLA', 'ola', 'Ola Berg'));
  const bot = await stack.start({ at: START });

  standIn.hold('chat.postMessage');
  const delivery = await standIn.sendEvent(standIn.directMessage({ user: ola, text: 'når er landsmøtet?' }), { retries: 0 });
  assert.equal(delivery.status, 200);
  await standIn.waitForCall('chat.postMessage', (call) => call.held, { what: 'planbot\'s reply on its way, held by Slack' });
  const exit = await bot.kill('SIGKILL');
  assert.equal(exit.signal, 'SIGKILL');
  await waitFor(() => standIn.callsOf('chat.postMessage').every((call) => call.callerGone),
    { timeoutMs: 5000 * SLOW, what: 'the held call\'s connection to close with planbot' });
  await standIn.release();
  assert.equal(standIn.messages.length, 0, 'nothing reached Slack before the kill');
  assert.ok(standIn.callsOf('chat.postMessage').every((call) => call.dropped), 'the held call died with planbot');
  await databaseSound(stack.databasePath);

  await stack.start({ at: stack.clockAfter(bot) });
  await exactlyOneReply(standIn, ola, /Landsmøte/);
  // Slack retrying the event to the new planbot changes nothing.
  assert.equal((await standIn.redeliver(delivery.raw, { retryNum: 1, reason: 'http_timeout' })).status, 200);
  await noSecondCopy(standIn, ola);
});
