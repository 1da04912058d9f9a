// End to end: a member's own data through the Telegram emulator. Kari holds kasserer
// and a one-person group's role, confirms task 9 with a comment and starts a forum
// thread that Ola receives; /mine data in a group is refused, in her private chat it
// comes as a file (sendDocument) with all of it. Then /slett meg, confirmed: Ola sees
// the thread by «tidligere medlem», and after planbot stops, no text of any table of
// its database holds her name, username or user id.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 personal_data.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startStack } from './stack.mjs';
import { waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-personal';
const SECRET = 'e2e-personal-secret_2Lm';
const PYTHON = process.env.PLANBOT_TEST_PYTHON ?? '/usr/bin/python3';
const here = path.dirname(fileURLToPath(import.meta.url));

const admin = { id: 9400001, is_bot: false, first_name: 'Anne', last_name: 'Admin', username: 'anne_admin' };
const kari = { id: 9400002, is_bot: false, first_name: 'Karoline', last_name: 'Glemsk', username: 'karo_gl' };
const ola = { id: 9400003, is_bot: false, first_name: 'Ola', last_name: 'Berg', username: 'ola_roros' };
const group = { id: -1009400, type: 'supergroup', title: 'Økonomi' };
const privateChat = (user) => ({ id: user.id, type: 'private', first_name: user.first_name });
const command = (text) => [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0].length }];

test('/mine data sends a member everything stored about them; /slett meg forgets them, and the database holds nothing of them',
  { timeout: 90000 }, async (t) => {
    const { emulator, start, databasePath } = await startStack(t, { token: TOKEN, secret: SECRET,
      env: { PLANBOT_ADMINS: String(admin.id) } });
    const bot = await start({ PLANBOT_BOT_NOW: '2026-03-20T10:00' });

    const messages = (chat) => emulator.botMessages(chat.id);
    // Sends `text` and returns the first new message in the chat that matches `expected`
    // (handovers and relays may come in between).
    async function say(from, text, expected = /./, chat = privateChat(from)) {
      const before = messages(chat).length;
      await emulator.sendUserMessage({ chat, from, text, entities: text.startsWith('/') ? command(text) : undefined });
      const found = await waitFor(() => messages(chat).slice(before).find((message) => expected.test(message.text)),
        { timeoutMs: 8000, what: `an answer to «${text}» matching ${expected}` });
      return found.text;
    }

    for (const user of [kari, ola]) await say(user, '/mineroller');
    await say(admin, '/rolle gi kasserer @karo_gl', /har fått rollen Kasserer/, group);
    await say(admin, '/rolle gi enpersonsgruppe Oppdal @karo_gl', /Oppdal/);
    await say(admin, '/rolle gi enpersonsgruppe Røros @ola_roros', /Røros/);
    await say(kari, '/ferdig 9 betalt inn', /er ferdig/);
    await say(kari, '/forum ny Budsjettkampen: Hvordan fikk dere gjennomslag?', /Slik blir tråden/);
    const olaBefore = messages(privateChat(ola)).length;
    await say(kari, 'send', /Tråd 1/);
    const relayed = await waitFor(() => messages(privateChat(ola)).length > olaBefore && messages(privateChat(ola))[olaBefore],
      { timeoutMs: 8000, what: 'the thread relayed to Ola' });
    assert.match(relayed.text, /Karoline Glemsk/);

    // In a group: only a pointer to the private chat, no file anywhere.
    await say(kari, '/mine data', /privat chat/, group);
    assert.equal(emulator.documents(group.id).length, 0);

    // In private: a file with everything.
    await say(kari, '/mine opplysninger', /alt planbot lagrer om deg/);
    const [file] = await waitFor(() => emulator.documents(kari.id).length > 0 && emulator.documents(kari.id),
      { timeoutMs: 8000, what: 'the file of /mine data' });
    assert.equal(file.file_name, 'planbot-mine-data-2026-03-20.txt');
    assert.match(file.caption, /alt planbot lagrer om deg/);
    for (const expected of [/Navn: Karoline Glemsk/, /Brukernavn: @karo_gl/, /Bruker-id: 9400002/, /Kasserer/,
      /Enpersonsgruppe/i, /nr\. 9 .*meldt ferdig .*kommentar: betalt inn/, /Tittel: Budsjettkampen/,
      /Hvordan fikk dere gjennomslag\?/]) {
      assert.match(file.content, expected);
    }

    // Forgetting: asked, then confirmed.
    await say(kari, '/slett meg', /«\/slett meg bekreft» innen 15 minutter/);
    await say(kari, '/slett meg bekreft', /planbot har glemt deg/);
    // Ola reads the thread: it is there, by «tidligere medlem».
    const thread = await say(ola, '/forum vis 1', /gjennomslag/);
    assert.match(thread, /Hvordan fikk dere gjennomslag\?/);
    assert.match(thread, /tidligere medlem/);
    assert.doesNotMatch(thread, /Karoline|Glemsk/);
    // The admins' log says it happened, naming nobody.
    const log = await say(admin, '/logg', /glemme/);
    assert.match(log, /tidligere medlem: Et medlem ba planbot glemme dem/);
    assert.doesNotMatch(log, /Karoline|Glemsk|karo_gl/);

    await bot.kill('SIGTERM');
    const hits = JSON.parse(execFileSync(PYTHON, [path.join(here, 'find_in_database.py'), databasePath,
      'Karoline', 'Glemsk', 'karo_gl', String(kari.id)], { encoding: 'utf8' }));
    for (const [needle, found] of Object.entries(hits)) {
      assert.deepEqual(found, [], `«${needle}» is still in the database:\n${found.join('\n')}`);
    }
    // Ola is still known, and the confirmation of task 9 is kept.
    const others = JSON.parse(execFileSync(PYTHON, [path.join(here, 'find_in_database.py'), databasePath,
      'ola_roros', 'betalt inn'], { encoding: 'utf8' }));
    assert.ok(others.ola_roros.length > 0);
    assert.ok(others['betalt inn'].some((hit) => hit.startsWith('completions.comment')));
  });
