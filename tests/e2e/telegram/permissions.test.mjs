// End to end, a sample of the permissions table (tests/unit/commands/permissions_table_test.cpp)
// through the Telegram emulator: a group's anonymous admin, and forged ✅ button data.
//
// An anonymous admin's message comes as Telegram sends it (sender_chat = the group, from =
// GroupAnonymousBot, 1087968824). It is the group speaking, not a person: it never has an
// admin's rights, even with that id listed among the admins, and only what is the same
// whoever asks is answered. Forged button data (another chat's task, a task key that never
// existed, malformed data) pressed by someone without a role is answered without telling
// anything, and stores nothing.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 permissions.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startStack } from './stack.mjs';
import { sleep, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-permissions';
const SECRET = 'e2e-permissions-secret_3Qz';

const admin = { id: 9700001, is_bot: false, first_name: 'Anne', last_name: 'Admin', username: 'anne_admin' };
const kari = { id: 9700002, is_bot: false, first_name: 'Kari', last_name: 'Kasserer', username: 'kari_k' };
const ola = { id: 9700003, is_bot: false, first_name: 'Ola', username: 'ola_n' };
const anonymousBot = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
const group = { id: -1009700, type: 'supergroup', title: 'Økonomi' };
const privateChat = (user) => ({ id: user.id, type: 'private', first_name: user.first_name });

const command = (text) => [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }];
const NOT_YOURS = /^Bare den som har ansvar for denne oppgaven, eller en admin, kan melde den ferdig her\./;

test('an anonymous group admin gets no admin rights, and forged buttons are refused without a trace',
  { timeout: 90000 }, async (t) => {
    // The anonymous bot's id among the admins is a trap: it must not make the group an admin.
    const { emulator, start } = await startStack(t, {
      token: TOKEN, secret: SECRET, env: { PLANBOT_ADMINS: `${admin.id},${anonymousBot.id}` },
    });
    // 20 March 2026: the first quarter's partiskatt (task 9, kasserer) is due on 31 March.
    await start({ PLANBOT_BOT_NOW: '2026-03-20T10:00' });

    // Sends `text` and waits for the bot's next message in that chat.
    async function say(from, chat, text, extra = {}) {
      const before = emulator.botMessages(chat.id).length;
      await emulator.sendUserMessage({ chat, from, text, entities: text.startsWith('/') ? command(text) : undefined, ...extra });
      const messages = await waitFor(
        () => emulator.botMessages(chat.id).length > before && emulator.botMessages(chat.id),
        { timeoutMs: 8000, what: `an answer to «${text}»` });
      return messages[before];
    }
    const anonymously = (text) => say(anonymousBot, group, text, { senderChat: { ...group } });
    // Presses a button with `data` on the bot's `message`, and waits for the press's answer.
    async function press(from, chat, message, data) {
      const before = emulator.callbackAnswers().length;
      await emulator.pressButton({ chat, from, message, data });
      const answers = await waitFor(() => emulator.callbackAnswers().length > before && emulator.callbackAnswers(),
        { timeoutMs: 8000, what: `an answer to the press «${data}»` });
      return answers[before].text ?? '';
    }

    await say(kari, privateChat(kari), '/mineroller');
    await say(ola, privateChat(ola), '/mineroller');
    assert.match((await say(admin, group, '/rolle gi kasserer @kari_k')).text, /Kari/);
    assert.match((await say(admin, group, '/kanal kasserer')).text, /Kasserer/);
    const groupMessages = emulator.botMessages(group.id).length;

    // The anonymous admin: not an admin, told how to write as themselves.
    const log = await anonymously('/logg');
    assert.match(log.text, /Meldingen kommer fra gruppa/);
    assert.doesNotMatch(log.text, /Kasserer gitt|kanal/i, 'the log is not shown');
    const grant = await anonymously('/rolle gi kasserer @ola_n');
    assert.match(grant.text, /Meldingen kommer fra gruppa/);
    const confirm = await anonymously('/ferdig 9');
    assert.match(confirm.text, /Meldingen kommer fra gruppa/);
    // What is the same whoever asks is answered.
    assert.match((await anonymously('/frister')).text, /Frister/);
    // Nothing changed: Ola has no role, task 9 is still open for Kari.
    assert.match((await say(ola, privateChat(ola), '/mineroller')).text, /ingen roller/i);

    // Forged ✅ data pressed by Ola (no role) on the bot's message in his own chat.
    const olaMessage = emulator.botMessages(ola.id).at(-1);
    for (const data of ['done|9||2026-3', 'done|9||2031-3', 'done|999||', 'done|zz', 'ikke data']) {
      const answer = await press(ola, privateChat(ola), olaMessage, data);
      assert.match(answer, NOT_YOURS, `the press «${data}»`);
      assert.doesNotMatch(answer, /partiskatt|Kari|finnes/i, `the press «${data}» tells nothing`);
    }
    // Ola presses Kari's button in the kasserer group: another person's button.
    const groupAnswer = emulator.botMessages(group.id).at(-1);
    assert.match(await press(ola, group, groupAnswer, 'done|9||2026-3'), NOT_YOURS);

    // Nothing was stored: the group heard of no confirmation, and Kari's /ferdig 9 is the first.
    await sleep(1000);
    assert.equal(emulator.botMessages(group.id).length, groupMessages + 4, 'only the anonymous admin\'s answers');
    const done = await say(kari, privateChat(kari), '/ferdig 9');
    assert.match(done.text, /^✅ .*er ferdig/);
    // The real holder's press on the same forged data in another chat is hers to make: it is
    // /ferdig for her task, and now says it is done already.
    assert.match(await press(kari, privateChat(kari), emulator.botMessages(kari.id).at(-1), 'done|9||2026-3'),
      /Allerede meldt ferdig av Kari/);
  });
