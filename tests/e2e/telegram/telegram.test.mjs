// End-to-end tests of planbot's Telegram webhook mode: the real binary against the
// telegram-test-api emulator (see emulator.mjs for how its flaws are worked around).
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 telegram.test.mjs
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { startEmulator } from './emulator.mjs';
import { allPlanbotOutput, freePort, makeTempDir, postUpdate, removeDir, startPlanbot } from './planbot.mjs';
import { sleep, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-e2e';
const SECRET = 'e2e-webhook-secret_7Qx';
const TEST_TIMEOUT = { timeout: 30000 };

// A private-chat Update as Telegram would POST it to the webhook.
function privateUpdate(updateId, userId, text) {
  const user = { id: userId, is_bot: false, first_name: 'Kari', username: `kari${userId}`, language_code: 'nb' };
  return {
    update_id: updateId,
    message: {
      message_id: 10,
      date: Math.floor(Date.now() / 1000),
      from: user,
      chat: { id: userId, type: 'private', first_name: 'Kari', username: user.username },
      text,
    },
  };
}

// A temp dir, an emulator and a healthy planbot in webhook mode; everything is torn down
// after the test `t`, also when it fails or times out.
async function startStack(t) {
  const dir = await makeTempDir();
  t.after(() => removeDir(dir));
  const apiPort = await freePort();
  const emulator = await startEmulator({ port: apiPort, token: TOKEN });
  t.after(() => emulator.stop());
  const stack = { dir, apiPort, emulator, databasePath: path.join(dir, 'planbot.sqlite') };
  stack.startBot = async () => {
    const bot = startPlanbot({
      port: await freePort(),
      apiUrl: `http://127.0.0.1:${apiPort}`,
      token: TOKEN,
      secret: SECRET,
      databasePath: stack.databasePath,
    });
    t.after(() => bot.kill('SIGKILL'));
    await bot.waitForHealth();
    return bot;
  };
  stack.bot = await stack.startBot();
  return stack;
}

// Waits until planbot has registered its webhook with the emulator.
const webhookRegistered = (emulator) =>
  waitFor(() => emulator.webhook(), { timeoutMs: 5000, what: 'planbot to call setWebhook' });

test('a user in a group asks @planbot hva skjer i mai and gets the answer', TEST_TIMEOUT, async (t) => {
  const { emulator, bot } = await startStack(t);

  const webhook = await webhookRegistered(emulator);
  assert.equal(webhook.url, `${bot.url}/telegram/webhook`);
  assert.equal(webhook.secret_token, SECRET);
  assert.ok(Array.isArray(webhook.allowed_updates) && webhook.allowed_updates.includes('message'),
    `allowed_updates should list "message": ${JSON.stringify(webhook.allowed_updates)}`);

  const chat = { id: -1001234, type: 'supergroup', title: 'SV Trøndelag – styret' };
  const from = { id: 5550001, is_bot: false, first_name: 'Ola', username: 'ola_n', language_code: 'nb' };
  const text = '@planbot hva skjer i mai';
  // Entity offsets and lengths count UTF-16 code units, which is what JS string indices are.
  const entities = [{ type: 'mention', offset: text.indexOf('@planbot'), length: '@planbot'.length }];
  await emulator.sendUserMessage({ chat, from, text, entities });

  const [answer] = await waitFor(() => emulator.botMessages(chat.id).length && emulator.botMessages(chat.id),
    { timeoutMs: 8000, what: 'planbot to answer in the group' });
  assert.ok(answer.text.startsWith('Dette skjer i mai 2027'), `unexpected answer: ${answer.text}`);
  assert.deepEqual(emulator.deliveries.map((d) => d.status), [200], 'the webhook delivery should be answered 200');
});

test('the same update posted twice is answered once', TEST_TIMEOUT, async (t) => {
  const { emulator, bot } = await startStack(t);
  await webhookRegistered(emulator);
  const update = privateUpdate(700001, 4242001, 'hva skjer i mai');

  assert.equal(await postUpdate(bot.port, update, { secret: SECRET }), 200);
  assert.equal(await postUpdate(bot.port, update, { secret: SECRET }), 200);

  await waitFor(() => emulator.botMessages(4242001).length, { timeoutMs: 8000, what: 'the answer' });
  await sleep(1500); // room for a wrong second answer to show up
  assert.equal(emulator.botMessages(4242001).length, 1, 'exactly one answer');
});

test('a wrong or missing secret is refused and nothing is answered', TEST_TIMEOUT, async (t) => {
  const { emulator, bot } = await startStack(t);
  await webhookRegistered(emulator);

  assert.equal(await postUpdate(bot.port, privateUpdate(700101, 4242002, 'hva skjer i mai')), 401);
  assert.equal(await postUpdate(bot.port, privateUpdate(700102, 4242002, 'hva skjer i mai'), { secret: 'not-the-secret' }), 401);
  assert.equal(await postUpdate(bot.port, privateUpdate(700103, 4242002, 'hva skjer i mai'), { secret: '' }), 401);

  await sleep(1000);
  assert.deepEqual(emulator.botMessages(4242002), []);
});

test('kill -9 right after a 200 loses nothing', TEST_TIMEOUT, async (t) => {
  const stack = await startStack(t);
  await webhookRegistered(stack.emulator);
  // Take the Bot API away, so the answer can only wait in planbot's outbox.
  await stack.emulator.stop();

  assert.equal(await postUpdate(stack.bot.port, privateUpdate(700201, 4242003, 'hva skjer i mai'), { secret: SECRET }), 200);
  const exit = await stack.bot.kill('SIGKILL');
  assert.equal(exit.signal, 'SIGKILL');

  // The API comes back on the same port, then planbot restarts on the same database.
  const emulator = await startEmulator({ port: stack.apiPort, token: TOKEN });
  t.after(() => emulator.stop());
  await stack.startBot();

  const [answer] = await waitFor(() => emulator.botMessages(4242003).length && emulator.botMessages(4242003),
    { timeoutMs: 15000, what: 'the answer stored before kill -9 to be sent after the restart' });
  assert.ok(answer.text.startsWith('Dette skjer i mai 2027'), `unexpected answer: ${answer.text}`);
  await sleep(1500);
  assert.equal(emulator.botMessages(4242003).length, 1, 'exactly one answer');
});

test('planbot never logs the bot token or the secret', TEST_TIMEOUT, async (t) => {
  // One more session of its own, so this test also means something when run alone:
  // a refused secret, an answered message, and a graceful stop.
  const { emulator, bot } = await startStack(t);
  await webhookRegistered(emulator);
  assert.equal(await postUpdate(bot.port, privateUpdate(700301, 4242004, 'hva skjer i mai'), { secret: `${SECRET}x` }), 401);
  assert.equal(await postUpdate(bot.port, privateUpdate(700302, 4242004, 'hva skjer i mai'), { secret: SECRET }), 200);
  await waitFor(() => emulator.botMessages(4242004).length, { timeoutMs: 8000, what: 'the answer' });
  await bot.kill('SIGTERM');

  // The logs of every planbot this file started, earlier tests included.
  const logs = allPlanbotOutput();
  assert.ok(logs.trim().length > 0, 'planbot at debug level should log something');
  const tokenSecretPart = TOKEN.slice(TOKEN.indexOf(':') + 1);
  for (const [name, value] of [['bot token', TOKEN], ['secret part of the bot token', tokenSecretPart], ['webhook secret', SECRET]]) {
    const at = logs.indexOf(value);
    const context = logs.slice(Math.max(0, at - 80), at + value.length + 20).replaceAll(value, `<the ${name}>`);
    assert.equal(at, -1, `planbot logged the ${name}: …${context}…`);
  }
});

test('without a public URL planbot long-polls getUpdates and answers', TEST_TIMEOUT, async (t) => {
  const dir = await makeTempDir();
  t.after(() => removeDir(dir));
  const apiPort = await freePort();
  const emulator = await startEmulator({ port: apiPort, token: TOKEN });
  t.after(() => emulator.stop());
  const bot = startPlanbot({
    port: await freePort(),
    apiUrl: `http://127.0.0.1:${apiPort}`,
    token: TOKEN,
    secret: SECRET,
    databasePath: path.join(dir, 'planbot.sqlite'),
    extraEnv: { PLANBOT_PUBLIC_URL: '' },
  });
  t.after(() => bot.kill('SIGKILL'));
  await bot.waitForHealth();
  await waitFor(() => bot.stderr.includes('event=polling_started'), { timeoutMs: 5000, what: 'planbot to start polling' });
  assert.equal(emulator.webhook(), undefined, 'no webhook may be set in polling mode');

  const chat = { id: 7770001, type: 'private', first_name: 'Per' };
  const from = { id: 7770001, is_bot: false, first_name: 'Per', language_code: 'nb' };
  await emulator.sendUserMessage({ chat, from, text: 'når er landsmøtet?' });
  const [answer] = await waitFor(() => emulator.botMessages(chat.id).length && emulator.botMessages(chat.id),
    { timeoutMs: 8000, what: 'planbot to answer a polled update' });
  assert.equal(answer.text, '• Landsmøte: i mars 2027. Planen setter ingen dag.');
  // The emulator returns the same updates on every poll (it ignores offset): still one answer.
  await sleep(2500);
  assert.equal(emulator.botMessages(chat.id).length, 1);
});
