// End to end: the forum for one-person groups through the Telegram emulator. An admin
// makes Kari (Oppdal) and Ola (Røros) one-person groups; Kari starts a thread, Ola
// receives it privately and answers it by replying to the relayed message, Kari receives
// the answer; Per, who is no member, is refused and receives nothing; a search finds the
// thread. Nothing of the forum's text reaches planbot's logs.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 forum.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allPlanbotOutput } from './planbot.mjs';
import { startStack } from './stack.mjs';
import { sleep, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-forum';
const SECRET = 'e2e-forum-secret_4Rt';

const admin = { id: 9200001, is_bot: false, first_name: 'Anne', last_name: 'Admin', username: 'anne_admin' };
const kari = { id: 9200002, is_bot: false, first_name: 'Kari', last_name: 'Nordmann', username: 'kari_oppdal' };
const ola = { id: 9200003, is_bot: false, first_name: 'Ola', last_name: 'Berg', username: 'ola_roros' };
const per = { id: 9200004, is_bot: false, first_name: 'Per', username: 'per_p' };
// The emulator's getMe.
const bot = { id: 666, is_bot: true, first_name: 'Test First name', username: 'TestNameBot' };
const privateChat = (user) => ({ id: user.id, type: 'private', first_name: user.first_name });

function command(text) {
  return [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0].length }];
}

