// End to end through the year as it goes (issue 15): a kasserer given the role for a
// term that ends, with the fast clock, so the fylkessekretær is asked who takes over
// and then gets the kasserer's reminder saying the role is missing; and a new holder
// who gets the handover in their private chat, with the last holder's comment and note.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 year.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startStack as startAt } from './stack.mjs';
import { waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-year';
const SECRET = 'e2e-year-secret_8Qv';
const admin = { id: 9300001, is_bot: false, first_name: 'Anne', username: 'anne_admin' };
const kari = { id: 9300002, is_bot: false, first_name: 'Kari', last_name: 'Kasserer', username: 'kari_k' };
const sara = { id: 9300003, is_bot: false, first_name: 'Sara', last_name: 'Sekretær', username: 'sara_s' };
const ola = { id: 9300004, is_bot: false, first_name: 'Ola', last_name: 'Nygård', username: 'ola_n' };
const group = { id: -1009300, type: 'supergroup', title: 'Økonomi' };
const privateChat = (user) => ({ id: user.id, type: 'private', first_name: user.first_name });
const command = (text) => [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }];
// 36,000 times real time: ten hours a second, so the twelve days from 16 to 28 March
// 2026 pass in about 29 seconds.
const RATE = '36000';

const startStack = (t) => startAt(t, { token: TOKEN, secret: SECRET, env: { PLANBOT_ADMINS: String(admin.id) } });

// Sends `text` from `from` in `chat` and returns the bot's first answer there.
async function say(emulator, from, chat, text) {
  const before = emulator.botMessages(chat.id).length;
  await emulator.sendUserMessage({ chat, from, text, entities: text.startsWith('/') ? command(text) : undefined });
  const messages = await waitFor(() => emulator.botMessages(chat.id).length > before && emulator.botMessages(chat.id),
    { timeoutMs: 8000, what: `an answer to «${text}»` });
  return messages[before].text;
}

// Sends `text` and waits for an answer in `chat` that matches `expected` (an answer to an
// earlier message may still arrive first).
async function sayExpecting(emulator, from, chat, text, expected) {
  const before = emulator.botMessages(chat.id).length;
  await emulator.sendUserMessage({ chat, from, text, entities: command(text) });
  return waitFor(() => emulator.botMessages(chat.id).slice(before).find((m) => expected.test(m.text)),
    { timeoutMs: 8000, what: `an answer to «${text}» matching ${expected}` });
}

const partiskatt = (messages) => messages.filter((m) => /nr\. 9 /.test(m.text));

test('a kasserer\'s term ends: the fylkessekretær is asked who takes over, then gets her reminder «Kasserer mangler»',
  { timeout: 120000 }, async (t) => {
    const { emulator, start } = await startStack(t);
    // At normal speed on Monday 16 March 2026: Kari is kasserer until Friday 20 March,
    // Sara fylkessekretær; the group is the kasserer's channel. Task 9 (partiskatt) is
    // due on 31 March: its reminders come on 17, 28 and 31 March.
    const slow = await start({ PLANBOT_BOT_NOW: '2026-03-16T08:00' });
    await say(emulator, kari, privateChat(kari), '/mineroller');
    await say(emulator, sara, privateChat(sara), '/mineroller');
    const given = await say(emulator, admin, group, '/rolle gi kasserer @kari_k til 20.3.2026');
    assert.match(given, /har fått rollen Kasserer til 20\. mars 2026/);
    assert.match(await say(emulator, admin, group, '/rolle gi fylkessekretær @sara_s'), /Fylkessekretær/);
    assert.match(await say(emulator, admin, group, '/kanal kasserer'), /Kasserer/);
    await slow.kill('SIGTERM');

    await start({ PLANBOT_BOT_NOW: '2026-03-16T12:00', PLANBOT_BOT_CLOCK_RATE: RATE });
    // 17 March: the term has less than a week left, so Sara is asked at once; and the
    // reminder 14 days before still goes to the group, naming Kari.
    const [question] = await waitFor(() => {
      const found = emulator.botMessages(sara.id).filter((m) => m.text.startsWith('🗳'));
      return found.length > 0 && found;
    }, { timeoutMs: 30000, intervalMs: 200, what: 'the question to the fylkessekretær who takes over' });
    assert.match(question.text, /går perioden ut for denne rollen:\n• Kasserer \(Kari Kasserer\)/);
    assert.match(question.text, /«\/rolle gi kasserer @navn»/);
    const [inGroup] = await waitFor(() => partiskatt(emulator.botMessages(group.id)).length > 0 &&
      partiskatt(emulator.botMessages(group.id)), { timeoutMs: 30000, intervalMs: 200, what: 'the reminder in the group' });
    assert.match(inGroup.text, /@kari_k/);
    assert.doesNotMatch(inGroup.text, /mangler etter årsmøtet/);

    // 28 March, three days before: the term is over and nobody took it, so the reminder
    // goes to Sara privately, saying the kasserer is missing; not to the group.
    const [missing] = await waitFor(() => partiskatt(emulator.botMessages(sara.id)).length > 0 &&
      partiskatt(emulator.botMessages(sara.id)),
    { timeoutMs: 60000, intervalMs: 200, what: 'the kasserer\'s reminder in the fylkessekretær\'s private chat' });
    assert.match(missing.text, /Kasserer mangler etter årsmøtet/);
    assert.match(missing.text, /«\/rolle gi kasserer @navn»/);
    assert.doesNotMatch(missing.text, /@kari_k/);
    assert.equal(partiskatt(emulator.botMessages(group.id)).length, 1, 'only the reminder of 17 March reached the group');
    // The question was asked once.
    assert.equal(emulator.botMessages(sara.id).filter((m) => m.text.startsWith('🗳')).length, 1);
  });

test('a new kasserer gets the handover privately, with the last holder\'s comment and note', { timeout: 60000 },
  async (t) => {
    const { emulator, start } = await startStack(t);
    await start({ PLANBOT_BOT_NOW: '2026-04-02T10:00' });
    await say(emulator, kari, privateChat(kari), '/mineroller');
    await say(emulator, admin, group, '/rolle gi kasserer @kari_k');
    await sayExpecting(emulator, kari, privateChat(kari), '/ferdig 9 betalt inn, Namdal betalte sent', /er ferdig/);
    await sayExpecting(emulator, kari, privateChat(kari), '/notat 9 Purr Namdal i god tid', /lagret/);

    // Ola has written to the bot privately once, so it can write to him.
    await say(emulator, ola, privateChat(ola), '/mineroller');
    const before = emulator.botMessages(ola.id).length;
    const given = await say(emulator, admin, group, '/rolle gi kasserer @ola_n');
    assert.match(given, /Ola Nygård har fått rollen Kasserer/);
    assert.match(given, /Overleveringen for Kasserer er sendt til Ola Nygård privat/);
    const [handover] = await waitFor(() => emulator.botMessages(ola.id).length > before &&
      emulator.botMessages(ola.id).slice(before), { timeoutMs: 8000, what: 'the handover in Ola\'s private chat' });
    assert.match(handover.text, /^📋 Overlevering: Kasserer/);
    assert.match(handover.text, /9 Følge opp partiskatt/);
    assert.match(handover.text, /«betalt inn, Namdal betalte sent»/);
    assert.match(handover.text, /Kari Kasserer 2\.4\.2026: «Purr Namdal i god tid»/);
  });
