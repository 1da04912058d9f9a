// A Slack stand-in for planbot's e2e tests: one small HTTP server that plays both halves of
// Slack. As the Web API (`POST {url}/api/<method>`, JSON, `Authorization: Bearer <token>`)
// it answers auth.test, chat.postMessage, chat.update, chat.postEphemeral and users.info,
// and records every call; posts to a slash command's or a press's response_url are kept too.
// As the Slack side of the app it delivers to planbot, signed as Slack signs
// (X-Slack-Signature = v0= + hex HMAC-SHA256 of "v0:<timestamp>:<raw body>"): Events API
// bodies, url_verification, slash commands and button presses (block_actions), with Slack's
// retries (X-Slack-Retry-Num / X-Slack-Retry-Reason) when planbot is slow or answers an error.
// Tests can make the next calls of a method fail (HTTP 429 with Retry-After, or
// {"ok":false,"error":…}), break a channel, or hold a method's answers back.
//
// How it differs from real Slack, on purpose or for want of need:
// - One workspace (T0TEST), one app (A0TEST), one bot user (UPLANBOT / BPLANBOT); no OAuth.
//   The app's scopes are chat:write, commands and users:read: conversations.* answer
//   missing_scope (planbot has no need of them).
// - Channel membership: the bot is in a channel (C… or G…) once an event came from it (Slack
//   delivers those only from channels the bot is in: inviteBot() sends the
//   member_joined_channel of an invitation) or a test calls joinChannel(). A slash command
//   does not make it a member: Slack takes one typed anywhere, and a post to a channel the
//   bot is not in answers not_in_channel (chat.postMessage, chat.postEphemeral). A user's
//   DM always takes posts.
// - A user's DM with the bot is "D" + the user id without its "U" (UKARI → DKARI) unless a test
//   says otherwise; chat.postMessage to a user id answers with that DM's id, as Slack does.
//   chat.update needs the DM's id, as Slack documents; a user id there is channel_not_found.
// - Blocks are checked only for what planbot uses (section, actions, context, header,
//   divider; text lengths, button fields, at most 50 blocks): invalid_blocks as Slack names it.
//   As Slack, it gives a block without block_id (an actions element without action_id) one.
//   Text length is not checked (Slack truncates past 40,000 characters).
// - As Slack, it takes JSON bodies only for the write methods: users.info with a JSON body
//   answers invalid_arguments (Slack reads its arguments from a form body or the query
//   string only).
// - Retries come at once, then after 1 s and 2 s (Slack: at once, 1 minute, 5 minutes), and
//   "slow" means `patienceMs` (Slack's 3 s) of the real clock. Rate limits happen only when a
//   test asks for them. The timestamp it signs with comes from `timestamp()`: the real time,
//   as Slack's, unless a test says otherwise.
// - A held call whose caller hung up before the test released it is dropped: Slack never
//   saw it (a request cut off before Slack answered may or may not have been posted there).
// - Delivered bodies carry the deprecated verification `token` field, as Slack still sends it.
// - A response_url takes what chat.postMessage takes (no_text, invalid_blocks: HTTP 400 here)
//   and five posts; the sixth and later answer 404 used_url. It never expires (Slack: 30 minutes).
// - Its own failures (an exception while answering) are kept in `errors`; stack.mjs fails
//   the test with them at teardown.
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import { httpRequest, sleep, waitFor } from '../telegram/util.mjs';
import { blockProblems, findButton, plainText, rawText, visibleText } from './slack_blocks.mjs';

export { findButton, plainText, rawText, visibleText };
export const TEAM_ID = 'T0TEST';
export const APP_ID = 'A0TEST';
export const BOT_USER_ID = 'UPLANBOT';
export const BOT_ID = 'BPLANBOT';
export const VERIFICATION_TOKEN = 'Vr1fTestT0kenSlackStandIn';

// "v0=<hex>": Slack's signature of `rawBody` sent at `timestamp` (Unix seconds).
export function slackSignature(secret, timestamp, rawBody) {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`, 'utf8').digest('hex')}`;
}

