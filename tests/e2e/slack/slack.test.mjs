// End to end: planbot on Slack, the real binary against the Slack stand-in (stand_in.mjs).
// Questions by mention, in a DM and by /planbot are answered where they were asked; what is
// not for the bot (other people's talk, bots, planbot itself, edits) gets no answer; an
// admin gives a role by mentioning the person, and no one else can; a slash command is
// answered in time even while Slack is slow to say who typed it.
//
// "No answer" is counted after a sentinel: a question sent afterwards into the same
// conversation, whose answer planbot queues after anything it meant for what came before.
// Run: PLANBOT_BINARY=/path/to/planbot node --test slack.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { waitFor } from '../telegram/util.mjs';
import { BOT_ID, BOT_USER_ID, plainText } from './stand_in.mjs';
import { SLACK_DEADLINE_CHECKED, SLOW, askInDm, fileOwner, person, sentTo, slash, startSlackStack } from './stack.mjs';

const SIGNING_SECRET = 'e2e-slack-signing-secret-4Tb';
const anne = person('UANNE', 'anne', 'Anne Admin');
const kari = person('UKARI', 'kari', 'Kari Nordmann');
const per = person('UPER', 'per', 'Per Hansen');
const STYRET = 'C0STYRET';
const MAY = /mai 2027/;            // 28 November 2026: the next May is 2027's
const MAY_DAY = /1\. mai/;         // the plan's fixed day in May

const owner = fileOwner();
let stack;
before(async () => {
  stack = await startSlackStack(owner, { signingSecret: SIGNING_SECRET, env: { PLANBOT_ADMINS: `slack:${anne.id}` } });
  for (const user of [anne, kari, per]) stack.standIn.addUser(user);
  stack.standIn.channelNames.set(STYRET, 'styret');
  // 28 November 2026, 10:00 in Oslo, at the speed of real time.
  await stack.start({ at: Date.parse('2026-11-28T09:00:00Z') });
});
after(() => owner.close());

// Sends `event` and expects Slack's delivery to be answered 200 at once (no retry needed;
// under a sanitizer, see SLACK_DEADLINE_CHECKED, Slack's retries are allowed).
async function deliver(event) {
  const delivery = await stack.standIn.sendEvent(event);
  assert.equal(delivery.status, 200, `delivery of ${event.type} «${event.text}»: ${delivery.status} ${delivery.text ?? delivery.error}`);
  if (SLACK_DEADLINE_CHECKED) assert.equal(delivery.attempts.length, 1, 'answered within Slack\'s 3 seconds, without a retry');
  return delivery;
}

// `user` asks «hva skjer i juni» in `channel` with a mention: the sentinel. Resolves with its answer.
async function sentinel(user, channel) {
  const since = Date.now();
  await deliver(stack.standIn.mention({ user, channel, text: `<@${BOT_USER_ID}> hva skjer i juni` }));
  return stack.standIn.waitForMessage((m) => m.channel === channel && m.at >= since && /juni 2027/.test(plainText(m)),
    { what: `the answer to the sentinel question in ${channel}` });
}

test('Slack\'s url_verification is answered with its challenge', { timeout: 15000 * SLOW }, async () => {
  const challenge = '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P';
  const answer = await stack.standIn.urlVerification(challenge);
  assert.equal(answer.status, 200);
  // Slack takes the challenge as plain text or as JSON {"challenge": …}.
  let echoed = answer.text.trim();
  try { echoed = JSON.parse(answer.text).challenge ?? echoed; } catch { /* plain text */ }
  assert.equal(echoed, challenge);
});

test('«@planbot hva skjer i mai» in a channel is answered in that channel', { timeout: 15000 * SLOW }, async () => {
  const { standIn } = stack;
  await deliver(standIn.mention({ user: per, channel: STYRET, text: `<@${BOT_USER_ID}> hva skjer i mai` }));
  const answer = await standIn.waitForMessage((m) => m.channel === STYRET, { what: 'an answer in the channel' });
  assert.equal(answer.requestedChannel, STYRET, 'posted to the channel itself');
  assert.match(plainText(answer), MAY);
  assert.match(plainText(answer), MAY_DAY);
  const call = standIn.callsOf('chat.postMessage').find((c) => c.body.channel === STYRET);
  assert.match(call.headers['content-type'], /^application\/json/);
});

