// End to end: what is written in the forum stays in the forum. Kari and Ola, two
// one-person groups, exchange a thread whose text carries a unique marker; meanwhile the
// kasserer's group is bound and busy (a question, a confirmation with a comment). Then
// the marker must be in none of: planbot's log at debug level, any message planbot sent
// to a group, the admin's /logg, and the year report (/rapport).
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 privacy.test.mjs
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { allPlanbotOutput } from './planbot.mjs';
import { startStack } from './stack.mjs';
import { sleep, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-privacy';
const SECRET = 'e2e-privacy-secret_8Jq';

const admin = { id: 9600001, is_bot: false, first_name: 'Anne', last_name: 'Admin', username: 'anne_admin' };
const kari = { id: 9600002, is_bot: false, first_name: 'Kari', last_name: 'Nordmann', username: 'kari_oppdal' };
const ola = { id: 9600003, is_bot: false, first_name: 'Ola', last_name: 'Berg', username: 'ola_roros' };
const bot = { id: 666, is_bot: true, first_name: 'Test First name', username: 'TestNameBot' };
const group = { id: -1009600, type: 'supergroup', title: 'Økonomi' };
const privateChat = (user) => ({ id: user.id, type: 'private', first_name: user.first_name });

const command = (text) => [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0].length }];

test('a forum post\'s text reaches no log line, no group, no /logg and no year report', { timeout: 90000 }, async (t) => {
  const { emulator, start } = await startStack(t, { token: TOKEN, secret: SECRET, env: { PLANBOT_ADMINS: String(admin.id) } });
  await start({ PLANBOT_BOT_NOW: '2026-12-02T10:00', PLANBOT_LOG_LEVEL: 'debug' });
  // Unique per run, so nothing else can have put it anywhere.
  const marker = `Lekkasjetest${randomBytes(6).toString('hex')}`;

  const messages = (chat) => emulator.botMessages(chat.id);
  async function say(from, chat, text, replyTo) {
    const before = messages(chat).length;
    await emulator.sendUserMessage({
      chat, from, text, replyTo, entities: text.startsWith('/') ? command(text) : undefined,
    });
    const list = await waitFor(() => messages(chat).length > before && messages(chat),
      { timeoutMs: 8000, what: `an answer to «${text}»` });
    return list[before];
  }

  // The kasserer's group, bound and in use.
  assert.match((await say(admin, group, '/kanal kasserer')).text, /kasserer/i);
  for (const user of [kari, ola]) await say(user, privateChat(user), '/mineroller');
  assert.match((await say(admin, privateChat(admin), '/rolle gi enpersonsgruppe Oppdal @kari_oppdal')).text, /Oppdal/);
  assert.match((await say(admin, privateChat(admin), '/rolle gi enpersonsgruppe Røros @ola_roros')).text, /Røros/);
  assert.match((await say(admin, privateChat(admin), '/rolle gi kasserer @kari_oppdal')).text, /kasserer/i);
  // Kari's handover comes privately; it must not be taken for an answer below.
  await waitFor(() => messages(privateChat(kari)).some((m) => m.text.startsWith('📋 Overlevering')),
    { timeoutMs: 8000, what: 'Kari\'s handover' });

  // The thread, with the marker in its title, its text and the answer.
  const olaBefore = messages(privateChat(ola)).length;
  await say(kari, privateChat(kari), `/forum ny ${marker} i budsjettet: Hvordan fikk dere ${marker} vedtatt?`);
  assert.match((await say(kari, privateChat(kari), 'send')).text, /er startet/);
  const relayed = await waitFor(() => messages(privateChat(ola))[olaBefore], { timeoutMs: 8000, what: 'the thread relayed to Ola' });
  assert.ok(relayed.text.includes(marker), 'the forum itself carries the text');
  await say(ola, privateChat(ola), `Vi fikk ${marker} gjennom med Sp.`, {
    message_id: relayed.message_id, from: bot, chat: privateChat(ola), date: Math.floor(Date.now() / 1000),
    text: relayed.text.replace(/<[^>]+>/g, ''),
  });
  assert.match((await say(ola, privateChat(ola), 'send')).text, /lagt i tråd 1/);

  // The group goes on: a question and a confirmation with a comment.
  assert.match((await say(kari, group, 'hva skjer i mai?')).text, /mai/i);
  assert.match((await say(kari, group, '/ferdig 9 betalt inn')).text, /9/);

  const logg = (await say(admin, privateChat(admin), '/logg')).text;
  const report = (await say(admin, privateChat(admin), '/rapport 2026')).text;
  assert.match(report, /2026/);
  await sleep(500);  // anything still on its way to a group

  const inGroups = emulator.allBotMessages().filter((m) => Number(m.chat_id) < 0);
  assert.ok(inGroups.length >= 3, `the group heard from planbot (${inGroups.length} messages)`);
  const places = {
    'the log (debug level)': allPlanbotOutput(),
    'a message to a group': inGroups.map((m) => m.text).join('\n'),
    '/logg': logg,
    'the year report': report,
  };
  assert.match(places['the log (debug level)'], /update_handled/);
  for (const [place, text] of Object.entries(places)) {
    assert.ok(!text.includes(marker), `the forum's text reached ${place}`);
    assert.ok(!/Vi fikk .* gjennom med Sp/.test(text), `the forum answer reached ${place}`);
  }
});
