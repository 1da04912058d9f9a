// End to end: GET /metrics of the real planbot in Telegram webhook mode, read by a real
// Prometheus text-format parser (prometheus_client.parser, Debian's
// python3-prometheus-client, run by prometheus_samples.py), with counters that move as
// updates come through the emulator: received, duplicate, refused, the replies sent,
// the latencies' histograms. /metrics refuses a request that is not loopback's (a
// forwarded one) unless it carries the metrics token; /readyz is ready once the
// platform answered.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 metrics.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort, postUpdate, startPlanbot } from './planbot.mjs';
import { startStack } from './stack.mjs';
import { httpRequest, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-metrics';
const SECRET = 'e2e-metrics-secret_7Qz';
const METRICS_TOKEN = 'e2e-metrics-bearer_3Xw';
// Debian's python3, where python3-prometheus-client is installed (a python3 earlier on
// PATH, such as a pyenv one, would not have it).
const PYTHON = process.env.PLANBOT_TEST_PYTHON ?? '/usr/bin/python3';
const here = path.dirname(fileURLToPath(import.meta.url));

const kari = { id: 9300002, is_bot: false, first_name: 'Kari', last_name: 'Metrikk', username: 'kari_m' };
const privateChat = (user) => ({ id: user.id, type: 'private', first_name: user.first_name });

// The samples of planbot's /metrics as the parser read them.
async function scrape(bot, headers = {}) {
  const answer = await httpRequest(`${bot.url}/metrics`, { method: 'GET', headers });
  assert.equal(answer.status, 200, answer.text);
  assert.match(answer.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  const json = execFileSync(PYTHON, [path.join(here, 'prometheus_samples.py')], { input: answer.text, encoding: 'utf8' });
  return JSON.parse(json);
}

// The value of the sample `name` with exactly `labels` (0 when absent: a counter not yet moved).
function value(samples, name, labels = {}) {
  const found = samples.find((sample) => sample.name === name &&
    Object.keys(sample.labels).length === Object.keys(labels).length &&
    Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted));
  return found ? found.value : 0;
}

function update(id, text) {
  return {
    update_id: id,
    message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: privateChat(kari), from: kari, text },
  };
}

