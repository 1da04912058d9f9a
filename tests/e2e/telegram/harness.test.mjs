// Self-test of the harness, without planbot: the patched emulator delivers webhooks with
// the secret header and a deadline, survives a failing receiver, and records what a bot sends.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { startEmulator } from './emulator.mjs';
import { freePort } from './planbot.mjs';
import { httpRequest, sleep, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-harness';

// A throwaway webhook receiver: records each request and answers with `reply(request)`,
// which returns a status, or null to never answer.
async function startReceiver(reply) {
  const received = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(body) });
      const status = reply(received.at(-1));
      if (status !== null) response.writeHead(status).end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    url: `http://127.0.0.1:${server.address().port}/telegram/webhook`,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

const botCall = (emulator, method, body) => httpRequest(`${emulator.url}/bot${TOKEN}/${method}`, { body });
const user = { id: 77, is_bot: false, first_name: 'Kari' };
const group = { id: -1001234, type: 'supergroup', title: 'Styret' };

test('webhook deliveries carry the secret header, survive failures and time out', { timeout: 20000 }, async (t) => {
  const statuses = [200, 500, null]; // first answered 200, then 500, then never answered
  const receiver = await startReceiver(() => (statuses.length ? statuses.shift() : 200));
  t.after(() => receiver.stop());
  const logged = [];
  const emulator = await startEmulator({ port: await freePort(), token: TOKEN, deliveryTimeoutMs: 1000, log: (line) => logged.push(line) });
  t.after(() => emulator.stop());

  // The bot registers its webhook as planbot will.
  const set = await botCall(emulator, 'setWebhook', { url: receiver.url, secret_token: 's3cret', allowed_updates: ['message'] });
  assert.equal(set.status, 200);
  assert.equal(emulator.webhook().secret_token, 's3cret');

  // Two messages sent back to back get distinct update_ids and the registered secret.
  await emulator.sendUserMessage({ chat: group, from: user, text: '@planbot hva skjer i mai', entities: [{ type: 'mention', offset: 0, length: 8 }] });
  await emulator.sendUserMessage({ chat: group, from: user, text: 'second' });
  await waitFor(() => receiver.received.length === 2, { what: 'two deliveries' });
  const [first, second] = receiver.received;
  assert.equal(first.headers['x-telegram-bot-api-secret-token'], 's3cret');
  assert.equal(first.headers['content-type'], 'application/json');
  assert.notEqual(first.body.update_id, second.body.update_id);
  assert.notEqual(first.body.message.message_id, second.body.message.message_id);
  assert.equal(first.body.message.text, '@planbot hva skjer i mai');
  assert.deepEqual(first.body.message.chat, group);
  assert.equal(first.body.message.botToken, undefined, 'the token must not be delivered');

  // The 500 was logged, not fatal; the third delivery hits the 1 s deadline.
  await emulator.sendUserMessage({ chat: group, from: user, text: 'third' });
  await waitFor(() => emulator.deliveries.length === 3 && ('error' in emulator.deliveries[2]), { what: 'the timed-out delivery' });
  assert.deepEqual(emulator.deliveries.map((d) => d.status ?? d.error), [200, 500, 'timeout after 1000 ms']);
  assert.equal(logged.length, 2, logged.join('\n'));

  // A refused connection is logged too, and the emulator still answers afterwards.
  await receiver.stop();
  await emulator.sendUserMessage({ chat: group, from: user, text: 'fourth' });
  await waitFor(() => emulator.deliveries.length === 4 && emulator.deliveries[3].error, { what: 'the refused delivery' });
  assert.match(emulator.deliveries[3].error, /ECONNREFUSED/);
  // /sendCommand without entities made the original emulator exit; now it is only logged.
  assert.equal((await httpRequest(`${emulator.url}/sendCommand`, { body: { botToken: TOKEN, chat: group, from: user, text: '/x' } })).status, 200);
  await sleep(100);
  assert.match(logged.at(-1), /Command should have entities/);
  assert.equal((await botCall(emulator, 'getMe', {})).status, 200);
});

test('what the bot sends is recorded per chat and readable by botMessages', { timeout: 10000 }, async (t) => {
  const emulator = await startEmulator({ port: await freePort(), token: TOKEN });
  t.after(() => emulator.stop());

  const sent = await botCall(emulator, 'sendMessage', { chat_id: -1001234, text: 'Dette skjer i mai 2027 (valgår):', parse_mode: 'HTML' });
  assert.equal(sent.status, 200);
  const result = JSON.parse(sent.text);
  assert.equal(result.ok, true);
  assert.equal(typeof result.result.message_id, 'number');
  await botCall(emulator, 'sendMessage', { chat_id: 4242, text: 'other chat' });
  await httpRequest(`${emulator.url}/bot999:other-bot/sendMessage`, { body: { chat_id: -1001234, text: 'other bot' } });

  const messages = emulator.botMessages(-1001234);
  assert.equal(messages.length, 1);
  assert.equal(messages[0].text, 'Dette skjer i mai 2027 (valgår):');
  assert.equal(messages[0].message_id, result.result.message_id);

  // Methods the emulator lacks answer 500 in its own error shape (planbot must cope).
  const commands = await botCall(emulator, 'setMyCommands', { commands: [{ command: 'hjelp', description: 'Hjelp' }] });
  assert.equal(commands.status, 500);
});
