// End to end: Slack's refusals. A 429 with Retry-After: 2 on chat.postMessage: planbot waits
// the two seconds, then the reply arrives, once. A channel Slack says is gone
// (channel_not_found): the admins hear of it in their DM, and planbot stops writing there.
// "Once" and "no more" are counted after a sentinel: a question afterwards in the same DM
// is answered after anything queued before it; for the lost channel, where nothing can be
// answered, after planbot's outbox is empty.
// Run: PLANBOT_BINARY=/path/to/planbot node --test slack_outage.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { waitFor } from '../telegram/util.mjs';
import { plainText } from './stand_in.mjs';
import { SLOW, askInDm, fileOwner, outboxSettled, person, sentTo, slash, startSlackStack } from './stack.mjs';

const SIGNING_SECRET = 'e2e-slack-outage-secret-5Pv';
const anne = person('UANNE', 'anne', 'Anne Admin');
const kari = person('UKARI', 'kari', 'Kari Nordmann');
const GONE = 'C0GAMMEL';
// /ferdig's thanks (commands/work/confirmations.cpp): «✅ <the deadline> er ferdig. Takk, Anne!».
const THANKS = /^✅ .+ er ferdig\. Takk, Anne!/;

const owner = fileOwner();
let stack;
before(async () => {
  stack = await startSlackStack(owner, { signingSecret: SIGNING_SECRET, env: { PLANBOT_ADMINS: `slack:${anne.id}` } });
  for (const user of [anne, kari]) stack.standIn.addUser(user);
  stack.standIn.channelNames.set(GONE, 'okonomi-gammel');
  // 20 March 2026, 10:00 in Oslo: task 9 (kasserer) is due on 31 March.
  await stack.start({ at: Date.parse('2026-03-20T09:00:00Z') });
});
after(() => owner.close());

test('a 429 with Retry-After: 2 holds the reply two seconds; then it arrives, once', { timeout: 30000 * SLOW }, async (t) => {
  const { standIn } = stack;
  const dm = standIn.dmOf(kari.id);
  const toKari = (body) => standIn.conversationOf(body.channel ?? '') === dm;
  const calls = () => standIn.callsOf('chat.postMessage').filter((call) => toKari(call.body));
  standIn.failNext('chat.postMessage', 1, { status: 429, retryAfter: 2 }, toKari);
  const delivery = await standIn.sendEvent(standIn.directMessage({ user: kari, text: 'hva skjer i mai' }));
  assert.equal(delivery.status, 200);
  const reply = await waitFor(() => sentTo(standIn, dm)[0], { timeoutMs: 15000 * SLOW, what: 'the reply after the 429' });
  assert.match(plainText(reply), /mai 2026/);
  const [limited, next] = calls();
  assert.equal(limited.answer.status, 429);
  assert.ok(next, 'a second try');
  const waited = next.at - limited.answeredAt;
  assert.ok(waited >= 1900, `planbot waited ${waited} ms after Retry-After: 2`);
  t.diagnostic(`the second try came ${waited} ms after the 429`);
  const sentinel = await askInDm(standIn, kari, 'hva skjer i juni', { expected: /juni 2026/ });
  assert.deepEqual(sentTo(standIn, dm).map((m) => m.ts), [reply.ts, sentinel.ts], 'the reply arrives once');
  assert.equal(calls().length, 3, 'for the reply one try refused, one accepted, no others; then the sentinel\'s answer');
});

test('a channel Slack says is gone: the admins are told in their DM, and planbot stops writing there', { timeout: 40000 * SLOW }, async (t) => {
  const { standIn } = stack;
  // Anne takes the kasserer role, invites planbot into the channel and binds it to the
  // role; confirmations go there.
  await askInDm(standIn, anne, 'hei');
  assert.match((await slash(standIn, anne, 'rolle gi kasserer meg')).answer, /har fått rollen Kasserer/);
  assert.equal((await standIn.inviteBot(GONE, anne)).status, 200);
  assert.match((await slash(standIn, anne, 'kanal kasserer', { channel: GONE })).answer, /^Denne gruppa er nå kanal for Kasserer\./);
  await outboxSettled(stack.bot); // nothing from the set-up still on its way when the channel goes
  standIn.breakChannel(GONE, 'channel_not_found');

  const since = Date.now();
  const done = await slash(standIn, anne, 'ferdig 9 betalt inn');
  assert.match(done.answer, THANKS);
  assert.match(done.answer, /Kommentar: betalt inn/);
  const attempt = await standIn.waitForCall('chat.postMessage', (call) => call.body.channel === GONE && call.at >= since && call.answer,
    { what: 'the confirmation on its way to the channel' });
  assert.equal(attempt.answer.body.error, 'channel_not_found');
  const notice = await waitFor(() => sentTo(standIn, anne.id, since).find((m) => /kan ikke lenger skrive/.test(plainText(m))),
    { timeoutMs: 10000 * SLOW, what: 'the notice to the admin that the channel is lost' });
  assert.match(plainText(notice), /okonomi-gammel|C0GAMMEL/, `the notice names the channel: ${plainText(notice)}`);
  t.diagnostic(`the notice: ${plainText(notice)}`);

  // A second confirmation for the kasserer's channel is not sent there.
  const before = standIn.callsOf('chat.postMessage').filter((call) => call.body.channel === GONE).length;
  assert.match((await slash(standIn, anne, 'ferdig 10')).answer, THANKS);
  await outboxSettled(stack.bot);
  assert.equal(standIn.callsOf('chat.postMessage').filter((call) => call.body.channel === GONE).length, before,
    'no more posts to the lost channel');
});
