// End to end on Slack with a fast clock: the kasserer's reminders before a deadline reach the
// role's channel in order, each naming the holder and carrying a ✅ Ferdig button; someone
// else's press is refused with a notice only they see, the holder's press confirms the task,
// edits the reminder to say who did it, and stops the reminders that were still to come.
//
// Kari is an admin (PLANBOT_ADMINS) and gives herself the role, as the README's
// «/rolle gi kasserer meg», and invites planbot into #okonomi before she makes it the role's
// channel; Ola is nobody in particular.
//
// The clock: set-up on 16 March 2026 at real speed; then planbot restarts at 36,000 times real
// time (E2E_CLOCK_RATE) from 16 March 12:00 and is killed (-9, at once) when the three
// reminders for task 9 (due 31 March) are out; the buttons are pressed after a restart at
// real speed where that run ended, so that the presses do not race the fast clock to 1
// April, 09:00 in Oslo (07:00 UTC), when the first overdue reminder would come; a last fast
// run goes past that, until what planbot sends at that same moment (the admin's list of
// reminders nobody has the role for) shows its scheduler got there.
// Run: PLANBOT_BINARY=/path/to/planbot node --test slack_reminders.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitFor } from '../telegram/util.mjs';
import { BOT_USER_ID, findButton, plainText, rawText, visibleText } from './stand_in.mjs';
import { RATE, SCALE, SLOW, askInDm, outboxSettled, person, postsRecorded, press, slash, startSlackStack } from './stack.mjs';

const SIGNING_SECRET = 'e2e-slack-reminders-secret-2Wq';
const kari = person('UKARI', 'kari', 'Kari Nordmann');
const ola = person('UOLA', 'ola', 'Ola Berg');
const OKONOMI = 'C0OKONOMI';
const OVERDUE_FROM = Date.parse('2026-04-01T07:00:00Z'); // 1 April, 09:00 in Oslo: the first overdue reminder
// planbot's overdue wording (commands/reminders/texts.cpp): «⚠️ Over fristen: … hadde frist i
// går, …», «… (for 8 dager siden)», the escalation's «🚨 Over fristen i 14 dager».
const OVERDUE_WORDING = /Over fristen|hadde frist/i;
const TASK_9 = /\bnr\. 9\b/i;
// Sent to the admin (Kari) at 1 April 09:00 too, from the plan's tasks no one has a role
// for: «Ingen mottaker for N påminnelser … • Nr. 6 … hadde frist i går, tirsdag 31. mars: …».
const SAME_MOMENT = /^Ingen mottaker for [\s\S]*hadde frist i går, tirsdag 31\. mars/;

// The reminders for task 9 in the channel: posted with a ✅ button (an edit may take it away).
const reminders = (standIn) => standIn.messagesIn(OKONOMI)
  .filter((m) => plainText(m.posted).includes('nr. 9') && findButton(m.posted.blocks, 'planbot_done'));

// The texts `user` was shown privately since `since`: ephemeral messages in the channel,
// and posts to the press's response_url.
const privateNotices = (standIn, user, responseUrl, since) => [
  ...standIn.ephemeralsFor(user.id).filter((e) => e.at >= since).map((e) => plainText(e)),
  ...standIn.responses.filter((r) => r.url === responseUrl && r.body?.replace_original !== true).map((r) => plainText(r.body)),
];

