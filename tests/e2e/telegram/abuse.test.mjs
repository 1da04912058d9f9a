// Network abuse against the real planbot (traffic only to 127.0.0.1): 1,000 idle
// connections and a slowloris client (1,000 connections sending a header byte every
// two seconds, reconnecting when dropped) while a normal client posts webhook updates;
// headers and bodies over the limits; the cap on concurrent connections. The normal
// client's answer times are reported (the note holds the figures), not asserted.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 abuse.test.mjs
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { postUpdate } from './planbot.mjs';
import { startStack } from './stack.mjs';
import { sleep, waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-abuse';
const SECRET = 'e2e-abuse-secret_2Wq';
const group = { id: -1009500, type: 'supergroup', title: 'Pratekanal' };
const ola = { id: 9500001, is_bot: false, first_name: 'Ola', username: 'ola_n' };

let nextUpdateId = 950000;
const chatter = (text) => ({
  update_id: nextUpdateId++,
  message: { message_id: nextUpdateId, date: Math.floor(Date.now() / 1000), from: ola, chat: group, text },
});

// A connection to planbot that records how it ended: 'end' (the server closed it in
// order), 'reset', or null while open; `data` is everything the server sent.
function connect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const connection = { socket, ended: null, data: '', connected: false };
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => { connection.data += chunk; });
    socket.on('end', () => { connection.ended ??= 'end'; });
    socket.on('error', (error) => { connection.ended ??= error.code === 'ECONNRESET' ? 'reset' : error.code; resolve(connection); });
    socket.on('close', () => { connection.ended ??= 'end'; resolve(connection); });
    socket.on('connect', () => { connection.connected = true; resolve(connection); });
  });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

test('1,000 idle connections and a 1,000-connection slowloris do not keep a normal client from its answers',
  { timeout: 120000 }, async (t) => {
    const { start } = await startStack(t, { token: TOKEN, secret: SECRET, env: { PLANBOT_HTTP_HEADER_TIMEOUT_SECONDS: '5' } });
    const bot = await start();
    const all = [];
    t.after(() => { for (const connection of all) connection.socket.destroy(); });

    const idle = [];
    for (let i = 0; i < 1000; i++) idle.push(await connect(bot.port));
    all.push(...idle);
    assert.ok(idle.every((connection) => connection.connected), 'all idle connections were accepted');

    // Slowloris: each connection sends one byte of a request's head every two seconds,
    // and opens a new one when the server drops it.
    const head = `POST /telegram/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\n`;
    let slowloris = true;
    let dropped = 0;
    const loris = async (index) => {
      await sleep((index % 100) * 20);
      while (slowloris) {
        const connection = await connect(bot.port);
        all.push(connection);
        for (let sent = 0; slowloris && connection.ended === null; sent = (sent + 1) % head.length) {
          connection.socket.write(head[sent]);
          await sleep(2000);
        }
        if (connection.ended !== null) dropped += 1;
        connection.socket.destroy();
      }
    };
    const lorises = Array.from({ length: 1000 }, (_, index) => loris(index));
    await sleep(2500); // all of them connected and sending

    // The normal client: a webhook update at a time, each on a new connection.
    const latencies = [];
    const measureUntil = Date.now() + 10000;
    while (Date.now() < measureUntil) {
      const started = process.hrtime.bigint();
      const status = await postUpdate(bot.port, chatter(`ok ${latencies.length}`), { secret: SECRET });
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      assert.equal(status, 200, 'the normal client is answered');
      await sleep(20);
    }
    // The idle ones were dropped at their header deadline (5 s), in order.
    await waitFor(() => idle.every((connection) => connection.ended !== null), { timeoutMs: 10000, what: 'the idle connections to be closed' });
    assert.equal(idle.filter((connection) => connection.ended !== 'end').length, 0, 'idle connections are closed, not reset');
    slowloris = false;
    await Promise.all(lorises);
    assert.ok(dropped > 0, 'the slowloris connections were dropped at their deadline');
    assert.ok(bot.running, 'planbot is still running');
    t.diagnostic(`normal client during the abuse: ${latencies.length} requests, p50 ${percentile(latencies, 50).toFixed(1)} ms, `
      + `p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; `
      + `slowloris connections dropped by the server: ${dropped}`);
  });

test('headers and bodies over the limits get 431 and 413, and the connection ends in order', { timeout: 60000 }, async (t) => {
  const { start } = await startStack(t, { token: TOKEN, secret: SECRET });
  const bot = await start();

  const big = await connect(bot.port);
  big.socket.write(`POST /telegram/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(32 * 1024)}\r\n\r\n`);
  await waitFor(() => big.ended !== null, { timeoutMs: 5000, what: 'the answer to a 32 KiB header' });
  assert.match(big.data, /^HTTP\/1\.1 431 /);
  assert.equal(big.ended, 'end');

  const large = await connect(bot.port);
  const body = ' '.repeat(2 * 1024 * 1024);
  large.socket.write(`POST /telegram/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`
    + `X-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Length: ${body.length}\r\n\r\n`);
  large.socket.write(body);
  await waitFor(() => large.ended !== null, { timeoutMs: 5000, what: 'the answer to a 2 MiB body' });
  assert.match(large.data, /^HTTP\/1\.1 413 /);
  assert.equal(large.ended, 'end');

  assert.equal(await postUpdate(bot.port, chatter('fortsatt her'), { secret: SECRET }), 200, 'the server goes on');
});

test('connections beyond http.max_connections are closed at once, and served again once others have gone', { timeout: 60000 }, async (t) => {
  const { start } = await startStack(t, { token: TOKEN, secret: SECRET, env: { PLANBOT_HTTP_MAX_CONNECTIONS: '50' } });
  const bot = await start();
  const held = [];
  t.after(() => { for (const connection of held) connection.socket.destroy(); });
  for (let i = 0; i < 50; i++) held.push(await connect(bot.port));
  await sleep(200);
  assert.ok(held.every((connection) => connection.ended === null), 'the first 50 stay open');

  const extra = await connect(bot.port);
  await waitFor(() => extra.ended !== null, { timeoutMs: 3000, what: 'the 51st connection to be closed' });
  assert.equal(extra.data, '', 'closed without an answer');
  await assert.rejects(postUpdate(bot.port, chatter('for mange'), { secret: SECRET }), 'a request over the cap gets no answer');

  for (const connection of held) connection.socket.destroy();
  await waitFor(async () => (await postUpdate(bot.port, chatter('plass igjen'), { secret: SECRET }).catch(() => 0)) === 200,
    { timeoutMs: 5000, what: 'a request to be served once the others went' });
});