// Starts the stand-in on 127.0.0.1 (a free port). `token`: the bot token planbot must send;
// `signingSecret`: what deliveries are signed with.
// `slowdown`: how many times longer its waits' default timeouts are (stack.mjs's SLOW).
export async function startSlackStandIn({ token, signingSecret, log = console.error, slowdown = 1 }) {
  const s = {
    token,
    signingSecret,
    target: null,                                       // planbot's base URL, for deliveries
    timestamp: () => Math.floor(Date.now() / 1000),     // what deliveries are signed with
    calls: [],        // every Web API call: { method, body, raw, headers, at, answer: { status, body }, answeredAt }
    // chat.postMessage: { ts, channel (the conversation), requestedChannel, text, blocks (as
    // now, after any chat.update), posted: { text, blocks } (as first posted), thread_ts, at, updates }
    messages: [],
    ephemerals: [],   // chat.postEphemeral: { channel, user, text, blocks, message_ts, at }
    responses: [],    // posts to a response_url that Slack took: { url, body, at }
    responseRefusals: [], // and those it refused: { url, body, at, status, error }
    deliveries: [],   // every delivery attempt to planbot: { path, retryNum, status, text, error, at, answeredAt }
    users: new Map(), // id → { id, name, real_name }
    dms: new Map(),   // user id → DM channel id
    members: new Set(), // the channels the bot is in
    channelNames: new Map(),
    failures: [],     // pending failures: { method, remaining, status, retryAfter, error, match }
    brokenChannels: new Map(),
    holding: new Set(),
    held: [],
    errors: [],       // the stand-in's own failures: Error objects
  };
  let lastMicros = 0;
  let eventCounter = 0;
  // "1765121234.000123": unique and increasing, as Slack's message timestamps are.
  s.nextTs = () => {
    lastMicros = Math.max(lastMicros + 1, Date.now() * 1000);
    return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, '0')}`;
  };
  s.nextEventId = () => `Ev0${Date.now().toString(36).toUpperCase()}${String(++eventCounter).padStart(4, '0')}`;

  // ---- people and conversations ----
  s.addUser = (user) => { s.users.set(user.id, user); return user; };
  s.dmOf = (userId) => s.dms.get(userId) ?? `D${userId.slice(1)}`;
  // The conversation a post to `channel` lands in: a user's DM for a user id.
  s.conversationOf = (channel) => (/^[UW]/.test(channel) ? s.dmOf(channel) : channel);
  s.channelName = (channel) => (channel.startsWith('D') ? 'directmessage' : s.channelNames.get(channel) ?? channel.toLowerCase());
  // Public and private channels need the bot in them; DMs (and a user id, meaning their DM) do not.
  const needsMembership = (conversation) => /^[CG]/.test(conversation);
  s.isMember = (channel) => !needsMembership(channel) || s.members.has(channel);
  s.joinChannel = (channel) => { s.members.add(channel); };
  // `inviter` invites the bot to `channel`: the bot is a member, and Slack tells the app
  // with a member_joined_channel event (resolves with that delivery).
  s.inviteBot = (channel, inviter) => {
    s.joinChannel(channel);
    const ts = s.nextTs();
    return s.sendEvent({ type: 'member_joined_channel', user: BOT_USER_ID, channel, channel_type: channel.startsWith('G') ? 'G' : 'C',
      team: TEAM_ID, inviter: inviter.id ?? inviter, event_ts: ts });
  };

  // ---- controls ----
  // The next `count` calls of `method` (whose body `match` accepts) fail: { status: 429,
  // retryAfter: S } (HTTP 429, Retry-After: S), { status: 500 }, or { error: 'x' } (HTTP 200, ok false).
  s.failNext = (method, count, failure, match = () => true) => {
    s.failures.push({ method, remaining: count, match, ...failure });
  };
  s.clearFailures = () => { s.failures.length = 0; };
  // Every post to `channel` answers { ok: false, error } from now on (a deleted channel).
  s.breakChannel = (channel, error = 'channel_not_found') => s.brokenChannels.set(channel, error);
  // Calls of `method` wait unanswered until release(), which resolves once each held call
  // is answered, or dropped when its caller hung up meanwhile (the call's `callerGone` says
  // when the stand-in saw that).
  s.hold = (method) => s.holding.add(method);
  s.release = () => {
    s.holding.clear();
    for (const pending of s.held.splice(0)) pending();
    return new Promise((resolve) => setImmediate(resolve));
  };

  // ---- what planbot did ----
  s.callsOf = (method) => s.calls.filter((call) => call.method === method);
  s.messagesIn = (conversation) => s.messages.filter((message) => message.channel === s.conversationOf(conversation));
  s.updatesOf = (message) => message.updates;
  s.ephemeralsFor = (user) => s.ephemerals.filter((entry) => entry.user === user);
  s.waitForMessage = (predicate, { timeoutMs = 8000 * slowdown, what = 'a message from planbot' } = {}) =>
    waitFor(() => s.messages.find(predicate), { timeoutMs, what });
  s.waitForCall = (method, predicate = () => true, { timeoutMs = 8000 * slowdown, what = `a ${method} call` } = {}) =>
    waitFor(() => s.callsOf(method).find(predicate), { timeoutMs, what });

  // ---- the Web API ----
  const answerOf = (method, body) => {
    if (method.startsWith('conversations.')) {
      return { ok: false, error: 'missing_scope', needed: 'channels:read', provided: 'chat:write,commands,users:read' };
    }
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://test.slack.com/', team: 'Test', user: 'planbot', team_id: TEAM_ID,
          user_id: BOT_USER_ID, bot_id: BOT_ID };
      case 'chat.postMessage': return postMessage(body);
      case 'chat.update': return updateMessage(body);
      case 'chat.postEphemeral': return postEphemeral(body);
      case 'users.info': {
        const user = s.users.get(body.user);
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: user.id, team_id: TEAM_ID, name: user.name, real_name: user.real_name,
          is_bot: false, profile: { real_name: user.real_name, display_name: user.name } } };
      }
      default: return { ok: false, error: 'unknown_method' };
    }
  };

  // What Slack refuses in a post to `channel` (a conversation id): { ok: false, error } or null.
  function refusedPost(channel, body) {
    const broken = s.brokenChannels.get(channel);
    if (broken) return { ok: false, error: broken };
    if (!s.isMember(channel)) return { ok: false, error: 'not_in_channel' };
    return contentProblem(body);
  }

  function postMessage(body) {
    if (!body.channel) return { ok: false, error: 'channel_not_found' };
    const channel = s.conversationOf(body.channel);
    const refused = refusedPost(channel, body);
    if (refused) return refused;
    const message = { ts: s.nextTs(), channel, requestedChannel: body.channel, text: body.text ?? '', blocks: withIds(body.blocks),
      thread_ts: body.thread_ts, at: Date.now(), updates: [] };
    message.posted = { text: message.text, blocks: message.blocks };
    s.messages.push(message);
    return { ok: true, channel, ts: message.ts, message: botMessage(message) };
  }

  function postEphemeral(body) {
    if (!body.channel || !body.user) return { ok: false, error: body.channel ? 'user_not_in_channel' : 'channel_not_found' };
    const channel = s.conversationOf(body.channel);
    const refused = refusedPost(channel, body);
    if (refused) return refused;
    const entry = { channel, user: body.user, text: body.text ?? '', blocks: withIds(body.blocks), message_ts: s.nextTs(), at: Date.now() };
    s.ephemerals.push(entry);
    return { ok: true, message_ts: entry.message_ts };
  }

  function updateMessage(body) {
    if (!body.channel || /^[UW]/.test(body.channel)) return { ok: false, error: 'channel_not_found' };
    const message = s.messages.find((m) => m.channel === body.channel && m.ts === body.ts);
    if (!message) return { ok: false, error: 'message_not_found' };
    const problems = blockProblems(body.blocks);
    if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
    message.updates.push({ text: body.text, blocks: body.blocks, at: Date.now() });
    // As Slack: blocks left out of an update stay as they were ([] removes them).
    if (body.text !== undefined) message.text = body.text;
    if (body.blocks !== undefined) message.blocks = withIds(body.blocks);
    return { ok: true, channel: message.channel, ts: message.ts, text: message.text, message: botMessage(message) };
  }

  const botMessage = (message) => ({ type: 'message', text: message.text, user: BOT_USER_ID, bot_id: BOT_ID,
    app_id: APP_ID, team: TEAM_ID, ts: message.ts, ...(message.blocks ? { blocks: message.blocks } : {}) });

  async function handleApi(request, response, method, raw) {
    const call = { method, raw, headers: request.headers, at: Date.now(), answer: null, body: {} };
    s.calls.push(call);
    response.on('close', () => {
      if (!response.writableFinished) call.callerGone = Date.now();
    });
    const json = (status, body, headers = {}) => {
      call.answer = { status, body };
      call.answeredAt = Date.now();
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(body));
    };
    try {
      call.body = parseBody(request.headers['content-type'], raw, request.url);
    } catch {
      return json(200, { ok: false, error: 'invalid_json' });
    }
    if (READ_METHODS.has(method) && (request.headers['content-type'] ?? '').startsWith('application/json')) {
      call.jsonRefused = true;
      return json(200, { ok: false, error: 'invalid_arguments',
        response_metadata: { messages: ['[ERROR] this method takes form-encoded arguments, not JSON'] } });
    }
    const authorization = request.headers.authorization ?? '';
    if (!authorization) return json(200, { ok: false, error: 'not_authed' });
    if (authorization !== `Bearer ${s.token}`) return json(200, { ok: false, error: 'invalid_auth' });
    const failure = s.failures.find((f) => f.method === method && f.remaining > 0 && f.match(call.body));
    if (failure) {
      failure.remaining -= 1;
      if (failure.status === 429) {
        return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter ?? 1) });
      }
      if (failure.status) return json(failure.status, { ok: false, error: 'internal_error' });
      return json(200, { ok: false, error: failure.error });
    }
    if (s.holding.has(method)) {
      call.held = true;
      await new Promise((resolve) => s.held.push(resolve));
      if (call.callerGone || response.destroyed) {
        call.dropped = true; // the caller hung up: Slack never handled it
        return undefined;
      }
    }
    return json(200, answerOf(method, call.body));
  }

  const server = http.createServer((request, response) => {
    response.on('error', () => {});
    request.on('error', () => {});
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = request.url.split('?')[0];
      const failed = (error) => {
        s.errors.push(error);
        log(`[slack stand-in] ${path}: ${error.stack}`);
        response.destroy();
      };
      try {
        if (path.startsWith('/api/')) {
          handleApi(request, response, path.slice('/api/'.length), raw).catch(failed);
        } else if (path.startsWith('/response/')) {
          responseUrlPost(response, `${s.url}${path}`, raw);
        } else {
          response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        }
      } catch (error) {
        failed(error);
      }
    });
  });
  // A post to a response_url: what chat.postMessage takes, five times per URL.
  function responseUrlPost(response, url, raw) {
    const at = Date.now();
    let body;
    try { body = JSON.parse(raw); } catch { body = raw; }
    const uses = s.responses.filter((r) => r.url === url).length + s.responseRefusals.filter((r) => r.url === url).length;
    const refuse = (status, error) => {
      s.responseRefusals.push({ url, body, at, status, error });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(error);
    };
    if (uses >= RESPONSE_URL_USES) return refuse(404, 'used_url');
    if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(400, 'invalid_payload');
    const problem = body.delete_original === true ? null : contentProblem(body);
    if (problem) return refuse(400, problem.error);
    s.responses.push({ url, body, at });
    return response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  s.url = `http://127.0.0.1:${server.address().port}`;
  s.stop = () => new Promise((resolve) => {
    s.release();
    server.closeAllConnections();
    server.close(resolve);
  });

  // ---- deliveries to planbot ----

  // The signature headers for `raw`: `sign` may give a wrong `secret`, a fixed `timestamp`,
  // `skewSeconds` added to the timestamp source, or `omit` 'signature' / 'timestamp'.
  s.signatureHeaders = (raw, sign = {}) => {
    const timestamp = sign.timestamp ?? s.timestamp() + (sign.skewSeconds ?? 0);
    const headers = {};
    if (sign.omit !== 'timestamp') headers['x-slack-request-timestamp'] = String(timestamp);
    if (sign.omit !== 'signature') headers['x-slack-signature'] = sign.signature ?? slackSignature(sign.secret ?? s.signingSecret, timestamp, raw);
    return headers;
  };

  // POSTs `raw` to planbot's `path` as Slack would, retrying like Slack: when planbot has not
  // answered within `patienceMs`, or answered anything but 2xx, the same body goes again
  // (newly signed) with X-Slack-Retry-Num and X-Slack-Retry-Reason, up to `retries` times. A
  // request that ran out of patience is not cut off: its answer is recorded when it comes.
  // Resolves with { status, text, headers, attempts } of the first 2xx attempt, else the last.
  // `sentRaw`: send these bytes instead of `raw` under raw's signature (a tampered body).
  s.deliver = async (path, raw, contentType, { sign = {}, patienceMs = 3000, retries = 0,
    retryDelaysMs = [0, 1000, 2000], sentRaw } = {}) => {
    if (!s.target) throw new Error('the stand-in has no planbot to deliver to (set target)');
    const attempts = [];
    let reason = null;
    for (let retryNum = 0; retryNum <= retries; retryNum += 1) {
      if (retryNum > 0) await sleep(retryDelaysMs[Math.min(retryNum - 1, retryDelaysMs.length - 1)]);
      const headers = { 'content-type': contentType, ...s.signatureHeaders(raw, sign) };
      if (retryNum > 0) Object.assign(headers, { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': reason });
      const attempt = { path, retryNum, at: Date.now() };
      attempts.push(attempt);
      s.deliveries.push(attempt);
      const answered = httpRequest(`${s.target}${path}`, { body: sentRaw ?? raw, headers, timeoutMs: 30000 * slowdown })
        .then((answer) => Object.assign(attempt, { status: answer.status, text: answer.text, headers: answer.headers, answeredAt: Date.now() }))
        .catch((error) => Object.assign(attempt, { error: error.message, answeredAt: Date.now() }));
      attempt.answered = answered;
      // No patience at all: the attempt counts as timed out whenever the answer comes.
      let timer;
      const patience = new Promise((resolve) => { timer = setTimeout(() => resolve(null), patienceMs); });
      const first = patienceMs <= 0 ? null : await Promise.race([answered, patience]);
      clearTimeout(timer);
      if (first === null) {
        attempt.timedOut = true;
        reason = 'http_timeout';
      } else if (attempt.status >= 200 && attempt.status < 300) {
        return { ...pick(attempt), attempts };
      } else {
        reason = attempt.error ? 'connection_failed' : 'http_error';
      }
    }
    const last = attempts.at(-1);
    if (last.timedOut) await last.answered;
    return { ...pick(last), attempts };
  };
  const pick = (attempt) => ({ status: attempt.status ?? null, text: attempt.text, headers: attempt.headers, error: attempt.error });

  // An Events API delivery of `event` (retried as Slack retries unless `retries: 0`).
  // Resolves with the delivery and its body, so that it can be delivered again.
  // An event from a channel: Slack sends those only from channels the bot is in.
  s.sendEvent = async (event, { eventId = s.nextEventId(), ...options } = {}) => {
    if (needsMembership(event.channel ?? '')) s.joinChannel(event.channel);
    const envelope = {
      token: VERIFICATION_TOKEN, team_id: TEAM_ID, api_app_id: APP_ID, event, type: 'event_callback',
      event_id: eventId, event_time: s.timestamp(),
      authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false, event_context: `4-${randomBytes(12).toString('base64url')}`,
    };
    const raw = JSON.stringify(envelope);
    const delivery = await s.deliver('/slack/events', raw, 'application/json', { retries: 3, ...options });
    return { ...delivery, eventId, raw };
  };
  // The same body again, newly signed, as Slack's retry number `retryNum` (reason http_timeout).
  s.redeliver = (raw, { retryNum = 1, reason = 'http_timeout', ...options } = {}) => {
    const headers = { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': reason };
    return httpRequest(`${s.target}/slack/events`, {
      body: raw, headers: { 'content-type': 'application/json', ...headers, ...s.signatureHeaders(raw, options.sign) }, timeoutMs: 10000 * slowdown,
    });
  };
  s.urlVerification = (challenge, options = {}) => s.deliver('/slack/events',
    JSON.stringify({ token: VERIFICATION_TOKEN, challenge, type: 'url_verification' }), 'application/json', options);

  // ---- events as Slack shapes them ----
  const message = (fields) => {
    const ts = s.nextTs();
    return { client_msg_id: randomUuid(), type: 'message', ts, event_ts: ts, team: TEAM_ID, ...fields };
  };
  s.mention = ({ user, channel, text }) => {
    const ts = s.nextTs();
    return { client_msg_id: randomUuid(), type: 'app_mention', user: user.id ?? user, text, ts, team: TEAM_ID, channel, event_ts: ts };
  };
  s.directMessage = ({ user, text, channel }) => message({ user: user.id ?? user, text, channel: channel ?? s.dmOf(user.id ?? user), channel_type: 'im' });
  s.channelMessage = ({ user, channel, text }) => message({ user: user.id ?? user, text, channel, channel_type: 'channel' });

  // ---- slash commands and buttons ----
  const responseUrl = () => `${s.url}/response/${randomBytes(8).toString('hex')}`;
  const triggerId = () => `${Date.now()}.${Math.floor(Math.random() * 1e10)}.${randomBytes(16).toString('hex')}`;

  // `/planbot <text>` typed by `user` in `channel` (default: their DM with the bot). Resolves
  // with { status, json, text, responseUrl, laterResponses() } (text: the answer's text).
  s.slashCommand = async ({ user, text, channel, command = '/planbot' }, options = {}) => {
    const channelId = channel ?? s.dmOf(user.id);
    const url = responseUrl();
    const form = new URLSearchParams({
      token: VERIFICATION_TOKEN, team_id: TEAM_ID, team_domain: 'test', channel_id: channelId,
      channel_name: s.channelName(channelId), user_id: user.id, user_name: user.name ?? user.id.toLowerCase(),
      command, text, api_app_id: APP_ID, is_enterprise_install: 'false', response_url: url, trigger_id: triggerId(),
    }).toString();
    const delivery = await s.deliver('/slack/commands', form, 'application/x-www-form-urlencoded', options);
    let json = null;
    try { json = JSON.parse(delivery.text); } catch { /* plain text or empty */ }
    return { ...delivery, json, text: json?.text ?? delivery.text ?? '', responseUrl: url,
      laterResponses: () => s.responses.filter((entry) => entry.url === url) };
  };

  // `user` presses the button of `posted` (a message from s.messages) whose action_id is
  // `actionId` (default planbot_done): a block_actions payload as Slack sends it.
  s.pressButton = (posted, user, { actionId = 'planbot_done', ...options } = {}) => {
    const found = findButton(posted.blocks, actionId);
    if (!found) throw new Error(`no button ${actionId} in the message ${posted.ts}: ${JSON.stringify(posted.blocks)}`);
    const payload = {
      type: 'block_actions',
      user: { id: user.id, username: user.name, name: user.name, team_id: TEAM_ID },
      api_app_id: APP_ID, token: VERIFICATION_TOKEN,
      container: { type: 'message', message_ts: posted.ts, channel_id: posted.channel, is_ephemeral: false },
      trigger_id: triggerId(),
      team: { id: TEAM_ID, domain: 'test' }, enterprise: null, is_enterprise_install: false,
      channel: { id: posted.channel, name: s.channelName(posted.channel) },
      message: botMessage(posted),
      state: { values: {} },
      response_url: responseUrl(),
      actions: [{ action_id: found.button.action_id, block_id: found.blockId, text: found.button.text,
        value: found.button.value, type: 'button', action_ts: s.nextTs() }],
    };
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return s.deliver('/slack/interactivity', form, 'application/x-www-form-urlencoded', options)
      .then((delivery) => ({ ...delivery, responseUrl: payload.response_url }));
  };

  return s;
}

// Read methods: Slack takes their arguments from a form body or the query string, never JSON.
const READ_METHODS = new Set(['users.info']);
// Slack: "a response_url can be used up to 5 times within 30 minutes".
const RESPONSE_URL_USES = 5;

// What Slack finds wrong with a message's text and blocks: { ok: false, error, errors? } or null.
function contentProblem(body) {
  if (!body.text && !body.blocks) return { ok: false, error: 'no_text' };
  const problems = blockProblems(body.blocks);
  if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
  return null;
}

// Blocks as Slack keeps them: a block without block_id, and an element without action_id,
// gets a short random one (so a press names them, as Slack's payloads do).
function withIds(blocks) {
  if (!Array.isArray(blocks)) return blocks;
  const id = () => randomBytes(3).toString('base64url');
  return blocks.map((block) => ({
    ...block,
    block_id: block.block_id ?? id(),
    ...(Array.isArray(block.elements) && block.type === 'actions'
      ? { elements: block.elements.map((element) => ({ ...element, action_id: element.action_id ?? id() })) } : {}),
  }));
}

const randomUuid = () => {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

// A Web API call's arguments: JSON, or form-encoded (and the query string) as Slack also takes them.
function parseBody(contentType = '', raw, url) {
  const query = Object.fromEntries(new URL(url, 'http://x').searchParams);
  if (raw === '') return query;
  if (contentType.startsWith('application/json')) return { ...query, ...JSON.parse(raw) };
  return { ...query, ...Object.fromEntries(new URLSearchParams(raw)) };
}