test('the counters on /metrics move as updates arrive and replies go, read by a Prometheus parser',
  { timeout: 60000 }, async (t) => {
    const { emulator, start } = await startStack(t, { token: TOKEN, secret: SECRET });
    const bot = await start();

    const before = await scrape(bot);
    // The metrics without labels are there from the start (those with labels from their first event).
    for (const family of ['planbot_send_latency_seconds',
      'planbot_commit_latency_seconds', 'planbot_reminders_queued_total', 'planbot_reminders_sent_total',
      'planbot_reminders_late_total', 'planbot_forum_posts', 'planbot_scheduler_lag_seconds', 'planbot_database_bytes',
      'planbot_process_resident_memory_bytes', 'planbot_process_uptime_seconds']) {
      assert.ok(before.some((sample) => sample.family === family.replace(/_total$/, '')), `${family} is exposed`);
    }
    assert.ok(value(before, 'planbot_process_resident_memory_bytes') > 1e6);
    assert.ok(value(before, 'planbot_database_bytes') > 0);
    const telegram = { platform: 'telegram' };

    // Three questions through the emulator, each answered.
    for (const text of ['hva skjer i mai', 'når er fylkesårsmøtet?', '/hjelp']) {
      const count = emulator.botMessages(kari.id).length;
      await emulator.sendUserMessage({ chat: privateChat(kari), from: kari, text,
        entities: text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: 6 }] : undefined });
      await waitFor(() => emulator.botMessages(kari.id).length > count, { timeoutMs: 8000, what: `an answer to «${text}»` });
    }
    // One update twice (Telegram retries), one with the wrong secret, one that is no update.
    assert.equal(await postUpdate(bot.port, update(880001, 'hei'), { secret: SECRET }), 200);
    assert.equal(await postUpdate(bot.port, update(880001, 'hei'), { secret: SECRET }), 200);
    assert.equal(await postUpdate(bot.port, update(880002, 'hei'), { secret: 'wrong' }), 401);
    assert.equal(await postUpdate(bot.port, { no: 'update' }, { secret: SECRET }), 200);

    const after = await waitFor(async () => {
      const samples = await scrape(bot);
      // The greeting's answer may still be on its way.
      return value(samples, 'planbot_outbox_pending', { method: 'sendMessage' }) === 0 &&
        value(samples, 'planbot_outbox_sent_total', { method: 'sendMessage' }) >= 4 && samples;
    }, { timeoutMs: 8000, what: 'the replies to be sent' });
    const moved = (name, labels) => value(after, name, labels) - value(before, name, labels);
    assert.equal(moved('planbot_updates_received_total', telegram), 6);
    assert.equal(moved('planbot_updates_duplicate_total', telegram), 1);
    assert.equal(moved('planbot_updates_refused_total', { platform: 'telegram', reason: 'unauthorized' }), 1);
    assert.equal(moved('planbot_updates_refused_total', { platform: 'telegram', reason: 'invalid' }), 1);
    assert.ok(moved('planbot_outbox_sent_total', { method: 'sendMessage' }) >= 4);
    assert.equal(value(after, 'planbot_outbox_failed_total', { method: 'sendMessage' }), 0);
    // Every send and every commit is in its histogram, the +Inf bucket equal to the count.
    const sends = value(after, 'planbot_send_latency_seconds_count');
    assert.ok(sends >= 4);
    assert.equal(value(after, 'planbot_send_latency_seconds_bucket', { le: '+Inf' }), sends);
    assert.ok(value(after, 'planbot_commit_latency_seconds_count') >= 5);
    assert.ok(value(after, 'planbot_process_uptime_seconds') > 0);

    // Ready: the database takes a write and the emulator answered planbot lately.
    const ready = await httpRequest(`${bot.url}/readyz`, { method: 'GET' });
    assert.equal(ready.status, 200, ready.text);
  });

test('/metrics refuses a request that is not loopback\'s unless it carries the token; /readyz says why it is not ready',
  { timeout: 60000 }, async (t) => {
    const { dir, start } = await startStack(t, { token: TOKEN, secret: SECRET,
      env: { PLANBOT_HTTP_METRICS_TOKEN: METRICS_TOKEN } });
    const bot = await start();
    // Through a reverse proxy on this machine the socket is loopback's, but the request is not.
    const forwarded = { 'x-forwarded-for': '203.0.113.7' };
    const refused = await httpRequest(`${bot.url}/metrics`, { method: 'GET', headers: forwarded });
    assert.equal(refused.status, 403);
    assert.doesNotMatch(refused.text, /planbot_/);
    const wrong = await httpRequest(`${bot.url}/metrics`, { method: 'GET',
      headers: { ...forwarded, authorization: 'Bearer not-the-token' } });
    assert.equal(wrong.status, 403);
    const samples = await scrape(bot, { ...forwarded, authorization: `Bearer ${METRICS_TOKEN}` });
    assert.ok(samples.some((sample) => sample.name === 'planbot_process_uptime_seconds'));
    // The token is never logged.
    assert.doesNotMatch(bot.stderr + bot.stdout, new RegExp(METRICS_TOKEN));

    // A planbot whose platform never answers is alive (/healthz) but not ready.
    const alone = startPlanbot({ port: await freePort(), apiUrl: `http://127.0.0.1:${await freePort()}`, token: TOKEN,
      secret: SECRET, databasePath: path.join(dir, 'alone.sqlite') });
    t.after(() => alone.kill('SIGKILL'));
    await alone.waitForHealth();
    const notReady = await httpRequest(`${alone.url}/readyz`, { method: 'GET' });
    assert.equal(notReady.status, 503);
    assert.match(notReady.text, /platform has not answered yet/);
  });
