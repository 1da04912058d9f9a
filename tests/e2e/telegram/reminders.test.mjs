// End to end with a fast clock: reminders before a deadline reach the role's group in
// order, and pressing ✅ on one confirms the task and stops the rest.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 reminders.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startStack as startAt } from './stack.mjs';
import { sleep, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-reminders';
const SECRET = 'e2e-reminders-secret_3Hw';
const admin = { id: 9200001, is_bot: false, first_name: 'Anne', username: 'anne_admin' };
const kari = { id: 9200002, is_bot: false, first_name: 'Kari', username: 'kari_k' };
const group = { id: -1009200, type: 'supergroup', title: 'Økonomi' };
const command = (text) => [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }];
// 36,000 times real time: ten hours a second, so the 15 days up to task 9's deadline
// (31 March 2026) pass in about 36 seconds. At that rate a scheduler tick that takes over
// a tenth of a second already spans an hour of the bot's clock and makes a reminder late,
// so a slow build (the sanitizers': tools/sanitize-suite) sets a slower rate in
// E2E_CLOCK_RATE, and the waits below grow with it.
const RATE = Number(process.env.E2E_CLOCK_RATE ?? 36000);
const SCALE = 36000 / RATE;

const startStack = (t) => startAt(t, { token: TOKEN, secret: SECRET, env: { PLANBOT_ADMINS: String(admin.id) } });

// At normal speed on 16 March: Kari becomes kasserer and the group the kasserer's channel.
async function setUp(emulator) {
  const say = async (from, chat, text) => {
    const before = emulator.botMessages(chat.id).length;
    await emulator.sendUserMessage({ chat, from, text, entities: command(text) });
    await waitFor(() => emulator.botMessages(chat.id).length > before, { timeoutMs: 8000, what: `an answer to ${text}` });
  };
  await say(kari, { id: kari.id, type: 'private', first_name: 'Kari' }, '/mineroller');
  await say(admin, group, '/rolle gi kasserer @kari_k');
  await say(admin, group, '/kanal kasserer');
}

const reminders = (emulator) => emulator.botMessages(group.id).filter((m) => m.text.includes('nr. 9') && m.reply_markup);

test('a deadline 14 days ahead gives three reminders in order in the role\'s group; ✅ confirms and stops them',
  { timeout: 120000 * SCALE }, async (t) => {
    const { emulator, start } = await startStack(t);
    const slow = await start({ PLANBOT_BOT_NOW: '2026-03-16T08:00' });
    await setUp(emulator);
    await slow.kill('SIGTERM');

    await start({ PLANBOT_BOT_NOW: '2026-03-16T12:00', PLANBOT_BOT_CLOCK_RATE: String(RATE) });
    // 17 March (14 days before), 28 March (3 days before), 31 March (the day itself).
    const three = await waitFor(() => reminders(emulator).length >= 3 && reminders(emulator),
      { timeoutMs: 70000 * SCALE, intervalMs: 200, what: 'three reminders for task 9 in the group' });
    assert.match(three[0].text, /14 dager/);
    assert.match(three[1].text, /3 dager/);
    assert.match(three[2].text, /i dag/);
    for (const reminder of three) {
      assert.match(reminder.text, /@kari_k/, 'the reminder names the kasserer');
      assert.doesNotMatch(reminder.text, /for sent/, 'on time, not late');
    }
    const button = three[2].reply_markup.inline_keyboard[0][0];
    assert.match(button.text, /Ferdig/);

    await emulator.pressButton({ chat: group, from: kari, message: three[2], data: button.callback_data });
    await waitFor(() => emulator.botMessages(group.id).find((m) => m.message_id === three[2].message_id)?.text.includes('meldt av'),
      { timeoutMs: 8000, what: 'the reminder to be edited to show who confirmed it' });

    // 1 April 09:00 would bring the first overdue reminder: it must not come.
    await sleep(6000 * SCALE);
    assert.equal(reminders(emulator).length, 3, 'no reminder after the task was confirmed');
    const overdue = emulator.botMessages(group.id).filter((m) => /over fristen|forsinket/.test(m.text) && m.text.includes('nr. 9'));
    assert.deepEqual(overdue, []);
  });
