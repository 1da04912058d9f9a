// End to end: one planbot process on Telegram (the emulator) and Slack (the stand-in) at
// once, on one database. A question on each platform is answered on that platform only.
// Then Kari links her two accounts (/kobling on Telegram gives a code, /planbot kobling
// <code> on Slack uses it), the admin gives her Telegram account the kasserer role, she
// writes on Slack last, and with a fast clock the kasserer's reminder reaches her on
// Slack, and not on Telegram. "Only" and "once" are counted after sentinels (a question
// afterwards in the same chat, answered after anything queued before it) and, across the
// platforms, after planbot's outbox is empty.
// Run: PLANBOT_BINARY=/path/to/planbot node --test both_platforms.test.mjs
// (needs `npm ci` in ../telegram for the emulator)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitFor } from '../telegram/util.mjs';
import { BOT_USER_ID, plainText } from './stand_in.mjs';
import { RATE, SCALE, SLOW, askInDm, outboxSettled, person, sentTo, slash, startSlackStack } from './stack.mjs';

const TELEGRAM = { token: '123456:TEST-token-both', secret: 'e2e-both-secret_6Fy' };
const SIGNING_SECRET = 'e2e-both-signing-secret-1Zk';
const admin = { id: 9800001, is_bot: false, first_name: 'Anne', last_name: 'Admin', username: 'anne_admin' };
const kariOnTelegram = { id: 9800002, is_bot: false, first_name: 'Kari', last_name: 'Nordmann', username: 'kari_k' };
const ola = { id: 9800003, is_bot: false, first_name: 'Ola', username: 'ola_n' };
const group = { id: -1009800, type: 'supergroup', title: 'Styret' };
const privateChat = (user) => ({ id: user.id, type: 'private', first_name: user.first_name, username: user.username });
const command = (text) => [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }];
const kariOnSlack = person('UKARI', 'kari', 'Kari Nordmann');
const perOnSlack = person('UPER', 'per', 'Per Hansen');
const STYRET = 'C0STYRET';