test('a mention that also comes as a channel message (an app subscribed to both) is answered once', { timeout: 15000 * SLOW }, async () => {
  // Slack sends an app subscribed to message.channels and app_mention both events for one
  // message: two event_ids, the same channel and ts.
  const { standIn } = stack;
  const channel = 'C0LAGET';
  const mention = standIn.mention({ user: kari, channel, text: `<@${BOT_USER_ID}> når er 1. mai` });
  const asMessage = { ...standIn.channelMessage({ user: kari, channel, text: mention.text }), ts: mention.ts, event_ts: mention.ts };
  await deliver(mention);
  await deliver(asMessage);
  const last = await sentinel(per, channel);
  const sent = sentTo(standIn, channel);
  assert.equal(sent.length, 2, `one answer to the mention, one to the sentinel: ${sent.map((m) => plainText(m)).join(' | ')}`);
  assert.match(plainText(sent[0]), MAY_DAY);
  assert.equal(sent[1], last);
});

test('a question in a DM is answered in the DM', { timeout: 15000 * SLOW }, async () => {
  const answer = await askInDm(stack.standIn, kari, 'hva skjer i mai');
  assert.equal(answer.channel, stack.standIn.dmOf(kari.id));
  assert.ok([kari.id, answer.channel].includes(answer.requestedChannel), `posted to ${answer.requestedChannel}`);
  assert.match(plainText(answer), MAY);
  assert.match(plainText(answer), MAY_DAY);
});

test('«hei alle sammen» in a channel, not for the bot, gets no answer', { timeout: 15000 * SLOW }, async () => {
  const { standIn } = stack;
  const channel = 'C0PRAT';
  const since = Date.now();
  await deliver(standIn.channelMessage({ user: kari, channel, text: 'hei alle sammen' }));
  await deliver(standIn.channelMessage({ user: per, channel, text: 'hei Kari, kommer du på møtet?' }));
  // A question to the bot afterwards is answered: what came before was read, and left alone.
  await deliver(standIn.mention({ user: per, channel, text: `<@${BOT_USER_ID}> hva skjer i mai` }));
  await standIn.waitForMessage((m) => m.channel === channel && MAY.test(plainText(m)), { what: 'the answer to the question' });
  const sent = sentTo(standIn, channel, since);
  assert.equal(sent.length, 1, `one answer, to the question: ${sent.map((m) => plainText(m)).join(' | ')}`);
  assert.match(plainText(sent[0]), MAY);
});

test('messages from bots, planbot\'s own included, and edited messages get no answer', { timeout: 20000 * SLOW }, async () => {
  const { standIn } = stack;
  const dm = standIn.dmOf(per.id);
  const since = Date.now();
  // planbot's own message, as Slack delivers it back to the app (message.im).
  await deliver({ ...standIn.directMessage({ user: BOT_USER_ID, text: 'hva skjer i mai', channel: dm }),
    bot_id: BOT_ID, app_id: 'A0TEST', bot_profile: { id: BOT_ID, name: 'planbot', app_id: 'A0TEST' } });
  // Another bot's, in the DM and mentioning planbot in a channel.
  await deliver({ ...standIn.directMessage({ user: 'UOTHERBOT', text: 'hva skjer i mai', channel: dm }), subtype: 'bot_message',
    bot_id: 'BOTHER', username: 'Annen bot' });
  await deliver({ ...standIn.mention({ user: 'UOTHERBOT', channel: 'C0BOTS', text: `<@${BOT_USER_ID}> hva skjer i mai` }), bot_id: 'BOTHER' });
  // Per edits an old message into a question: Slack's message_changed.
  const old = standIn.directMessage({ user: per, text: 'hei' });
  const ts = standIn.nextTs();
  await deliver({ type: 'message', subtype: 'message_changed', hidden: true, channel: dm, channel_type: 'im', ts, event_ts: ts,
    message: { type: 'message', user: per.id, text: 'hva skjer i juni', ts: old.ts, edited: { user: per.id, ts }, client_msg_id: old.client_msg_id },
    previous_message: { type: 'message', user: per.id, text: 'hei', ts: old.ts, client_msg_id: old.client_msg_id } });

  // Per's own question afterwards is answered, and is the only thing answered; in the
  // channel, a person's question afterwards is the only thing answered.
  const answer = await askInDm(standIn, per, 'hva skjer i mai', { expected: MAY });
  assert.deepEqual(sentTo(standIn, dm, since).map((m) => plainText(m)), [plainText(answer)], 'only Per\'s question is answered');
  const inChannel = await sentinel(per, 'C0BOTS');
  assert.deepEqual(sentTo(standIn, 'C0BOTS', since).map((m) => plainText(m)), [plainText(inChannel)], 'only Per\'s mention is answered');
});