// The text a Telegram client shows for a message the bot sent with parse_mode HTML.
function plain(html) {
  return html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

test('two one-person groups talk in the forum; a non-member is refused and hears nothing; search finds the thread',
  { timeout: 60000 }, async (t) => {
    const { emulator, start } = await startStack(t, { token: TOKEN, secret: SECRET, env: { PLANBOT_ADMINS: String(admin.id) } });
    // Logging everything it logs, to show that no forum text is among it.
    await start({ PLANBOT_BOT_NOW: '2026-12-02T10:00', PLANBOT_LOG_LEVEL: 'debug' });

    const messages = (user) => emulator.botMessages(user.id);
    // Sends `text` from `from` in their private chat and waits for the bot's next message there.
    async function say(from, text, replyTo) {
      const before = messages(from).length;
      await emulator.sendUserMessage({
        chat: privateChat(from), from, text, replyTo, entities: text.startsWith('/') ? command(text) : undefined,
      });
      const list = await waitFor(() => messages(from).length > before && messages(from),
        { timeoutMs: 8000, what: `an answer to «${text}»` });
      return list[before].text;
    }
    // Waits for `user`'s private chat to hold more than `count` messages; the first new one.
    async function nextFor(user, count, what) {
      const list = await waitFor(() => messages(user).length > count && messages(user), { timeoutMs: 8000, what });
      return list[count];
    }

    // Everyone writes once, so the bot knows their usernames.
    for (const user of [kari, ola, per]) await say(user, '/mineroller');
    assert.match(await say(admin, '/rolle gi enpersonsgruppe Oppdal @kari_oppdal'), /Oppdal/);
    assert.match(await say(admin, '/rolle gi enpersonsgruppe Røros @ola_roros'), /Røros/);

    const perBefore = messages(per).length;
    const olaBefore = messages(ola).length;
    const started = await say(kari, '/forum ny Budsjettkampen: Hvordan fikk dere gjennomslag? #budsjett <b>ikke fet</b>');
    // The author sees the thread first and sends it on: only then does it reach the others.
    assert.match(started, /Slik blir tråden «Budsjettkampen»/);
    assert.equal(messages(ola).length, olaBefore);
    assert.match(await say(kari, 'send'), /Tråd 1 «Budsjettkampen» er startet/);

    const relayed = await nextFor(ola, olaBefore, 'the new thread relayed to Ola');
    assert.match(relayed.text, /^💬 Forumtråd 1: Budsjettkampen/);
    assert.match(relayed.text, /Ny tråd fra Kari Nordmann \(Oppdal\)/);
    // Markup in a post is shown as typed, never interpreted.
    assert.match(relayed.text, /&lt;b&gt;ikke fet&lt;\/b&gt;/);

    // Ola answers by replying to the relayed message.
    const kariBefore = messages(kari).length;
    const answered = await say(ola, 'Vi samarbeidet med Sp om en felles budsjettavtale.', {
      message_id: relayed.message_id, from: bot, chat: privateChat(ola), date: Math.floor(Date.now() / 1000),
      text: plain(relayed.text),
    });
    assert.match(answered, /Slik blir/);
    assert.match(await say(ola, 'send'), /lagt i tråd 1/);
    const reply = await nextFor(kari, kariBefore, 'Ola\'s answer relayed to Kari');
    assert.match(reply.text, /^💬 Forumtråd 1: Budsjettkampen/);
    assert.match(reply.text, /Svar fra Ola Berg \(Røros\)/);
    assert.match(reply.text, /felles budsjettavtale/);

    // Per is no member: refused, and nothing of the forum reached him.
    const refused = await say(per, '/forum');
    assert.match(refused, /enpersonsgruppene/);
    assert.doesNotMatch(refused, /Budsjett/);
    assert.match(await say(per, '/forum søk budsjett'), /ta kontakt med/);
    await sleep(500);
    const perTexts = messages(per).slice(perBefore).map((m) => m.text);
    assert.equal(perTexts.length, 2);
    assert.ok(perTexts.every((text) => !/Budsjettkampen|budsjettavtale/.test(text)), perTexts.join('\n'));

    // A search finds the thread, by a word's beginning, folding case.
    const found = await say(kari, '/forum søk BUDSJETTAVT');
    assert.match(found, /Tråd 1 «Budsjettkampen», innlegg 2 – Ola Berg \(Røros\)/);
    const thread = await say(ola, '/forum vis 1');
    assert.match(thread, /Hvordan fikk dere gjennomslag\?/);
    assert.match(thread, /felles budsjettavtale/);

    const logs = allPlanbotOutput();
    assert.match(logs, /update_handled/);
    for (const text of ['gjennomslag', 'budsjettavtale', 'Budsjettkampen', 'BUDSJETTAVT']) {
      assert.ok(!logs.includes(text), `the logs hold forum text «${text}»`);
    }
  });

test('a post deleted by its author or hidden by an admin leaves the mirror group and the members\' chats',
  { timeout: 60000 }, async (t) => {
    const { emulator, start } = await startStack(t, { token: TOKEN, secret: SECRET, env: { PLANBOT_ADMINS: String(admin.id) } });
    await start({ PLANBOT_BOT_NOW: '2026-12-02T10:00' });
    const mirror = { id: -1009700, type: 'group', title: 'Forumspeilet' };
    const messages = (chat) => emulator.botMessages(chat.id);
    async function say(from, chat, text) {
      const before = messages(chat).length;
      await emulator.sendUserMessage({ chat, from, text, entities: text.startsWith('/') ? command(text) : undefined });
      const list = await waitFor(() => messages(chat).length > before && messages(chat),
        { timeoutMs: 8000, what: `an answer to «${text}»` });
      return list[before].text;
    }
    const holding = (chat, words) => messages(chat).filter((m) => m.text.includes(words));

    assert.match(await say(admin, mirror, '/kanal forum'), /forum/);
    for (const user of [kari, ola]) await say(user, privateChat(user), '/mineroller');
    assert.match(await say(admin, privateChat(admin), '/rolle gi enpersonsgruppe Oppdal @kari_oppdal'), /Oppdal/);
    assert.match(await say(admin, privateChat(admin), '/rolle gi enpersonsgruppe Røros @ola_roros'), /Røros/);

    await say(kari, privateChat(kari), '/forum ny Bompenger: Hva mener dere om bomringen ved Støren?');
    assert.match(await say(kari, privateChat(kari), 'send'), /Tråd 1/);
    await say(ola, privateChat(ola), '/forum svar 1 Vi sa nei til bomringen i Røros-saken.');
    assert.match(await say(ola, privateChat(ola), 'send'), /innlegg 2/);
    // In the mirror (in the group itself: it has no topics) and with every other member.
    await waitFor(() => holding(mirror, 'Røros-saken').length === 1 && holding(privateChat(kari), 'Røros-saken').length === 1,
      { timeoutMs: 8000, what: 'Ola\'s answer in the mirror and with Kari' });
    await waitFor(() => holding(mirror, 'bomringen ved Støren').length === 1,
      { timeoutMs: 8000, what: 'Kari\'s thread in the mirror' });

    // Ola deletes his answer: where it was, only a line saying so is left.
    assert.match(await say(ola, privateChat(ola), '/forum slett 2'), /Innlegg 2 er slettet/);
    await waitFor(() => holding(mirror, 'Røros-saken').length === 0 && holding(privateChat(kari), 'Røros-saken').length === 0,
      { timeoutMs: 8000, what: 'the deleted answer gone from the mirror and from Kari\'s chat' });
    assert.equal(holding(mirror, 'Innlegg 2 i forumet er slettet').length, 1);
    assert.equal(holding(privateChat(kari), 'Innlegg 2 i forumet er slettet').length, 1);

    // An admin hides Kari's thread: it goes from the mirror and from Ola's chat too.
    assert.match(await say(admin, privateChat(admin), '/forum skjul 1'), /skjult/);
    await waitFor(() => holding(mirror, 'Støren').length === 0 && holding(privateChat(ola), 'Støren').length === 0,
      { timeoutMs: 8000, what: 'the hidden thread gone from the mirror and from Ola\'s chat' });
    assert.equal(holding(mirror, 'skjult av en admin').length, 1);
    // Shown again, it is posted to the mirror anew.
    assert.match(await say(admin, privateChat(admin), '/forum gjenopprett 1'), /vises igjen/);
    await waitFor(() => holding(mirror, 'bomringen ved Støren').length === 1,
      { timeoutMs: 8000, what: 'the thread back in the mirror' });
  });
