// End to end: only what Slack signed gets in, and what Slack delivers twice is answered once.
// A delivery with a wrong signature, a timestamp more than five minutes from the time (either
// way), a missing header or a body changed after signing is refused with 401, is not
// answered and leaves nothing in the database; the same body signed properly is then
// answered. planbot's own clock stands at 28 November 2026 here: Slack's timestamps are
// checked against the real time, as Slack signs them (see stack.mjs). An event delivered again (Slack's retry) or while planbot is still on the first
// delivery (Slack lost patience) gets one answer. "No answer" and "once" are counted after a
// sentinel: a later question in the same DM, answered after anything queued before it.
// Run: PLANBOT_BINARY=/path/to/planbot node --test slack_security.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../telegram/util.mjs';
import { plainText } from './stand_in.mjs';
import { SLOW, askInDm, fileOwner, person, sentTo, startSlackStack } from './stack.mjs';

const SIGNING_SECRET = 'e2e-slack-security-secret-8Hd';
const PYTHON = process.env.PLANBOT_TEST_PYTHON ?? '/usr/bin/python3';
const FIND_IN_DATABASE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../telegram/find_in_database.py');
const kari = person('UKARI', 'kari', 'Kari Nordmann');
const ola = person('UOLA', 'ola', 'Ola Berg');
const per = person('UPER', 'per', 'Per Hansen');

const owner = fileOwner();
let stack;
before(async () => {
  stack = await startSlackStack(owner, { signingSecret: SIGNING_SECRET });
  await stack.start({ at: Date.parse('2026-11-28T09:00:00Z') });
});
after(() => owner.close());

// `user` asks «hva skjer i juli» in their DM, the sentinel; resolves with its answer.
const sentinel = (user) => askInDm(stack.standIn, user, 'hva skjer i juli', { expected: /juli 2027/ });

// Where in the database each needle is (tests/e2e/telegram/find_in_database.py), read-only.
const findInDatabase = (...needles) =>
  JSON.parse(execFileSync(PYTHON, [FIND_IN_DATABASE, stack.databasePath, ...needles], { encoding: 'utf8' }));

test('a delivery not signed by Slack is refused with 401, unanswered and unstored; signed, it is answered', { timeout: 30000 * SLOW }, async () => {
  const { standIn } = stack;
  // Someone new, so that any trace of them in the database can only come from these deliveries.
  const stranger = person(`U${randomBytes(5).toString('hex').toUpperCase()}`, 'ukjent', 'Ukjent Person');
  const dm = standIn.dmOf(stranger.id);
  const event = standIn.directMessage({ user: stranger, text: 'hva skjer i mai' });
  const eventId = standIn.nextEventId();
  const once = { eventId, retries: 0 };
  const refusals = {
    'a wrong signing secret': { sign: { secret: 'not-the-signing-secret' } },
    'a timestamp 6 minutes old': { sign: { skewSeconds: -360 } },
    'a timestamp 6 minutes ahead': { sign: { skewSeconds: 360 } },
    'no signature header': { sign: { omit: 'signature' } },
    'no timestamp header': { sign: { omit: 'timestamp' } },
    'a signature that is no hex': { sign: { signature: 'v0=not-a-signature' } },
  };
  for (const [what, options] of Object.entries(refusals)) {
    const delivery = await standIn.sendEvent(event, { ...once, ...options });
    assert.equal(delivery.status, 401, `${what}: ${delivery.status} ${delivery.text}`);
  }
  // The body changed after Slack signed it (a user id swapped in).
  const signed = JSON.stringify({ token: 'x', team_id: 'T0TEST', api_app_id: 'A0TEST', type: 'event_callback', event_id: eventId,
    event_time: standIn.timestamp(), event: { ...event, user: per.id } });
  const tampered = await standIn.deliver('/slack/events', signed, 'application/json', { sentRaw: signed.replace(per.id, stranger.id) });
  assert.equal(tampered.status, 401, 'a body changed after signing');
  // The other routes refuse the same way.
  assert.equal((await standIn.urlVerification('abc', { sign: { secret: 'wrong' } })).status, 401, 'url_verification');
  assert.equal((await standIn.slashCommand({ user: stranger, text: 'hjelp' }, { sign: { secret: 'wrong' } })).status, 401, '/slack/commands');
  const button = { ts: '1700000000.000100', channel: dm, text: 'x', blocks: [{ type: 'actions', block_id: 'b', elements: [
    { type: 'button', action_id: 'planbot_done', text: { type: 'plain_text', text: '✅ Ferdig' }, value: 'x' }] }] };
  assert.equal((await standIn.pressButton(button, stranger, { sign: { skewSeconds: -400 } })).status, 401, '/slack/interactivity');

  // planbot stores what it takes before it answers the delivery: nothing, here.
  const traces = findInDatabase(stranger.id, dm, eventId);
  assert.deepEqual(traces, { [stranger.id]: [], [dm]: [], [eventId]: [] }, 'nothing of the refused deliveries was stored');

  // The same event, signed properly now, is answered: a refusal did not use up its event_id.
  // It is the sentinel too: the first and only answer in the stranger's DM.
  const good = await standIn.sendEvent(event, once);
  assert.equal(good.status, 200);
  const answer = await waitFor(() => sentTo(standIn, dm)[0], { timeoutMs: 8000 * SLOW, what: 'the answer to the signed delivery' });
  assert.match(plainText(answer), /mai 2027/);
  const last = await sentinel(stranger);
  assert.deepEqual(sentTo(standIn, dm).map((m) => m.ts), [answer.ts, last.ts], 'nothing answered but the signed delivery (and the sentinel)');
});

