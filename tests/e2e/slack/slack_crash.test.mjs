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
import { sleep, waitFor } from '../telegram/util.mjs';
import { plainText } from './stand_in.mjs';
import { person, sentTo, startSlackStack } from './stack.mjs';

const SIGNING_SECRET = 'e2e-slack-crash-secret-6Nc';
const START = Date.parse('2026-11-28T09:00:00Z'); // 10:00 in Oslo

// After the restart: the reply reaches Slack, and no second copy follows.
async function exactlyOneReply(standIn, conversation) {
  const [reply] = await waitFor(() => sentTo(standIn, conversation).length && sentTo(standIn, conversation),
    { timeoutMs: 15000, what: 'the reply stored before the kill to be sent after the restart' });
  await sleep(2000);
  assert.equal(sentTo(standIn, conversation).length, 1, 'exactly one reply');
  return reply;
}

async function databaseSound(databasePath) {
  const check = await checkDatabase(databasePath);
  assert.equal(check.code, 0, `planbot --check: ${check.output}`);
  assert.match(check.output, /^database: ok$/m);
}

test('kill -9 while the reply waits out a 429: after the restart it is sent once', { timeout: 60000 }, async (t) => {
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
  const reply = await exactlyOneReply(standIn, kari.id);
  assert.match(plainText(reply), /mai 2027/);
});

test('kill -9 while Slack holds planbot\'s chat.postMessage: after the restart the reply is sent once', { timeout: 60000 }, async (t) => {
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
  await sleep(200); // the held call's connection closes
  await standIn.release();
  assert.equal(standIn.messages.length, 0, 'nothing reached Slack before the kill');
  assert.ok(standIn.callsOf('chat.postMessage').every((call) => call.dropped), 'the held call died with planbot');
  await databaseSound(stack.databasePath);

  await stack.start({ at: stack.clockAfter(bot) });
  const reply = await exactlyOneReply(standIn, ola.id);
  assert.match(plainText(reply), /Landsmøte/);
  // Slack retrying the event to the new planbot changes nothing.
  assert.equal((await standIn.redeliver(delivery.raw, { retryNum: 1, reason: 'http_timeout' })).status, 200);
  await sleep(1500);
  assert.equal(sentTo(standIn, ola.id).length, 1, 'still exactly one reply');
});
