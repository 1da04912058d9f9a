// Self-test of the Slack stand-in, without planbot: it signs as Slack signs (Slack's own
// worked example), answers and records the Web API as the e2e tests rely on, fails and holds
// on command, and delivers events, slash commands and button presses in Slack's shapes,
// retrying like Slack.
// Run: node --test stand_in.test.mjs
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { httpRequest, sleep, waitFor } from '../telegram/util.mjs';
import { BOT_USER_ID, TEAM_ID, plainText, slackSignature, startSlackStandIn } from './stand_in.mjs';

const TOKEN = 'xoxb-test-token';
const SECRET = 'stand-in-self-test-secret';

// "Verifying requests from Slack" (api.slack.com / docs.slack.dev): a slash command's body,
// the example signing secret and timestamp, and the signature Slack computed.
const EXAMPLE = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V'
    + '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text='
    + '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN'
    + '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

// A throwaway planbot: records each request (headers, raw body) and answers `reply(request)`:
// { status, body, delayMs }.
async function startReceiver(reply = () => ({ status: 200 })) {
  const received = [];
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => { raw += chunk; });
    request.on('end', async () => {
      const entry = { url: request.url, headers: request.headers, raw };
      received.push(entry);
      const { status, body = '', delayMs = 0 } = reply(entry);
      if (delayMs) await sleep(delayMs);
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

const api = (standIn, method, body, token = TOKEN) => httpRequest(`${standIn.url}/api/${method}`, {
  body, headers: token === null ? {} : { authorization: `Bearer ${token}` } }).then((answer) => ({ ...answer, json: JSON.parse(answer.text) }));
const verified = (entry, secret = SECRET) =>
  entry.headers['x-slack-signature'] === slackSignature(secret, entry.headers['x-slack-request-timestamp'], entry.raw);

test('it signs Slack\'s worked example exactly as Slack does', () => {
  assert.equal(slackSignature(EXAMPLE.secret, EXAMPLE.timestamp, EXAMPLE.body), EXAMPLE.signature);
  assert.equal(slackSignature(EXAMPLE.secret, String(EXAMPLE.timestamp), EXAMPLE.body), EXAMPLE.signature);
  assert.notEqual(slackSignature(EXAMPLE.secret, EXAMPLE.timestamp + 1, EXAMPLE.body), EXAMPLE.signature);
});

test('the Web API checks the token, answers as Slack and records every call', { timeout: 10000 }, async (t) => {
  const standIn = await startSlackStandIn({ token: TOKEN, signingSecret: SECRET });
  t.after(() => standIn.stop());

  const auth = await api(standIn, 'auth.test', {});
  assert.deepEqual(auth.json, { ok: true, url: 'https://test.slack.com/', team: 'Test', user: 'planbot',
    team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: 'BPLANBOT' });
  assert.equal((await api(standIn, 'auth.test', {}, 'xoxb-wrong')).json.error, 'invalid_auth');
  assert.equal((await api(standIn, 'auth.test', {}, null)).json.error, 'not_authed');

  // A channel takes posts once the bot is in it; a DM always does.
  assert.equal((await api(standIn, 'chat.postMessage', { channel: 'C0STYRET', text: 'for tidlig' })).json.error, 'not_in_channel');
  assert.equal((await api(standIn, 'chat.postEphemeral', { channel: 'C0STYRET', user: 'UOLA', text: 'for tidlig' })).json.error, 'not_in_channel');
  standIn.joinChannel('C0STYRET');
  // A post to a user lands in their DM; timestamps are unique and increasing.
  const first = (await api(standIn, 'chat.postMessage', { channel: 'UKARI', text: 'Hei &amp; velkommen' })).json;
  const second = (await api(standIn, 'chat.postMessage', { channel: 'C0STYRET', text: 'to', thread_ts: first.ts })).json;
  assert.equal(first.ok, true);
  assert.equal(first.channel, 'DKARI');
  assert.match(first.ts, /^\d{10}\.\d{6}$/);
  assert.ok(Number(second.ts) > Number(first.ts));
  assert.equal(second.channel, 'C0STYRET');
  assert.equal(standIn.messagesIn('UKARI').length, 1);
  assert.equal(plainText(standIn.messagesIn('DKARI')[0]), 'Hei & velkommen');
  assert.equal(standIn.messages[1].thread_ts, first.ts);
  const call = standIn.callsOf('chat.postMessage').find((c) => c.answer.body.ok);
  assert.equal(call.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(call.body.channel, 'UKARI');
  assert.equal(call.answer.status, 200);

  // chat.update wants the DM's id, as Slack documents; the update is kept.
  assert.equal((await api(standIn, 'chat.update', { channel: 'UKARI', ts: first.ts, text: 'x' })).json.error, 'channel_not_found');
  assert.equal((await api(standIn, 'chat.update', { channel: 'DKARI', ts: '1.000001', text: 'x' })).json.error, 'message_not_found');
  const updated = (await api(standIn, 'chat.update', { channel: 'DKARI', ts: first.ts, text: 'endret' })).json;
  assert.deepEqual([updated.ok, updated.channel, updated.ts, updated.text], [true, 'DKARI', first.ts, 'endret']);
  assert.equal(standIn.messagesIn('DKARI')[0].updates.length, 1);

  const ephemeral = (await api(standIn, 'chat.postEphemeral', { channel: 'C0STYRET', user: 'UOLA', text: 'bare til deg' })).json;
  assert.equal(ephemeral.ok, true);
  assert.equal(standIn.ephemeralsFor('UOLA')[0].message_ts, ephemeral.message_ts);
  assert.equal((await api(standIn, 'chat.postEphemeral', { channel: 'C0STYRET', user: 'UOLA' })).json.error, 'no_text');
  assert.equal((await api(standIn, 'chat.postEphemeral', { channel: 'C0STYRET', user: 'UOLA', text: 'x',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '' } }] })).json.error, 'invalid_blocks');
  assert.equal(standIn.ephemerals.length, 1, 'only the accepted ephemeral is kept');

  // Blocks Slack would refuse are refused; a button is found by its action_id.
  const long = { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } };
  const refused = (await api(standIn, 'chat.postMessage', { channel: 'C0STYRET', text: 'y', blocks: [long] })).json;
  assert.equal(refused.error, 'invalid_blocks');
  assert.match(refused.errors[0], /3001 characters \[json-pointer:\/blocks\/0\/text\/text\]/);
  assert.equal((await api(standIn, 'chat.postMessage', { channel: 'C0STYRET' })).json.error, 'no_text');
  assert.equal((await api(standIn, 'apps.unknown', {})).json.error, 'unknown_method');
  // The app has no conversations scopes.
  assert.equal((await api(standIn, 'conversations.open', { users: 'UKARI' })).json.error, 'missing_scope');
  assert.equal((await api(standIn, 'conversations.info', { channel: 'C0STYRET' })).json.error, 'missing_scope');

  // A read method takes form arguments, as Slack's do; a JSON body is refused.
  standIn.addUser({ id: 'UKARI', name: 'kari', real_name: 'Kari Nordmann' });
  assert.equal((await api(standIn, 'users.info', { user: 'UKARI' })).json.error, 'invalid_arguments');
  const info = await httpRequest(`${standIn.url}/api/users.info`, { body: 'user=UKARI',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(JSON.parse(info.text).user.real_name, 'Kari Nordmann');
});

test('failures, broken channels and held answers come on command', { timeout: 10000 }, async (t) => {
  const standIn = await startSlackStandIn({ token: TOKEN, signingSecret: SECRET });
  t.after(() => standIn.stop());

  for (const channel of ['C0A', 'C0B']) standIn.joinChannel(channel);
  standIn.failNext('chat.postMessage', 1, { status: 429, retryAfter: 2 });
  standIn.failNext('chat.postMessage', 1, { error: 'not_in_channel' }, (body) => body.channel === 'C0B');
  const limited = await api(standIn, 'chat.postMessage', { channel: 'C0A', text: 'a' });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers['retry-after'], '2');
  assert.equal((await api(standIn, 'chat.postMessage', { channel: 'C0A', text: 'a' })).json.ok, true);
  assert.equal((await api(standIn, 'chat.postMessage', { channel: 'C0B', text: 'b' })).json.error, 'not_in_channel');
  assert.equal((await api(standIn, 'chat.postMessage', { channel: 'C0B', text: 'b' })).json.ok, true);
  standIn.breakChannel('C0B');
  assert.equal((await api(standIn, 'chat.postMessage', { channel: 'C0B', text: 'b' })).json.error, 'channel_not_found');
  assert.equal(standIn.messages.length, 2, 'only the accepted posts are messages');

  // A held call is answered on release; one whose caller hung up meanwhile is dropped.
  standIn.hold('chat.postMessage');
  const waiting = api(standIn, 'chat.postMessage', { channel: 'C0A', text: 'holdt' });
  const gone = httpRequest(`${standIn.url}/api/chat.postMessage`, { body: { channel: 'C0A', text: 'borte' },
    headers: { authorization: `Bearer ${TOKEN}` }, timeoutMs: 300 }).catch((error) => error);
  await waitFor(() => standIn.callsOf('chat.postMessage').filter((c) => c.held).length === 2, { what: 'two held calls' });
  assert.match((await gone).message, /timeout/);
  await waitFor(() => standIn.callsOf('chat.postMessage').some((c) => c.callerGone), { what: 'the hung-up call to be seen closed' });
  await standIn.release();
  assert.equal((await waiting).json.ok, true);
  assert.deepEqual(standIn.messagesIn('C0A').map((m) => m.text), ['a', 'holdt']);
  assert.equal(standIn.callsOf('chat.postMessage').filter((c) => c.dropped).length, 1);
});