test('the kasserer\'s reminders come in order to the role\'s channel; only the holder\'s ✅ confirms, and stops them',
  { timeout: 180000 * SCALE }, async (t) => {
    const stack = await startSlackStack(t, { signingSecret: SIGNING_SECRET, env: { PLANBOT_ADMINS: `slack:${kari.id}` } });
    const { standIn } = stack;
    for (const user of [kari, ola]) standIn.addUser(user);
    standIn.channelNames.set(OKONOMI, 'okonomi');

    // 16 March, 08:00 in Oslo (UTC+1), at real speed: Kari takes the role, the channel becomes its.
    const setUp = await stack.start({ at: Date.parse('2026-03-16T07:00:00Z') });
    await askInDm(standIn, kari, 'hei');
    await askInDm(standIn, ola, 'hei');
    assert.match((await slash(standIn, kari, 'rolle gi kasserer meg')).answer, /har fått rollen Kasserer/);
    assert.equal((await standIn.inviteBot(OKONOMI, kari)).status, 200, 'Slack\'s member_joined_channel is acknowledged');
    assert.match((await slash(standIn, kari, 'kanal kasserer', { channel: OKONOMI })).answer, /^Denne gruppa er nå kanal for Kasserer\./);
    await setUp.kill('SIGTERM');

    // Fast: 17 March (14 days before), 28 March (3 days before), 31 March (the day itself).
    // Killed as soon as the third is out and recorded as sent (a kill before planbot
    // records it would only make it send that one again after the restart).
    const fast = await stack.start({ at: Date.parse('2026-03-16T11:00:00Z'), rate: RATE });
    const three = await waitFor(() => reminders(standIn).length >= 3 && reminders(standIn),
      { timeoutMs: 70000 * SCALE, intervalMs: 20, what: 'three reminders for task 9 in the kasserer\'s channel' });
    await postsRecorded(fast, standIn);
    await fast.kill('SIGKILL');
    const stoppedAt = fast.clockNow(); // at most: the reckoning runs ahead of planbot's clock
    t.diagnostic(`the fast run was killed with planbot's clock at most at ${new Date(stoppedAt).toISOString()}`);
    // With room for the presses at real speed after the restart.
    assert.ok(stack.clockAfter(fast) + 30 * 60000 < OVERDUE_FROM,
      `machine too slow for rate ${RATE}: planbot's clock may have reached ${new Date(stoppedAt).toISOString()}, too near 1 April 07:00Z`);
    assert.equal(reminders(standIn).length, 3, 'three reminders when the fast run stopped');
    assert.deepEqual(standIn.messages.filter((m) => TASK_9.test(plainText(m))).map((m) => m.ts), three.map((m) => m.ts),
      'nothing else about task 9 anywhere');
    assert.match(plainText(three[0]), /14 dager/);
    assert.match(plainText(three[1]), /3 dager/);
    assert.match(plainText(three[2]), /i dag/);
    for (const reminder of three) {
      assert.ok(rawText(reminder).includes(`<@${kari.id}>`), `the reminder mentions Kari so that Slack notifies her: ${rawText(reminder)}`);
      assert.doesNotMatch(plainText(reminder), /for sent/, 'on time, not late');
    }
    t.diagnostic(`the last reminder: ${rawText(three[2]).replaceAll('\n', ' / ')}`);
    const { button } = findButton(three[2].blocks, 'planbot_done');
    assert.match(button.text.text, /Ferdig/);
    assert.ok(button.value, 'the button carries which deadline it confirms');

    // At real speed where the fast run ended (31 March): the presses.
    const slow = await stack.start({ at: stack.clockAfter(fast) });
    const last = three[2];

    const pressedAt = Date.now();
    const refused = await press(standIn, last, ola);
    const notice = await waitFor(() => privateNotices(standIn, ola, refused.responseUrl, pressedAt).find((text) => text.trim() !== ''),
      { timeoutMs: 8000 * SLOW, what: 'the notice to Ola that the task is not his to confirm' });
    assert.match(notice, /Bare den som har ansvar for denne oppgaven, eller en admin/);
    // The sentinel: a question in the channel afterwards is answered after anything the press queued there.
    const asked = Date.now();
    const question = await standIn.sendEvent(standIn.mention({ user: ola, channel: OKONOMI, text: `<@${BOT_USER_ID}> når er landsmøtet?` }));
    assert.equal(question.status, 200);
    await standIn.waitForMessage((m) => m.channel === OKONOMI && m.at >= asked && /Landsmøte/.test(plainText(m)),
      { what: 'the answer to Ola\'s question in the channel' });
    assert.equal(last.updates.length, 0, 'a refused press changes nothing');
    assert.equal(standIn.callsOf('chat.update').length, 0);

    const since = Date.now();
    const confirmed = await press(standIn, last, kari);
    await waitFor(() => last.updates.length, { timeoutMs: 8000 * SLOW, what: 'the reminder to be edited' });
    const shown = visibleText(last); // Slack shows the blocks, when the message has any
    assert.match(shown, /nr\. 9/, 'the reminder still says what it was about');
    assert.match(shown, /meldt av (Kari|kari|<@UKARI>)/, 'it says who confirmed it');
    t.diagnostic(`the reminder after ✅: ${shown.replaceAll('\n', ' / ')}`);
    assert.equal(findButton(last.blocks, 'planbot_done'), null, 'the edited reminder has no ✅ button left');
    const thanks = await waitFor(() => privateNotices(standIn, kari, confirmed.responseUrl, since).find((text) => text.trim() !== ''),
      { timeoutMs: 8000 * SLOW, what: 'the notice to Kari that it is registered' });
    assert.match(thanks, /Registrert/);
    // The deadline is done where anyone looks.
    const deadlines = await slash(standIn, ola, 'frister 31.3.2026');
    assert.match(deadlines.answer, /^9 .*✅/m, `task 9 on 31 March is done: ${deadlines.answer}`);

    await slow.kill('SIGTERM');

    // Fast past 1 April 09:00, when the first overdue reminder would come: it must not. What
    // planbot sends at that moment for other tasks shows its scheduler got there; anything
    // else it queued then has gone out once its outbox is empty.
    const after = await stack.start({ at: stack.clockAfter(), rate: RATE });
    const sameMoment = await waitFor(() => standIn.messagesIn(kari.id).find((m) => m.at >= after.startedAt && SAME_MOMENT.test(plainText(m))),
      { timeoutMs: 30000 * SCALE, intervalMs: 50, what: 'the admin\'s list of reminders without a recipient, sent 1 April 09:00' });
    await outboxSettled(after);
    await after.kill('SIGTERM');
    t.diagnostic(`sent at 1 April 09:00 (planbot's clock at most ${new Date(after.clockAt(sameMoment.at)).toISOString()}): `
      + `${plainText(sameMoment).slice(0, 200).replaceAll('\n', ' / ')}…`);
    assert.equal(reminders(standIn).length, 3, 'no reminder after the task was confirmed');
    const overdue = [...standIn.messages, ...standIn.ephemerals]
      .filter((m) => m.at >= pressedAt && TASK_9.test(plainText(m)) && OVERDUE_WORDING.test(plainText(m)));
    assert.deepEqual(overdue.map((m) => `${m.channel}: ${plainText(m)}`), [], 'no overdue reminder for task 9, anywhere');
  });
