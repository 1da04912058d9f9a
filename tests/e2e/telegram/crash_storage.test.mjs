// kill -9 inside the two long writes planbot makes besides its transactions: the WAL
// checkpoint (bot/schedule/checkpointer.cpp copies the write-ahead log into the database
// file from a thread of its own) and the backup (bot/operations/backups.cpp: the nightly
// one planbot makes itself, and `planbot backup FILE`). The database is first grown by
// about 600,000 processed updates (grow_database.py), the last half of them left in the
// WAL (grown again after a try that came too late), so each of these writes takes long
// enough to be hit; every try watches for the write to begin (the database file
// changing, the ".partial" copy appearing) and kills after a seeded random delay. After each kill: `planbot --check` passes. At the end:
// nothing committed is lost (the grown rows and every update answered 200 are there),
// a cut-off copy is never taken for a backup (only ".partial" files, which restore
// refuses), and the next backup is made and sound.
// Run: PLANBOT_BINARY=… PLANBOT_E2E_TOOL=… node --test crash_storage.test.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { checkDatabase, query, run, seededRandom } from './crash_support.mjs';
import { freePort, postUpdate, startPlanbot } from './planbot.mjs';
import { startStack } from './stack.mjs';
import { sleep, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-crash-storage';
const SECRET = 'e2e-crash-storage-secret_2Zp';
const GROWN = 300000;     // rows per half of the growth: one half checkpointed, one left in the WAL
const WAL_TRIES = 6;
const BACKUP_TRIES = 5;
const CLI_TRIES = 3;
const NIGHT = '2026-03-17T01:00'; // before the nightly backup's 03:30: none is due
const DAY = '2026-03-17T10:00';   // after it: the day's backup is due at once
const here = path.dirname(fileURLToPath(import.meta.url));

// The WAL index's counters (the -shm file, native byte order): mxFrame, the frames in the
// WAL, and nBackfill, those a checkpoint finished copying into the database (set once
// the copy is flushed to disk). { mxFrame: 0, nBackfill: 0 } without a -shm file.
function walIndex(databasePath) {
  const buffer = Buffer.alloc(136);
  try {
    const descriptor = openSync(`${databasePath}-shm`, 'r');
    readSync(descriptor, buffer, 0, 136, 0);
    closeSync(descriptor);
  } catch {
    return { mxFrame: 0, nBackfill: 0 };
  }
  return { mxFrame: buffer.readUInt32LE(16), nBackfill: buffer.readUInt32LE(96) };
}

const fileStamp = (file) => {
  try {
    const stat = statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'none';
  }
};

// Polls `probe` as fast as the event loop allows (about every millisecond) until it is
// true; false after `timeoutMs`.
async function watch(probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (probe()) return true;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return false;
}

test('kill -9 during WAL checkpoints and backups: nothing committed is lost, a cut-off copy is never a backup, the next backup is sound',
  { timeout: 200000 }, async (t) => {
    const binary = process.env.PLANBOT_BINARY;
    assert.ok(binary, 'set PLANBOT_BINARY to the planbot executable (ctest does)');
    const { seed, between } = seededRandom();
    t.diagnostic(`seed ${seed} (PLANBOT_CRASH_SEED=${seed} replays the kill delays)`);
    console.log(`[crash_storage] seed ${seed}`);
    const stack = await startStack(t, { token: TOKEN, secret: SECRET, env: { PLANBOT_LOG_LEVEL: 'warn', PLANBOT_LANGUAGE_DICTIONARIES: '' } });
    const { databasePath } = stack;
    const env = { PLANBOT_DATABASE_PATH: databasePath };
    const backups = path.join(stack.dir, 'backups');
    const nightly = path.join(backups, 'planbot-2026-03-17.db');
    // planbot on the stack's database, not waited for: a checkpoint or backup may begin
    // within its first second.
    const launch = async (now) => {
      const launched = startPlanbot({ port: await freePort(), apiUrl: `http://127.0.0.1:${stack.apiPort}`, token: TOKEN, secret: SECRET,
        databasePath, extraEnv: { PLANBOT_LOG_LEVEL: 'warn', PLANBOT_LANGUAGE_DICTIONARIES: '', PLANBOT_BOT_NOW: now } });
      t.after(() => launched.kill('SIGKILL'));
      return launched;
    };
    const afterCheck = async (what) => {
      const check = await checkDatabase(databasePath);
      assert.match(check.output, /^database: ok$/m, `planbot --check ${what}: ${check.output}`);
    };

    // Updates posted while the tries run; those answered 200 must survive every kill.
    const answered = [];
    let nextId = 5000000; // the grown rows have ids below
    let bot = null;
    let posting = true;
    t.after(() => { posting = false; });
    const sender = (async () => {
      while (posting) {
        const current = bot;
        if (!current?.running) { await sleep(20); continue; }
        const id = nextId++;
        const from = { id: 9500000 + (id % 20), is_bot: false, first_name: 'Per', username: `per${id % 20}` };
        const update = { update_id: id, message: { message_id: id, date: Math.floor(Date.now() / 1000), from,
          chat: { id: from.id, type: 'private', first_name: 'Per' }, text: `hei nummer ${id}` } };
        const status = await postUpdate(current.port, update, { secret: SECRET }).catch(() => null);
        if (status === 200) answered.push(id);
        await sleep(10);
      }
    })();

    // A database that has seen many updates: one half in the database file, the other
    // still in the WAL, as if planbot was killed under load before its checkpointer ran.
    bot = await stack.start({ PLANBOT_BOT_NOW: NIGHT });
    await waitFor(() => answered.length >= 20, { timeoutMs: 20000, what: '20 updates answered' });
    assert.equal((await bot.kill('SIGTERM')).code, 0, bot.stderr);
    let grown = 0;
    const grow = async (leaveWal) => {
      const result = await run('python3', [path.join(here, 'grow_database.py'), databasePath, String(GROWN), String(grown + 1),
        String(Date.parse('2026-03-17T00:00:00Z') / 1000), ...(leaveWal ? ['--leave-wal'] : [])], {}, 60000);
      assert.equal(result.code, 0, result.stderr);
      grown += GROWN;
      return Number(result.stdout.trim());
    };
    await grow(false);
    const walBytes = await grow(true);
    const frames = walIndex(databasePath).mxFrame;
    t.diagnostic(`grown by ${grown} processed updates: ${statSync(databasePath).size} bytes, ${walBytes} bytes (${frames} frames) of WAL`);
    await afterCheck('after the growth');

    // ---- kills inside the checkpoint of the grown WAL ----
    // The database file changes only when a checkpoint writes it; the checkpoint is done
    // when nBackfill reaches the frames it began with. The kill comes a random delay after
    // the first change; a kill after the end halves the delays drawn from then on (a
    // faster machine) and the WAL is grown again for the next try.
    let walInside = 0;
    let walDelayMs = 12;
    const walLog = [];
    for (let i = 0; i < WAL_TRIES; i += 1) {
      const framesBefore = walIndex(databasePath).mxFrame;
      const before = fileStamp(databasePath);
      bot = await launch(NIGHT);
      assert.ok(await watch(() => fileStamp(databasePath) !== before, 10000), `try ${i + 1}: no checkpoint began`);
      const began = Date.now();
      const delayMs = between(0, walDelayMs);
      while (Date.now() - began < delayMs) await new Promise((resolve) => setImmediate(resolve));
      await bot.kill('SIGKILL');
      const { nBackfill } = walIndex(databasePath);
      const inside = nBackfill < framesBefore;
      if (inside) walInside += 1;
      walLog.push(`${Math.round(delayMs)}ms:${inside ? 'inside' : 'after'}`);
      await afterCheck(`after WAL try ${i + 1}`);
      if (!inside && i + 1 < WAL_TRIES) {
        walDelayMs /= 2;
        await grow(true);
      }
    }
    t.diagnostic(`WAL checkpoint kills (delay after it began: where it fell): ${walLog.join(' ')}`);

    // ---- kills inside the nightly backup ----
    // A kill after the copy was renamed halves the delays drawn from then on.
    let backupInside = 0;
    let backupDelayMs = 300;
    const backupLog = [];
    for (let i = 0; i < BACKUP_TRIES; i += 1) {
      bot = await launch(DAY);
      assert.ok(await watch(() => existsSync(`${nightly}.partial`) || existsSync(nightly), 15000), `backup try ${i + 1}: no backup began`);
      const delayMs = between(0, backupDelayMs);
      await sleep(delayMs);
      await bot.kill('SIGKILL');
      const inside = !existsSync(nightly);
      if (inside) {
        backupInside += 1;
        assert.ok(existsSync(`${nightly}.partial`), `backup try ${i + 1}: neither the backup nor its .partial copy is there`);
      } else {
        // Too late: the copy was whole and renamed. It must be sound; then it goes, so
        // that the next start makes the day's backup again.
        assert.deepEqual(await query(nightly, 'PRAGMA integrity_check'), [['ok']]);
        rmSync(nightly);
        backupDelayMs /= 2;
      }
      backupLog.push(`${Math.round(delayMs)}ms:${inside ? 'inside' : 'after'}`);
      // Whatever has a backup's name is whole; a cut-off copy has only the .partial name.
      for (const name of readdirSync(backups).filter((n) => n.endsWith('.db'))) {
        assert.deepEqual(await query(path.join(backups, name), 'PRAGMA integrity_check'), [['ok']], name);
      }
      await afterCheck(`after backup try ${i + 1}`);
    }
    t.diagnostic(`nightly backup kills (delay after the copy began: where it fell): ${backupLog.join(' ')}`);

    // A cut-off copy is refused by restore (planbot is stopped, so only the file can be why).
    if (existsSync(`${nightly}.partial`)) {
      const refused = await run(binary, ['restore', `${nightly}.partial`], env);
      assert.equal(refused.code, 1, `restore took a cut-off backup: ${refused.stdout}${refused.stderr}`);
      assert.match(refused.stderr, /refused/);
    }

    // ---- kills inside `planbot backup FILE` ----
    const manual = path.join(stack.dir, 'manual.db');
    let cliInside = 0;
    let cliDelayMs = 300;
    const cliLog = [];
    for (let i = 0; i < CLI_TRIES; i += 1) {
      const child = spawn(binary, ['backup', manual], {
        env: { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PLANBOT_'))), ...env },
        stdio: 'ignore',
      });
      const ended = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
      assert.ok(await watch(() => existsSync(`${manual}.partial`) || existsSync(manual), 15000), `backup command try ${i + 1}: no copy began`);
      const delayMs = between(0, cliDelayMs);
      await sleep(delayMs);
      child.kill('SIGKILL');
      await ended;
      const inside = !existsSync(manual);
      if (inside) {
        cliInside += 1;
        const refused = await run(binary, ['restore', `${manual}.partial`], env);
        assert.equal(refused.code, 1, `restore took a cut-off backup: ${refused.stdout}${refused.stderr}`);
      } else {
        assert.deepEqual(await query(manual, 'PRAGMA integrity_check'), [['ok']]);
        rmSync(manual);
        cliDelayMs /= 2;
      }
      cliLog.push(`${Math.round(delayMs)}ms:${inside ? 'inside' : 'after'}`);
    }
    t.diagnostic(`planbot backup kills: ${cliLog.join(' ')}`);

    // ---- the last run: the checkpoint and the nightly backup finish ----
    const answeredBeforeLast = answered.length;
    bot = await stack.start({ PLANBOT_BOT_NOW: DAY });
    await waitFor(() => existsSync(nightly), { timeoutMs: 30000, what: 'the day\'s backup' });
    await waitFor(() => answered.length >= answeredBeforeLast + 20, { timeoutMs: 20000, what: 'updates answered after the backup' });
    posting = false;
    await sender;
    assert.equal((await bot.kill('SIGTERM')).code, 0, bot.stderr);
    await afterCheck('at the end');
    assert.ok(!existsSync(`${nightly}.partial`), 'the cut-off copy is cleared away when the day\'s backup is made');
    assert.deepEqual(await query(nightly, 'PRAGMA integrity_check'), [['ok']]);
    const made = await run(binary, ['backup', manual], env);
    assert.equal(made.code, 0, made.stderr);
    assert.ok(!existsSync(`${manual}.partial`));
    assert.deepEqual(await query(manual, 'PRAGMA integrity_check'), [['ok']]);

    // Nothing committed is lost: the grown rows, every update answered 200 (the manual
    // backup, made last, has them all too).
    const grownCount = "SELECT count(*) FROM processed_updates WHERE update_id BETWEEN 1 AND 4999999";
    assert.deepEqual(await query(databasePath, grownCount), [[String(grown)]]);
    assert.deepEqual(await query(nightly, grownCount), [[String(grown)]]);
    for (const file of [databasePath, manual]) {
      const stored = new Set((await query(file, 'SELECT update_id FROM processed_updates WHERE update_id >= 5000000'))
        .map(([id]) => Number(id)));
      const missing = answered.filter((id) => !stored.has(id));
      assert.deepEqual(missing, [], `updates answered 200 missing from ${path.basename(file)}`);
    }
    const summary = `kills inside the WAL checkpoint: ${walInside} of ${WAL_TRIES}; inside the nightly backup: `
      + `${backupInside} of ${BACKUP_TRIES}; inside planbot backup: ${cliInside} of ${CLI_TRIES}; updates answered 200: `
      + `${answered.length}, lost: 0; integrity_check ok after every kill; the next backups whole`;
    t.diagnostic(summary);
    console.log(`[crash_storage] ${summary}`);
    assert.ok(walInside >= 2, `only ${walInside} of ${WAL_TRIES} kills fell inside a checkpoint`);
    assert.ok(backupInside + cliInside >= 3, `only ${backupInside + cliInside} kills fell inside a backup`);
  });
