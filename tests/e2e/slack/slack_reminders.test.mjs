// End to end on Slack with a fast clock: the kasserer's reminders before a deadline reach the
// role's channel in order, each naming the holder and carrying a ✅ Ferdig button; someone
// else's press is refused with a notice only they see, the holder's press confirms the task,
// edits the reminder to say who did it, and stops the reminders that were still to come.
//
// Kari is an admin (PLANBOT_ADMINS) and gives herself the role, as the README's
// «/rolle gi kasserer meg»; Ola is nobody in particular.
//
// The clock: set-up on 16 March 2026 at real speed; then planbot restarts at 36,000 times real
// time (E2E_CLOCK_RATE) from 16 March 12:00 until the three reminders for task 9 (due 31
// March) are out; the buttons are pressed after a restart at real speed where that run ended,
// so that the presses do not race the fast clock to 1 April (and so that they work also with
// E2E_SLACK_SIGN_CLOCK=planbot, see stack.mjs); a last fast run passes 1 April 09:00, when
// an overdue reminder would come.
// Run: PLANBOT_BINARY=/path/to/planbot node --test slack_reminders.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sleep, waitFor } from '../telegram/util.mjs';
import { findButton, plainText, rawText, visibleText } from './stand_in.mjs';
import { RATE, SCALE, askInDm, person, slash, startSlackStack } from './stack.mjs';

const SIGNING_SECRET = 'e2e-slack-reminders-secret-2Wq';
const kari = person('UKARI', 'kari', 'Kari Nordmann');
const ola = person('UOLA', 'ola', 'Ola Berg');
const OKONOMI = 'C0OKONOMI';

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
    assert.match((await slash(standIn, kari, 'kanal kasserer', { channel: OKONOMI })).answer, /Kasserer/);
    await setUp.kill('SIGTERM');

    // Fast: 17 March (14 days before), 28 March (3 days before), 31 March (the day itself).
    const fast = await stack.start({ at: Date.parse('2026-03-16T11:00:00Z'), rate: RATE });
    const three = await waitFor(() => reminders(standIn).length >= 3 && reminders(standIn),
      { timeoutMs: 70000 * SCALE, intervalMs: 200, what: 'three reminders for task 9 in the kasserer\'s channel' });
    await fast.kill('SIGTERM');
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

    let since = Date.now();
    const refused = await standIn.pressButton(last, ola);
    assert.equal(refused.status, 200, 'a press is acknowledged at once');
    const notice = await waitFor(() => privateNotices(standIn, ola, refused.responseUrl, since).find((text) => text.trim() !== ''),
      { timeoutMs: 8000, what: 'the notice to Ola that the task is not his to confirm' });
    assert.match(notice, /Bare den som har ansvar for denne oppgaven, eller en admin/);
    await sleep(1000);
    assert.equal(last.updates.length, 0, 'a refused press changes nothing');
    assert.equal(standIn.callsOf('chat.update').length, 0);

    since = Date.now();
    const confirmed = await standIn.pressButton(last, kari);
    assert.equal(confirmed.status, 200);
    await waitFor(() => last.updates.length, { timeoutMs: 8000, what: 'the reminder to be edited' });
    const shown = visibleText(last); // Slack shows the blocks, when the message has any
    assert.match(shown, /nr\. 9/, 'the reminder still says what it was about');
    assert.match(shown, /meldt av/);
    assert.match(shown, /kari|UKARI/i, 'it says who confirmed it');
    t.diagnostic(`the reminder after ✅: ${shown.replaceAll('\n', ' / ')}`);
    assert.equal(findButton(last.blocks, 'planbot_done'), null, 'the edited reminder has no ✅ button left');
    const thanks = await waitFor(() => privateNotices(standIn, kari, confirmed.responseUrl, since).find((text) => text.trim() !== ''),
      { timeoutMs: 8000, what: 'the notice to Kari that it is registered' });
    assert.match(thanks, /Registrert/);
    // The deadline is done where anyone looks.
    const deadlines = await slash(standIn, ola, 'frister 31.3.2026');
    assert.match(deadlines.answer, /^9 .*✅/m, `task 9 on 31 March is done: ${deadlines.answer}`);

    await slow.kill('SIGTERM');

    // Fast past 1 April 09:00, when the first overdue reminder would come: it must not.
    const after = await stack.start({ at: stack.clockAfter(), rate: RATE });
    await sleep(6000 * SCALE);
    await after.kill('SIGTERM');
    assert.equal(reminders(standIn).length, 3, 'no reminder after the task was confirmed');
    const overdue = standIn.messages.filter((m) => /over fristen|forsinket/.test(plainText(m)) && plainText(m).includes('nr. 9'));
    assert.deepEqual(overdue.map((m) => plainText(m)), []);
  });
