// End to end: the secretary edits the plan file while planbot runs. `systemctl reload
// planbot` (SIGHUP) reads it again: a deadline moved in the file is what members are
// told at once; a file with an error is refused, planbot keeps running on the plan in
// force and the log says why. An admin's /plan last inn does the same from the chat and
// answers with the changes, or with the error; a member may not.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 plan.test.mjs
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startStack } from './stack.mjs';
import { waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-plan';
const SECRET = 'e2e-plan-secret_4Qz';
const here = path.dirname(fileURLToPath(import.meta.url));
const SHIPPED = path.join(here, '..', '..', '..', 'config', 'plan', 'trondelag-sv-2025-2028.toml');
const QUARTERLY = 'schedule = { kind = "quarterly", description = "hvert kvartal" }';

const admin = { id: 9300001, is_bot: false, first_name: 'Anne', last_name: 'Admin', username: 'anne_admin' };
const per = { id: 9300002, is_bot: false, first_name: 'Per', username: 'per_p' };
const privateChat = (user) => ({ id: user.id, type: 'private', first_name: user.first_name });

// The shipped plan with tiltak 9's first-quarter deadline on `marchDay` instead of 31 March.
async function planWithTiltak9(marchDay) {
  const text = await readFile(SHIPPED, 'utf8');
  const at = text.indexOf(QUARTERLY, text.indexOf('\nnumber = 9\n'));
  assert.ok(at > 0, 'tiltak 9 is quarterly in the shipped plan');
  const yearly = `schedule = { kind = "yearly", days = ["03-${marchDay}", "06-30", "09-30", "12-31"], description = "hvert kvartal" }`;
  return text.slice(0, at) + yearly + text.slice(at + QUARTERLY.length);
}

test('the plan file is read again on SIGHUP and on /plan last inn; a broken file keeps the plan in force',
  { timeout: 60000 }, async (t) => {
    const { dir, emulator, start } = await startStack(t, { token: TOKEN, secret: SECRET, env: { PLANBOT_ADMINS: String(admin.id) } });
    const planFile = path.join(dir, 'plan.toml');
    await writeFile(planFile, await readFile(SHIPPED, 'utf8'));
    // 10 March 2026: tiltak 9 (partiskatt) is due at the end of the quarter.
    const bot = await start({ PLANBOT_BOT_NOW: '2026-03-10T10:00', PLANBOT_BOT_PLAN: planFile });

    async function say(from, text) {
      const chat = privateChat(from);
      const before = emulator.botMessages(chat.id).length;
      const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }] : undefined;
      await emulator.sendUserMessage({ chat, from, text, entities });
      const messages = await waitFor(
        () => emulator.botMessages(chat.id).length > before && emulator.botMessages(chat.id),
        { timeoutMs: 8000, what: `an answer to «${text}»` });
      return messages.slice(before).map((message) => message.text).join('\n');
    }
    const logLines = (event) => bot.stderr.split('\n').filter((line) => line.includes(event)).length;

    assert.match(await say(per, 'når er fristen for partiskatt'), /31\. mars/);

    // The secretary moves the deadline to 24 March and reloads the service.
    await writeFile(planFile, await planWithTiltak9('24'));
    bot.process.kill('SIGHUP');
    await waitFor(() => logLines('plan_reloaded') >= 1, { timeoutMs: 5000, what: 'the reload in the log' });
    const moved = await say(per, 'når er fristen for partiskatt');
    assert.match(moved, /24\. mars/);
    assert.doesNotMatch(moved, /31\. mars/);

    // A typo in the file: refused, the log says where, planbot keeps the plan in force.
    await writeFile(planFile, `${await planWithTiltak9('24')}\n[[tiltak]\nnumber = 44\n`);
    bot.process.kill('SIGHUP');
    await waitFor(() => logLines("plan_reload_refused") >= 1, { timeoutMs: 5000, what: `the refusal in the log: ${bot.stderr.slice(-3000)}` });
    assert.ok(bot.running, 'planbot still runs');
    assert.match(bot.stderr, /plan\.toml:\d+:\d+/);
    assert.match(await say(per, 'når er fristen for partiskatt'), /24\. mars/);

    // The same broken file from the chat: the admin hears the error, a member is refused.
    const refused = await say(admin, '/plan last inn');
    assert.match(refused, /den gamle planen gjelder fortsatt/);
    assert.match(refused, /plan\.toml:\d+:\d+/);
    assert.match(await say(per, '/plan last inn'), /bare en admin/);

    // Fixed, and moved once more: the admin is told what changed.
    await writeFile(planFile, await planWithTiltak9('25'));
    const loaded = await say(admin, '/plan last inn');
    assert.match(loaded, /Planfila er lest inn på nytt/);
    assert.match(loaded, /Tiltak 9 Følge opp partiskatt: frist 24\.3\.2026 → 25\.3\.2026/);
    assert.match(await say(per, 'når er fristen for partiskatt'), /25\. mars/);
  });
