// A bad token stops planbot; network trouble does not. Between planbot and the emulator
// sits a stand-in that answers some calls itself, as a script says, and forwards the rest:
// - getMe answered 401 (a revoked or mistyped token) or 404 (not a token at all): planbot
//   stops at once with exit status 3 and a message naming the setting
//   (PLANBOT_TELEGRAM_TOKEN, telegram.token), never the token, after that one call;
// - getMe answered 502 twice, then forwarded: planbot retries with back-off, then sets
//   its webhook and answers users.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 token.test.mjs
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { freePort, startPlanbot } from './planbot.mjs';
import { startStack } from './stack.mjs';
import { httpRequest, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-refused-Zq81';
const SECRET = 'e2e-token-secret_3Lm';

// `script(method, index)` gives { status, body } to answer a call itself, or null to forward
// it to `target`. Records every call as { at, method, status }.
async function startStandIn(t, target, script) {
  const calls = [];
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', async () => {
      const method = request.url.slice(request.url.lastIndexOf('/') + 1);
      const index = calls.filter((call) => call.method === method).length;
      const call = { at: Date.now(), method };
      calls.push(call);
      let answer = script(method, index);
      if (!answer) {
        answer = await httpRequest(`${target}${request.url}`, {
          method: request.method, body: Buffer.concat(chunks).toString('utf8') || undefined,
          headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
        }).then((forwarded) => ({ status: forwarded.status, body: forwarded.text }))
          .catch((error) => ({ status: 502, body: JSON.stringify({ ok: false, description: error.message }) }));
      }
      call.status = answer.status;
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
  return { url: `http://127.0.0.1:${server.address().port}`, calls };
}

const refusal = (status, description) => ({ status, body: { ok: false, error_code: status, description } });

for (const [status, description] of [[401, 'Unauthorized'], [404, 'Not Found']]) {
  test(`getMe answered ${status} stops planbot with exit status 3 and names the setting, not the token`, { timeout: 60000 }, async (t) => {
    const { apiPort, databasePath } = await startStack(t, { token: TOKEN, secret: SECRET });
    const standIn = await startStandIn(t, `http://127.0.0.1:${apiPort}`,
      (method) => (method === 'getMe' ? refusal(status, description) : null));
    const bot = startPlanbot({ port: await freePort(), apiUrl: standIn.url, token: TOKEN, secret: SECRET, databasePath });
    t.after(() => bot.kill('SIGKILL'));
    const exit = await Promise.race([bot.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 15000))]);
    assert.notEqual(exit, 'still running', `planbot went on after ${status}:\n${bot.stderr}`);
    assert.equal(exit.code, 3, bot.stderr);
    assert.match(bot.stderr, new RegExp(`planbot: Telegram refused the bot token \\(HTTP ${status} ${description}\\)`));
    assert.match(bot.stderr, /PLANBOT_TELEGRAM_TOKEN/);
    assert.match(bot.stderr, /telegram\.token/);
    assert.ok(!bot.stderr.includes('Zq81'), 'the token is never printed');
    assert.deepEqual(standIn.calls.map((call) => call.method), ['getMe'], 'asked once, not retried');
  });
}

test('getMe answered 502 is retried with back-off, and planbot starts once Telegram answers', { timeout: 60000 }, async (t) => {
  const { apiPort, databasePath, emulator } = await startStack(t, { token: TOKEN, secret: SECRET });
  const standIn = await startStandIn(t, `http://127.0.0.1:${apiPort}`,
    (method, index) => (method === 'getMe' && index < 2 ? { status: 502, body: '<html>502 Bad Gateway</html>' } : null));
  const bot = startPlanbot({ port: await freePort(), apiUrl: standIn.url, token: TOKEN, secret: SECRET, databasePath });
  t.after(() => bot.kill('SIGKILL'));
  await bot.waitForHealth();
  await waitFor(() => emulator.webhook(), { timeoutMs: 20000, what: 'setWebhook after the 502s' });
  assert.ok(bot.running, bot.stderr);
  const getMe = standIn.calls.filter((call) => call.method === 'getMe');
  assert.deepEqual(getMe.map((call) => call.status), [502, 502, 200]);
  // Back-off: at least half a second, then at least a second (the jitter halves at most).
  assert.ok(getMe[1].at - getMe[0].at >= 450, `retried after ${getMe[1].at - getMe[0].at} ms`);
  assert.ok(getMe[2].at - getMe[1].at >= 950, `retried after ${getMe[2].at - getMe[1].at} ms`);

  const kari = { id: 9610001, is_bot: false, first_name: 'Kari', username: 'kari_k' };
  await emulator.sendUserMessage({ chat: { id: kari.id, type: 'private', first_name: 'Kari' }, from: kari, text: 'tiltak 3' });
  await waitFor(() => emulator.botMessages(kari.id).length === 1, { timeoutMs: 8000, what: 'the answer over the webhook' });
});
