// End to end: roles, channels and confirming work through the Telegram emulator. An
// admin gives "kasserer" to a user and binds a group as the kasserer's channel; the
// user sees task 9 in /oppgaver, confirms it with /ferdig 9 betalt inn, the group gets
// the confirmation, and a second user's /ferdig 9 is refused.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 tasks.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startStack } from './stack.mjs';
import { sleep, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-tasks';
const SECRET = 'e2e-tasks-secret_9Kp';

const admin = { id: 9100001, is_bot: false, first_name: 'Anne', last_name: 'Admin', username: 'anne_admin' };
const kari = { id: 9100002, is_bot: false, first_name: 'Kari', last_name: 'Kasserer', username: 'kari_k' };
const ola = { id: 9100003, is_bot: false, first_name: 'Ola', username: 'ola_n' };
const group = { id: -1009100, type: 'supergroup', title: 'Økonomi' };
const privateChat = (user) => ({ id: user.id, type: 'private', first_name: user.first_name });

// A command as Telegram sends it: a bot_command entity over the leading "/word".
function command(text) {
  return [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }];
}

test('an admin assigns kasserer, the kasserer confirms task 9, the group hears, others are refused',
  { timeout: 60000 }, async (t) => {
    const { emulator, start } = await startStack(t, { token: TOKEN, secret: SECRET, env: { PLANBOT_ADMINS: String(admin.id) } });
    // 20 March 2026: the first quarter's partiskatt (task 9) is due on 31 March.
    await start({ PLANBOT_BOT_NOW: '2026-03-20T10:00' });

    let seen = { group: 0, kari: 0, ola: 0, admin: 0 };
    // Sends `text` from `from` in `chat` and waits for the bot's next message there.
    async function say(from, chat, text, key) {
      const before = emulator.botMessages(chat.id).length;
      await emulator.sendUserMessage({ chat, from, text, entities: text.startsWith('/') ? command(text) : undefined });
      const messages = await waitFor(
        () => emulator.botMessages(chat.id).length > before && emulator.botMessages(chat.id),
        { timeoutMs: 8000, what: `an answer to «${text}»` });
      seen[key] = messages.length;
      return messages[before].text;
    }

    // Kari writes to the bot once, so it knows her.
    await say(kari, privateChat(kari), '/mineroller', 'kari');

    const given = await say(admin, group, '/rolle gi kasserer @kari_k', 'group');
    assert.match(given, /Kasserer/);
    assert.match(given, /Kari/);
    const bound = await say(admin, group, '/kanal kasserer', 'group');
    assert.match(bound, /Kasserer/);

    const tasks = await say(kari, privateChat(kari), '/oppgaver', 'kari');
    assert.match(tasks, /^9 .*partiskatt/im, `task 9 should be listed: ${tasks}`);
    assert.match(tasks, /31\. mars/);

    const groupBefore = emulator.botMessages(group.id).length;
    const done = await say(kari, privateChat(kari), '/ferdig 9 betalt inn', 'kari');
    assert.match(done, /ferdig/i);
    assert.match(done, /9/);
    const [confirmation] = await waitFor(
      () => emulator.botMessages(group.id).length > groupBefore && emulator.botMessages(group.id).slice(groupBefore),
      { timeoutMs: 8000, what: 'the confirmation in the kasserer group' });
    assert.match(confirmation.text, /Kari/);
    assert.match(confirmation.text, /9/);
    assert.match(confirmation.text, /betalt inn/);

    await say(ola, privateChat(ola), '/mineroller', 'ola');
    const refused = await say(ola, privateChat(ola), '/ferdig 9', 'ola');
    assert.match(refused, /Kasserer/);
    assert.match(refused, /Kari/);
    assert.doesNotMatch(refused, /^✅/);

    // Nothing more reaches the group: the refusal changed nothing.
    await sleep(1000);
    assert.equal(emulator.botMessages(group.id).length, groupBefore + 1);
    // The task is still done once: Kari's second try says who confirmed it.
    const again = await say(kari, privateChat(kari), '/ferdig 9', 'kari');
    assert.match(again, /Kari/);
    await sleep(500);
    assert.equal(emulator.botMessages(group.id).length, groupBefore + 1);
  });