test('an event delivered again by Slack (X-Slack-Retry-Num: 1) is answered once', { timeout: 20000 * SLOW }, async () => {
  const { standIn } = stack;
  const dm = standIn.dmOf(kari.id);
  const first = await standIn.sendEvent(standIn.directMessage({ user: kari, text: 'hva skjer i juni' }), { retries: 0 });
  assert.equal(first.status, 200);
  const again = await standIn.redeliver(first.raw, { retryNum: 1, reason: 'http_timeout' });
  assert.equal(again.status, 200, 'a retry is acknowledged, so that Slack stops');
  await waitFor(() => sentTo(standIn, dm).length, { timeoutMs: 8000 * SLOW, what: 'the answer' });
  // Later retries, and one after the answer went out, change nothing.
  assert.equal((await standIn.redeliver(first.raw, { retryNum: 2, reason: 'http_error' })).status, 200);
  const last = await sentinel(kari);
  const sent = sentTo(standIn, dm);
  assert.deepEqual(sent.map((m) => m.ts).slice(1), [last.ts], `exactly one answer before the sentinel's: ${sent.map((m) => plainText(m)).join(' | ')}`);
  assert.match(plainText(sent[0]), /juni 2027/);
});

test('an event Slack gave up waiting for, and resent three times while planbot was on it, is answered once', { timeout: 20000 * SLOW }, async () => {
  const { standIn } = stack;
  const dm = standIn.dmOf(ola.id);
  // No patience at all: each attempt counts as timed out, and the next goes at once, so the
  // four copies reach planbot while the first may still be in its transaction.
  const delivery = await standIn.sendEvent(standIn.directMessage({ user: ola, text: 'når er landsmøtet?' }),
    { patienceMs: 0, retries: 3, retryDelaysMs: [0, 0, 0] });
  await Promise.all(delivery.attempts.map((attempt) => attempt.answered));
  assert.deepEqual(delivery.attempts.map((attempt) => attempt.status), [200, 200, 200, 200], 'every copy acknowledged');
  await waitFor(() => sentTo(standIn, dm).length, { timeoutMs: 8000 * SLOW, what: 'the answer' });
  const last = await sentinel(ola);
  const sent = sentTo(standIn, dm);
  assert.deepEqual(sent.map((m) => m.ts).slice(1), [last.ts], `exactly one answer before the sentinel's: ${sent.map((m) => plainText(m)).join(' | ')}`);
  assert.match(plainText(sent[0]), /Landsmøte/);
});