test('/planbot hva skjer i mai is answered in the command\'s response, visible only to the asker', { timeout: 15000 * SLOW }, async () => {
  const since = Date.now();
  const result = await slash(stack.standIn, kari, 'hva skjer i mai', { channel: STYRET });
  assert.equal(result.visibility, 'ephemeral');
  assert.match(result.answer, MAY);
  assert.match(result.answer, MAY_DAY);
  const last = await sentinel(kari, STYRET);
  assert.deepEqual(sentTo(stack.standIn, STYRET, since).map((m) => plainText(m)), [plainText(last)],
    'nothing posted to the channel for everyone but the answer to the sentinel');
});

test('/planbot hjelp is answered with what planbot can do', { timeout: 15000 * SLOW }, async () => {
  const result = await slash(stack.standIn, per, 'hjelp');
  assert.match(result.answer, /Jeg er planbot/);
  assert.match(result.answer, /hva skjer i mai/);
});

test('an admin gives a role by mentioning the person in /planbot rolle gi', { timeout: 20000 * SLOW }, async () => {
  const { standIn } = stack;
  await askInDm(standIn, kari, 'hei'); // Kari has written to the bot, so it knows her
  // Slack sends a mention in a slash command's text as <@U…|name> ("Escape channels, users,
  // and links" on, as a command that takes people needs).
  const given = await slash(standIn, anne, `rolle gi kasserer <@${kari.id}|${kari.name}>`, { channel: STYRET });
  assert.match(given.answer, /har fått rollen Kasserer/);
  const roles = await slash(standIn, kari, 'mineroller');
  assert.match(roles.answer, /Kasserer/);
  // Whoever gets a role gets its handover privately.
  await waitFor(() => standIn.messagesIn(kari.id).find((m) => /Overlevering/.test(plainText(m))),
    { timeoutMs: 8000 * SLOW, what: 'Kari\'s handover in her DM' });
  // Per, who is no admin, cannot.
  await askInDm(standIn, per, 'hei');
  const refused = await slash(standIn, per, `rolle gi kasserer <@${per.id}|${per.name}>`);
  assert.match(refused.answer, /^Beklager, bare en admin kan gi og fjerne roller\. Spør /);
  assert.doesNotMatch((await slash(standIn, per, 'mineroller')).answer, /Kasserer/, 'Per did not get the role');
});

test('a mention without |name (<@U…>) in /planbot rolle gi gives the role, and the answer names the person', { timeout: 20000 * SLOW }, async () => {
  // Slack leaves the name out of a mention's escape in newer payloads: <@U…> alone.
  const { standIn } = stack;
  const ola = standIn.addUser(person('UOLA', 'ola', 'Ola Berg'));
  await askInDm(standIn, ola, 'hei'); // Ola has written to the bot, so it knows his name
  const given = await slash(standIn, anne, `rolle gi fylkesleder <@${ola.id}>`, { channel: STYRET });
  assert.match(given.answer, /har fått rollen Fylkesleder/);
  assert.match((await slash(standIn, ola, 'mineroller')).answer, /^Rollen din: Fylkesleder/);
  // Not «UOLA har fått rollen …»: a member ID in plain text is no name to a reader.
  assert.doesNotMatch(given.answer, new RegExp(ola.id), 'the answer names Ola, not his member ID');
  assert.match(given.answer, /^(Ola Berg|ola) har fått rollen Fylkesleder/);
});

test('a slash command from someone new is answered within Slack\'s 3 s while users.info hangs', { timeout: 20000 * SLOW }, async () => {
  // planbot asks users.info for a name it does not know, but waits at most a second for it.
  const { standIn } = stack;
  const newcomer = standIn.addUser(person('UNYKOMMER', 'nykommer', 'Nina Nykommer'));
  standIn.hold('users.info');
  try {
    const since = Date.now();
    const result = await slash(standIn, newcomer, 'hjelp');
    const first = result.attempts[0];
    const limitMs = SLACK_DEADLINE_CHECKED ? 3000 : 3000 * SLOW;
    assert.ok(first.answeredAt - first.at < limitMs, `planbot answered after ${first.answeredAt - first.at} ms (limit ${limitMs} ms)`);
    assert.match(result.answer, /Jeg er planbot/);
    assert.ok(standIn.callsOf('users.info').some((call) => call.held && call.at >= since && call.body.user === newcomer.id),
      'planbot asked Slack for the newcomer\'s name, and Slack held the answer');
  } finally {
    await standIn.release();
  }
});
