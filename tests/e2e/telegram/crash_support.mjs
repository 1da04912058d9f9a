// What the crash tests share: the clock planbot runs on across restarts, a slow proxy
// in front of the Bot API emulator, `planbot --check`, read-only SQL on the database,
// and a seeded random source for the kill timing.
import { execFile } from 'node:child_process';
import http from 'node:http';
import { httpRequest, sleep } from './util.mjs';

// ---- time ----

const osloFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});
// "2026-03-17T08:59:58", Oslo local time, as PLANBOT_BOT_NOW takes it.
export const osloLocal = (ms) => osloFormat.format(new Date(ms)).replace(' ', 'T');

// ---- randomness: seeded, so a run's kill timing can be replayed ----

// The seed from PLANBOT_CRASH_SEED, or a new one; `random()` is mulberry32 over it,
// uniform in [0, 1).
export function seededRandom() {
  const given = process.env.PLANBOT_CRASH_SEED;
  const seed = given !== undefined && given !== '' ? Number(given) >>> 0 : Math.floor(Math.random() * 2 ** 32) >>> 0;
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed, random, between: (low, high) => low + random() * (high - low) };
}

// ---- the Bot API side: the emulator behind a proxy that can answer slowly ----

// Forwards every request to the emulator at `target` and hands the answer back; a
// sendMessage answer waits `latencyMs` first. Counts sendMessage calls received and
// answered, and keeps each message the emulator took, with when planbot sent it (when
// the request arrived here) and which planbot sent it: `stored`, { key: "chat|text",
// at, run }. A planbot given `${proxy.url}/run<N>` as its Bot API URL is run N (the
// prefix is taken off before forwarding); run is null without one.
export async function startSlowProxy(target) {
  const proxy = { latencyMs: 0, receivedSends: 0, answeredSends: 0, stored: [] };
  const server = http.createServer((request, response) => {
    response.on('error', () => {}); // planbot was killed while we held its answer
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('error', () => {});
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const prefix = /^\/run(\d+)(?=\/)/.exec(request.url);
      const run = prefix ? Number(prefix[1]) : null;
      const url = prefix ? request.url.slice(prefix[0].length) : request.url;
      const isSend = url.endsWith('/sendMessage');
      const arrived = Date.now();
      if (isSend) proxy.receivedSends += 1;
      let answer;
      try {
        answer = await httpRequest(`${target}${url}`, {
          method: request.method, body: body || undefined, headers: { 'content-type': 'application/json' }, timeoutMs: 5000,
        });
      } catch (error) {
        answer = { status: 502, text: JSON.stringify({ ok: false, description: error.message }) };
      }
      if (isSend && answer.status === 200) {
        const message = JSON.parse(body);
        proxy.stored.push({ key: `${message.chat_id}|${message.text}`, at: arrived, run });
      }
      if (isSend && proxy.latencyMs > 0) await sleep(proxy.latencyMs);
      if (response.destroyed) return;
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.text, () => { if (isSend) proxy.answeredSends += 1; });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${server.address().port}`;
  proxy.stop = () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); });
  return proxy;
}

// The messages the proxy saw stored more than once where a copy came again with no kill
// since planbot sent the copy before (each "chat|text" and the runs that sent them), how
// many copies came again in all, and the most that came again because of one kill. For
// planbots that each had a run number (see startSlowProxy): a copy that came again is
// explained when the copy before it came from another run that ended by a kill
// (`killedRuns`, a Set). By run, not by the clock: a copy planbot sent just before a
// kill can reach the proxy's busy event loop just after it.
export function repeatsNotAfterKill(stored, killedRuns) {
  const copiesOf = new Map();
  for (const copy of [...stored].sort((a, b) => a.at - b.at)) {
    copiesOf.set(copy.key, [...(copiesOf.get(copy.key) ?? []), copy]);
  }
  const unexplained = [];
  const perKill = new Map();
  let extra = 0;
  for (const [key, copies] of copiesOf) {
    for (let i = 1; i < copies.length; i += 1) {
      extra += 1;
      const [earlier, later] = [copies[i - 1].run, copies[i].run];
      const killed = Math.min(earlier, later);
      if (earlier === later || !killedRuns.has(killed)) unexplained.push(`${key} (runs ${earlier}, ${later})`);
      else perKill.set(killed, (perKill.get(killed) ?? 0) + 1);
    }
  }
  return { unexplained, extra, copiesOf, mostPerKill: Math.max(0, ...perKill.values()) };
}

// ---- the database ----

const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PLANBOT_')));

// Runs `binary args` with only the PLANBOT_* settings in `env`; resolves with
// { code, stdout, stderr, output } (never rejects on a non-zero exit).
export function run(binary, args, env = {}, timeoutMs = 30000) {
  return new Promise((resolve) => {
    execFile(binary, args, { env: { ...cleanEnv(), ...env }, timeout: timeoutMs }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr, output: `${stdout}${stderr}` });
    });
  });
}

// `planbot --check` on the database: the plan, and SQLite's integrity_check, read-only.
// Without the spelling dictionaries, whose loading (two seconds on a busy machine) it
// would check too: these tests check the database, after every kill.
export const checkDatabase = (databasePath) => run(process.env.PLANBOT_BINARY, ['--check'],
  { PLANBOT_DATABASE_PATH: databasePath, PLANBOT_LANGUAGE_DICTIONARIES: '' }, 20000);

// The rows of `sql` on the database `file` (read-only, tests/e2e/e2e_tool.cpp), each an
// array of column texts.
export async function query(file, sql) {
  const tool = process.env.PLANBOT_E2E_TOOL;
  if (!tool) throw new Error('set PLANBOT_E2E_TOOL to the e2e_tool executable (ctest does)');
  const result = await run(tool, ['query', file, sql]);
  if (result.code !== 0) throw new Error(`e2e_tool query failed: ${result.stderr}`);
  return result.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}
