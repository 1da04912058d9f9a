// Starts and stops the real planbot binary (PLANBOT_BINARY) in Telegram webhook mode for
// the e2e tests, and talks to it directly: health check and raw webhook POSTs.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { httpRequest, sleep } from './util.mjs';

// Every planbot started by this test file, so that the logs of all of them can be
// scanned at the end and none is left running if the file dies.
const started = [];
process.on('exit', () => {
  for (const bot of started) if (bot.running) bot.process.kill('SIGKILL');
});

// A TCP port on 127.0.0.1 that was free a moment ago.
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export const makeTempDir = () => mkdtemp(path.join(os.tmpdir(), 'planbot-telegram-e2e-'));
export const removeDir = (dir) => rm(dir, { recursive: true, force: true });

// Starts planbot listening on 127.0.0.1:`port`, talking to the Bot API at `apiUrl`,
// storing its state in `databasePath`. Logs (stderr) and stdout are kept in memory.
export function startPlanbot({ port, apiUrl, token, secret, databasePath, extraEnv = {} }) {
  const binary = process.env.PLANBOT_BINARY;
  if (!binary) throw new Error('set PLANBOT_BINARY to the planbot executable (ctest does)');
  // Inherit the environment without any PLANBOT_* setting of the caller's own.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PLANBOT_')));
  Object.assign(env, {
    PLANBOT_TELEGRAM_TOKEN: token,
    PLANBOT_TELEGRAM_API_URL: apiUrl,
    PLANBOT_TELEGRAM_WEBHOOK_SECRET: secret,
    PLANBOT_PUBLIC_URL: `http://127.0.0.1:${port}`,
    PLANBOT_HTTP_LISTEN: `127.0.0.1:${port}`,
    PLANBOT_DATABASE_PATH: databasePath,
    PLANBOT_BOT_USERNAME: 'planbot',
    PLANBOT_BOT_NOW: '2026-11-28T10:00',
    PLANBOT_LOG_LEVEL: 'debug',
    ...extraEnv,
  });
  const child = spawn(binary, [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const bot = {
    process: child,
    port,
    url: `http://127.0.0.1:${port}`,
    running: true,
    stderr: '',
    stdout: '',
    exit: null, // { code, signal } once it ended
  };
  child.stdout.setEncoding('utf8').on('data', (text) => { bot.stdout += text; });
  child.stderr.setEncoding('utf8').on('data', (text) => { bot.stderr += text; });
  bot.exited = new Promise((resolve) => {
    const ended = (exit) => {
      if (!bot.running) return;
      bot.running = false;
      bot.exit = exit;
      resolve(exit);
    };
    child.on('error', (error) => {
      bot.stderr += `\n[harness] planbot could not be started: ${error.message}\n`;
      ended({ code: null, signal: null, error: error.message });
    });
    child.on('close', (code, signal) => ended({ code, signal }));
  });

  // Waits until GET /healthz answers 200; fails at once if planbot exits first. Usually
  // a fraction of a second; a sanitizer build on a busy machine has taken over ten.
  bot.waitForHealth = async (timeoutMs = 60000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!bot.running) throw new Error(`planbot exited (${JSON.stringify(bot.exit)}) before /healthz answered\n--- planbot stderr ---\n${bot.stderr}`);
      const answer = await httpRequest(`${bot.url}/healthz`, { method: 'GET', timeoutMs: 1000 }).catch(() => null);
      if (answer?.status === 200) return;
      if (Date.now() >= deadline) throw new Error(`planbot /healthz on port ${port} not 200 after ${timeoutMs} ms\n--- planbot stderr ---\n${bot.stderr}`);
      await sleep(100);
    }
  };

  // Sends `signal` and waits for the process to end (SIGKILL after 5 s if it lingers).
  bot.kill = async (signal = 'SIGTERM') => {
    if (!bot.running) return bot.exit;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    const exit = await bot.exited;
    clearTimeout(timer);
    return exit;
  };

  started.push(bot);
  return bot;
}

// stderr and stdout of every planbot this file started, for scanning the logs.
export const allPlanbotOutput = () => started.map((bot) => bot.stderr + bot.stdout).join('\n');

// POSTs a Telegram Update to planbot's webhook, as Telegram would, and returns the HTTP
// status. `secret` undefined sends no secret header.
export async function postUpdate(port, update, { secret } = {}) {
  const headers = secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret };
  const answer = await httpRequest(`http://127.0.0.1:${port}/telegram/webhook`, { body: update, headers, timeoutMs: 5000 });
  return answer.status;
}