test('deliveries are signed, shaped and retried like Slack\'s', { timeout: 20000 }, async (t) => {
  const standIn = await startSlackStandIn({ token: TOKEN, signingSecret: SECRET });
  t.after(() => standIn.stop());
  // The first event delivery is answered too late, the second attempt with a 500, the rest at once.
  const plan = [{ status: 200, delayMs: 400 }, { status: 500 }];
  const receiver = await startReceiver((entry) => (entry.url === '/slack/events' && plan.length ? plan.shift() : { status: 200, body: '{"text":"svar"}' }));
  t.after(() => receiver.stop());
  standIn.target = receiver.url;
  standIn.timestamp = () => 1700000000;

  const kari = standIn.addUser({ id: 'UKARI', name: 'kari', real_name: 'Kari Nordmann' });
  const event = standIn.mention({ user: kari, channel: 'C0STYRET', text: `<@${BOT_USER_ID}> hva skjer i mai` });
  const delivery = await standIn.sendEvent(event, { patienceMs: 200, retryDelaysMs: [0, 10] });
  assert.equal(delivery.status, 200);
  await waitFor(() => receiver.received.length === 3, { what: 'the late first attempt and two retries' });
  const [first, second, third] = receiver.received;
  assert.equal(first.raw, second.raw, 'a retry sends the same body');
  assert.equal(second.raw, third.raw);
  assert.ok(receiver.received.every((entry) => verified(entry)));
  assert.equal(first.headers['x-slack-request-timestamp'], '1700000000');
  assert.equal(first.headers['x-slack-retry-num'], undefined);
  assert.deepEqual([second.headers['x-slack-retry-num'], second.headers['x-slack-retry-reason']], ['1', 'http_timeout']);
  assert.deepEqual([third.headers['x-slack-retry-num'], third.headers['x-slack-retry-reason']], ['2', 'http_error']);
  const body = JSON.parse(first.raw);
  assert.equal(body.type, 'event_callback');
  assert.equal(body.event_id, delivery.eventId);
  assert.deepEqual(body.authorizations, [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }]);
  assert.deepEqual([body.event.type, body.event.user, body.event.channel, body.event.event_ts], ['app_mention', 'UKARI', 'C0STYRET', body.event.ts]);
  await waitFor(() => delivery.attempts[0].status === 200, { what: 'the late answer to be recorded' });

  // Wrong secret, skewed or missing headers, and a tampered body.
  const url = standIn.urlVerification('c4allenge', { sign: { secret: 'wrong' } });
  await url;
  assert.ok(!verified(receiver.received.at(-1)));
  assert.equal(JSON.parse(receiver.received.at(-1).raw).challenge, 'c4allenge');
  await standIn.urlVerification('x', { sign: { skewSeconds: -360 } });
  assert.equal(receiver.received.at(-1).headers['x-slack-request-timestamp'], String(1700000000 - 360));
  await standIn.urlVerification('x', { sign: { omit: 'signature' } });
  assert.equal(receiver.received.at(-1).headers['x-slack-signature'], undefined);
  await standIn.deliver('/slack/events', '{"a":1}', 'application/json', { sentRaw: '{"a":2}' });
  assert.ok(!verified(receiver.received.at(-1)));

  // A slash command: Slack's form fields, spaces as "+", the answer's text read from its JSON.
  const answer = await standIn.slashCommand({ user: kari, text: 'hva skjer i mai' });
  const form = receiver.received.at(-1);
  assert.equal(form.url, '/slack/commands');
  assert.equal(form.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.match(form.raw, /&command=%2Fplanbot&text=hva\+skjer\+i\+mai&/);
  const fields = Object.fromEntries(new URLSearchParams(form.raw));
  assert.deepEqual([fields.user_id, fields.user_name, fields.channel_id, fields.channel_name], ['UKARI', 'kari', 'DKARI', 'directmessage']);
  assert.ok(verified(form));
  assert.equal(answer.text, 'svar');
  assert.ok(answer.responseUrl.startsWith(`${standIn.url}/response/`));
  // Its response_url takes what chat.postMessage takes, five times.
  const later = (body) => httpRequest(answer.responseUrl, { body });
  assert.deepEqual(await later({ response_type: 'ephemeral' }).then((r) => [r.status, r.text]), [400, 'no_text']);
  assert.deepEqual(await later({ text: 'x', blocks: [{ type: 'bogus' }] }).then((r) => [r.status, r.text]), [400, 'invalid_blocks']);
  assert.equal((await later({ response_type: 'ephemeral', text: 'senere' })).status, 200);
  assert.equal(answer.laterResponses()[0].body.text, 'senere');
  assert.equal((await later({ text: 'fire' })).status, 200);
  assert.equal((await later({ text: 'fem' })).status, 200);
  assert.deepEqual(await later({ text: 'seks' }).then((r) => [r.status, r.text]), [404, 'used_url']);
  assert.deepEqual(answer.laterResponses().map((r) => r.body.text), ['senere', 'fire', 'fem']);

  // A press on the ✅ button of a posted message carries that message and the button's value.
  standIn.joinChannel('C0OKONOMI');
  await api(standIn, 'chat.postMessage', { channel: 'C0OKONOMI', text: 'Påminnelse nr. 9', blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: 'Påminnelse nr. 9' } },
    { type: 'actions', block_id: 'done', elements: [{ type: 'button', action_id: 'planbot_done',
      text: { type: 'plain_text', text: '✅ Ferdig' }, value: 'done:9:2026-03-31' }] }] });
  const posted = standIn.messagesIn('C0OKONOMI')[0];
  const pressed = await standIn.pressButton(posted, kari);
  assert.equal(pressed.status, 200);
  const press = receiver.received.at(-1);
  assert.equal(press.url, '/slack/interactivity');
  const payload = JSON.parse(new URLSearchParams(press.raw).get('payload'));
  assert.equal(payload.response_url, pressed.responseUrl);
  assert.equal(payload.type, 'block_actions');
  assert.deepEqual(payload.user, { id: 'UKARI', username: 'kari', name: 'kari', team_id: TEAM_ID });
  assert.deepEqual(payload.container, { type: 'message', message_ts: posted.ts, channel_id: 'C0OKONOMI', is_ephemeral: false });
  assert.equal(payload.message.ts, posted.ts);
  assert.deepEqual(payload.message.blocks, posted.blocks);
  // Slack names a block and an element that came without an id.
  await api(standIn, 'chat.postMessage', { channel: 'C0OKONOMI', text: 'uten id', blocks: [
    { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Ja' }, value: 'v' }] }] });
  const unnamed = standIn.messagesIn('C0OKONOMI')[1].blocks[0];
  assert.match(unnamed.block_id, /^[\w-]{4}$/);
  assert.match(unnamed.elements[0].action_id, /^[\w-]{4}$/);
  assert.deepEqual([payload.actions[0].action_id, payload.actions[0].block_id, payload.actions[0].value, payload.actions[0].text.text],
    ['planbot_done', 'done', 'done:9:2026-03-31', '✅ Ferdig']);
  assert.ok(verified(press));
});

test('an invitation and an event from a channel make the bot a member; with no patience every copy goes at once', { timeout: 10000 }, async (t) => {
  const standIn = await startSlackStandIn({ token: TOKEN, signingSecret: SECRET });
  t.after(() => standIn.stop());
  const receiver = await startReceiver(() => ({ status: 200, delayMs: 100 }));
  t.after(() => receiver.stop());
  standIn.target = receiver.url;
  const kari = standIn.addUser({ id: 'UKARI', name: 'kari', real_name: 'Kari Nordmann' });

  // Slack's member_joined_channel for the bot, as an invitation sends it.
  assert.equal(standIn.isMember('C0OKONOMI'), false);
  await standIn.inviteBot('C0OKONOMI', kari);
  const joined = JSON.parse(receiver.received.at(-1).raw).event;
  assert.deepEqual([joined.type, joined.user, joined.channel, joined.inviter], ['member_joined_channel', BOT_USER_ID, 'C0OKONOMI', 'UKARI']);
  assert.equal(standIn.isMember('C0OKONOMI'), true);
  // An event from a channel (Slack sends those only from channels the bot is in); a slash
  // command, which Slack takes anywhere, does not.
  await standIn.slashCommand({ user: kari, text: 'hjelp', channel: 'C0ANNEN' });
  assert.equal(standIn.isMember('C0ANNEN'), false);
  await standIn.sendEvent(standIn.channelMessage({ user: kari, channel: 'C0ANNEN', text: 'hei' }));
  assert.equal(standIn.isMember('C0ANNEN'), true);
  assert.equal(standIn.isMember('DKARI'), true, 'a DM needs no membership');

  // No patience at all: each attempt counts as timed out, and the next goes at once.
  const delivery = await standIn.sendEvent(standIn.directMessage({ user: kari, text: 'hei' }),
    { patienceMs: 0, retries: 3, retryDelaysMs: [0, 0, 0] });
  assert.deepEqual(delivery.attempts.map((attempt) => [attempt.retryNum, attempt.timedOut]), [[0, true], [1, true], [2, true], [3, true]]);
  await Promise.all(delivery.attempts.map((attempt) => attempt.answered));
  assert.deepEqual(receiver.received.slice(-4).map((entry) => entry.headers['x-slack-retry-num']), [undefined, '1', '2', '3']);
  assert.deepEqual(standIn.errors, []);
});