test('one process answers each platform on its own, and a linked person\'s reminder goes where they last wrote',
  { timeout: 150000 * SCALE }, async (t) => {
    const stack = await startSlackStack(t, { signingSecret: SIGNING_SECRET, telegram: TELEGRAM,
      env: { PLANBOT_ADMINS: `telegram:${admin.id}` } });
    const { standIn, emulator } = stack;
    for (const user of [kariOnSlack, perOnSlack]) standIn.addUser(user);
    // Sends `text` on Telegram and resolves with the bot's first new message in that chat matching `expected`.
    async function sayOnTelegram(from, chat, text, expected = /./) {
      const before = emulator.botMessages(chat.id).length;
      await emulator.sendUserMessage({ chat, from, text, entities: text.startsWith('/') ? command(text) : undefined });
      return waitFor(() => emulator.botMessages(chat.id).slice(before).find((m) => expected.test(m.text)),
        { timeoutMs: 8000 * SLOW, what: `an answer on Telegram to «${text}» matching ${expected}` });
    }

    // 16 March 2026, 08:00 in Oslo, at real speed.
    const setUp = await stack.start({ at: Date.parse('2026-03-16T07:00:00Z') });

    // A question on each platform, answered on that platform and nowhere else.
    const telegramBefore = emulator.allBotMessages().length;
    const slackBefore = standIn.messages.length;
    const text = '@planbot hva skjer i mai';
    await emulator.sendUserMessage({ chat: group, from: ola, text, entities: [{ type: 'mention', offset: 0, length: 8 }] });
    const onTelegram = await waitFor(() => emulator.botMessages(group.id)[0], { timeoutMs: 8000 * SLOW, what: 'the answer in the Telegram group' });
    assert.match(onTelegram.text, /mai 2026/);
    const delivery = await standIn.sendEvent(standIn.mention({ user: perOnSlack, channel: STYRET, text: `<@${BOT_USER_ID}> hva skjer i mai` }));
    assert.equal(delivery.status, 200);
    const onSlack = await waitFor(() => sentTo(standIn, STYRET)[0], { timeoutMs: 8000 * SLOW, what: 'the answer in the Slack channel' });
    assert.match(plainText(onSlack), /mai 2026/);
    // Sentinels on both: answered after anything either question queued in those chats.
    await emulator.sendUserMessage({ chat: group, from: ola, text: '@planbot hva skjer i juni', entities: [{ type: 'mention', offset: 0, length: 8 }] });
    await waitFor(() => emulator.botMessages(group.id).find((m) => /juni 2026/.test(m.text)),
      { timeoutMs: 8000 * SLOW, what: 'the answer to the sentinel in the Telegram group' });
    const asked = Date.now();
    assert.equal((await standIn.sendEvent(standIn.mention({ user: perOnSlack, channel: STYRET, text: `<@${BOT_USER_ID}> hva skjer i juni` }))).status, 200);
    await waitFor(() => sentTo(standIn, STYRET, asked).find((m) => /juni 2026/.test(plainText(m))),
      { timeoutMs: 8000 * SLOW, what: 'the answer to the sentinel in the Slack channel' });
    await outboxSettled(setUp);
    assert.equal(emulator.allBotMessages().length, telegramBefore + 2, 'Telegram got only the Telegram answers');
    assert.equal(standIn.messages.length, slackBefore + 2, 'Slack got only the Slack answers');

    // Kari links her accounts: the code from Telegram, used on Slack.
    const codeMessage = await sayOnTelegram(kariOnTelegram, privateChat(kariOnTelegram), '/kobling', /Koden din er/);
    const code = /Koden din er ([a-z0-9]{4}-[a-z0-9]{4})/.exec(codeMessage.text)?.[1];
    assert.ok(code, `a code in «${codeMessage.text}»`);
    const linked = await slash(standIn, kariOnSlack, `kobling ${code}`);
    assert.match(linked.answer, /er koblet/);

    // The admin gives her Telegram account the kasserer role; the role counts on Slack too.
    await sayOnTelegram(admin, privateChat(admin), `/rolle gi kasserer @${kariOnTelegram.username}`, /har fått rollen Kasserer/);
    assert.match((await slash(standIn, kariOnSlack, 'mineroller')).answer, /Kasserer/);
    // Kari writes on Slack last.
    await askInDm(standIn, kariOnSlack, 'hva skjer i mai');
    await setUp.kill('SIGTERM');

    // Fast from 16 March 12:00: task 9's first reminder (14 days before 31 March) on 17 March.
    const telegramToKari = emulator.botMessages(kariOnTelegram.id).length;
    const fast = await stack.start({ at: Date.parse('2026-03-16T11:00:00Z'), rate: RATE });
    const reminder = await waitFor(() => sentTo(standIn, kariOnSlack.id).find((m) => /nr\. 9/.test(plainText(m))),
      { timeoutMs: 60000 * SCALE, intervalMs: 200, what: 'the kasserer\'s reminder for task 9 in Kari\'s Slack DM' });
    assert.match(plainText(reminder), /14 dager/);
    t.diagnostic(`Kari's reminder on Slack (${reminder.requestedChannel} → ${reminder.channel}): ${plainText(reminder).replaceAll('\n', ' / ')}`);
    // A copy for Telegram would have been queued with the one for Slack: sent once the
    // outbox is empty. A second copy on Slack would come before the answer to Kari's
    // question in the same DM.
    await outboxSettled(fast);
    await askInDm(standIn, kariOnSlack, 'hva skjer i juni', { expected: /juni 2026/ });
    await fast.kill('SIGTERM');
    const onTelegramSince = emulator.botMessages(kariOnTelegram.id).slice(telegramToKari);
    assert.deepEqual(onTelegramSince.filter((m) => /nr\. 9/.test(m.text)).map((m) => m.text), [],
      'the reminder does not come on Telegram too');
    const copies = sentTo(standIn, kariOnSlack.id).filter((m) => /nr\. 9/.test(plainText(m)) && /14 dager/.test(plainText(m)));
    assert.equal(copies.length, 1, 'the reminder comes once');
  });
