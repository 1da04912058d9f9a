// planbot as a service: it tells systemd when it is ready and feeds the watchdog
// (a unix datagram socket stands in for systemd's NOTIFY_SOCKET), and its backups: a
// backup taken under webhook load restores to a sound database that holds every update
// answered 200 before the backup began; restore is refused while planbot runs; the
// nightly backup appears beside the database.
// Needs PLANBOT_E2E_TOOL (tests/e2e/e2e_tool.cpp, set by ctest) besides PLANBOT_BINARY.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { postUpdate } from './planbot.mjs';
import { startStack } from './stack.mjs';
import { waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-operations';
const SECRET = 'e2e-operations-secret_4Kd';

function tool() {
  const binary = process.env.PLANBOT_E2E_TOOL;
  if (!binary) throw new Error('set PLANBOT_E2E_TOOL to the e2e_tool executable (ctest does)');
  return binary;
}

// Runs `binary args` and resolves with { code, stdout, stderr } (never rejects on a
// non-zero exit).
function run(binary, args, env = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PLANBOT_')));
  return new Promise((resolve) => {
    execFile(binary, args, { env: { ...clean, ...env }, timeout: 60000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? -1) : 0, stdout, stderr });
    });
  });
}

// The rows of `sql` on the database `file`, each an array of column texts.
async function query(file, sql) {
  const result = await run(tool(), ['query', file, sql]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

// A unix datagram socket at `socketPath`, as systemd's; `lines` collects what planbot sends.
async function listenAsSystemd(t, socketPath) {
  const child = spawn(tool(), ['notify-listen', socketPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGKILL'));
  const listener = { lines: [], raw: '' };
  child.stdout.setEncoding('utf8').on('data', (text) => {
    listener.raw += text;
    listener.lines = listener.raw.split('\n').filter((line) => line !== '');
  });
  await waitFor(() => listener.lines.includes('listening'), { what: 'the notify socket' });
  return listener;
}

function privateUpdate(updateId, userId, text) {
  const user = { id: userId, is_bot: false, first_name: 'Per', username: `per${userId}`, language_code: 'nb' };
  return {
    update_id: updateId,
    message: { message_id: updateId, date: Math.floor(Date.now() / 1000), from: user,
      chat: { id: userId, type: 'private', first_name: 'Per', username: user.username }, text },
  };
}

function groupUpdate(updateId, userId, text) {
  const user = { id: userId, is_bot: false, first_name: 'Ola', username: `ola${userId}`, language_code: 'nb' };
  return {
    update_id: updateId,
    message: { message_id: updateId, date: Math.floor(Date.now() / 1000), from: user,
      chat: { id: -1002000000 - (userId % 7), type: 'supergroup', title: 'Lokallaget' }, text },
  };
}

test('planbot sends READY=1 once its webhook is set, feeds the watchdog, and STOPPING=1 on SIGTERM', { timeout: 60000 }, async (t) => {
  const stack = await startStack(t, { token: TOKEN, secret: SECRET });
  const listener = await listenAsSystemd(t, path.join(stack.dir, 'notify.sock'));
  // The webhook must already be registered when planbot says it is ready.
  let webhookAtReady;
  const watchReady = waitFor(() => {
    if (!listener.lines.includes('READY=1')) return false;
    webhookAtReady ??= stack.emulator.webhook();
    return true;
  }, { intervalMs: 5, timeoutMs: 20000, what: 'READY=1' });
  const bot = await stack.start({ NOTIFY_SOCKET: path.join(stack.dir, 'notify.sock'), WATCHDOG_USEC: '1000000' });
  await watchReady;
  assert.ok(webhookAtReady, 'READY=1 came before setWebhook');
  assert.ok(listener.lines.some((line) => line.startsWith('STATUS=')), listener.raw);
  // A second apart, half the watchdog's interval: several pings come while it runs.
  await waitFor(() => listener.lines.filter((line) => line === 'WATCHDOG=1').length >= 3,
    { timeoutMs: 20000, what: 'three WATCHDOG=1 pings' });
  assert.equal(listener.lines.filter((line) => line === 'READY=1').length, 1);
  assert.ok(!listener.lines.includes('STOPPING=1'));

  const exit = await bot.kill('SIGTERM');
  assert.equal(exit.code, 0, bot.stderr);
  await waitFor(() => listener.lines.includes('STOPPING=1'), { what: 'STOPPING=1' });
});

test('without NOTIFY_SOCKET planbot runs as before and sends nothing', { timeout: 30000 }, async (t) => {
  const stack = await startStack(t, { token: TOKEN, secret: SECRET });
  const bot = await stack.start({ WATCHDOG_USEC: '1000000' });
  assert.equal(await postUpdate(bot.port, privateUpdate(1, 5001, 'hei'), { secret: SECRET }), 200);
  assert.equal((await bot.kill('SIGTERM')).code, 0, bot.stderr);
  assert.doesNotMatch(bot.stderr, /service_notify_failed/);
});

test('a backup taken under webhook load restores to a sound database with every update answered before it', { timeout: 120000 }, async (t) => {
  const stack = await startStack(t, { token: TOKEN, secret: SECRET });
  const bot = await stack.start();
  const env = { PLANBOT_DATABASE_PATH: stack.databasePath };

  // The load: 8 senders post updates with fresh ids (a fifth of them questions in a
  // private chat, which queue replies) until told to stop; each answer 200 is noted with
  // the moment it arrived.
  const acknowledged = []; // { id, at }
  let nextId = 1000;
  let sending = true;
  const sender = async () => {
    while (sending) {
      const id = nextId++;
      const update = id % 5 === 0 ? privateUpdate(id, 6000 + (id % 40), 'hva skjer i mai')
        : groupUpdate(id, 7000 + (id % 40), `melding nummer ${id} til lokallaget`);
      const status = await postUpdate(bot.port, update, { secret: SECRET });
      if (status === 200) acknowledged.push({ id, at: performance.now() });
    }
  };
  const senders = Array.from({ length: 8 }, sender);
  await waitFor(() => acknowledged.length >= 400, { timeoutMs: 30000, what: '400 updates answered' });

  const backupFile = path.join(stack.dir, 'backup.db');
  const backupBegan = performance.now();
  const backup = await run(process.env.PLANBOT_BINARY, ['backup', backupFile], env);
  const backupEnded = performance.now();
  const duringBackup = acknowledged.filter((a) => a.at >= backupBegan && a.at <= backupEnded).length;
  await waitFor(() => acknowledged.filter((a) => a.at > backupEnded).length >= 50, { timeoutMs: 30000, what: 'load after the backup' });
  sending = false;
  await Promise.all(senders);
  assert.equal(backup.code, 0, backup.stderr);
  assert.match(backup.stdout, /planbot backup: copied .* to .*backup\.db \(\d+ bytes, \d+ ms\)/);
  console.log(`[operations] ${backup.stdout.trim()}; ${acknowledged.length} updates answered in all, ${duringBackup} while the backup ran`);

  // Refused while planbot runs, and the database is left alone.
  const refused = await run(process.env.PLANBOT_BINARY, ['restore', backupFile], env);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /planbot restore: refused: planbot is running on .*planbot\.sqlite/);
  assert.equal(await postUpdate(bot.port, privateUpdate(99999, 6001, 'hei'), { secret: SECRET }), 200);

  assert.equal((await bot.kill('SIGTERM')).code, 0, bot.stderr);
  const restored = await run(process.env.PLANBOT_BINARY, ['restore', backupFile], env);
  assert.equal(restored.code, 0, restored.stderr);
  assert.match(restored.stdout, /restored .*planbot\.sqlite from .*backup\.db/);
  console.log(`[operations] ${restored.stdout.split('\n')[0]}`);
  const aside = readdirSync(stack.dir).filter((name) => name.startsWith('planbot.sqlite.before-restore-'));
  assert.equal(aside.length, 1, readdirSync(stack.dir).join(', '));

  assert.deepEqual(await query(stack.databasePath, 'PRAGMA integrity_check'), [['ok']]);
  const stored = new Set((await query(stack.databasePath,
    "SELECT update_id FROM processed_updates WHERE platform = 'telegram'")).map(([id]) => Number(id)));
  const missing = acknowledged.filter((a) => a.at < backupBegan && !stored.has(a.id)).map((a) => a.id);
  assert.deepEqual(missing, [], 'updates answered 200 before the backup began are missing from it');
  assert.ok(!stored.has(99999), 'the restored database holds an update from after the backup');
  // The database set aside has everything, the last update too.
  assert.deepEqual(await query(path.join(stack.dir, aside[0]), "SELECT count(*) FROM processed_updates WHERE update_id = 99999"), [['1']]);

  // planbot starts on the restored database.
  const again = await stack.start();
  assert.equal(await postUpdate(again.port, privateUpdate(100000, 6002, 'hei'), { secret: SECRET }), 200);
  assert.equal((await again.kill('SIGTERM')).code, 0, again.stderr);
});

test('planbot makes the nightly backup beside its database', { timeout: 30000 }, async (t) => {
  // The clock starts at 10:00, after the 03:30 default: the day's backup is due at once.
  const stack = await startStack(t, { token: TOKEN, secret: SECRET });
  const bot = await stack.start();
  assert.equal(await postUpdate(bot.port, privateUpdate(1, 5002, 'hei'), { secret: SECRET }), 200);
  const nightly = path.join(stack.dir, 'backups', 'planbot-2026-11-28.db');
  await waitFor(() => existsSync(nightly), { timeoutMs: 10000, what: `${nightly}` });
  assert.match(bot.stderr, /event=backup_made/);
  assert.deepEqual(await query(nightly, 'PRAGMA integrity_check'), [['ok']]);
  assert.ok((await query(nightly, 'PRAGMA user_version'))[0][0] > 0);
  assert.equal((await bot.kill('SIGTERM')).code, 0, bot.stderr);
});
