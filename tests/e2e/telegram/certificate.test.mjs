// telegram.certificate: for a server with a self-signed certificate, planbot uploads the
// public certificate with setWebhook (multipart/form-data, as Telegram takes it), so
// Telegram trusts the webhook; a file that is not a public certificate stops start-up
// with the reason. Certificates are made in the test by the openssl tool.
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 certificate.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { freePort, startPlanbot } from './planbot.mjs';
import { startStack } from './stack.mjs';
import { waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-certificate';
const SECRET = 'e2e-certificate-secret_4Tz';

function selfSigned(dir) {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

test('telegram.certificate uploads the self-signed certificate with setWebhook, and updates still come', { timeout: 60000 }, async (t) => {
  const { dir, emulator, start } = await startStack(t, { token: TOKEN, secret: SECRET });
  const { cert } = selfSigned(dir);
  const bot = await start({ PLANBOT_TELEGRAM_CERTIFICATE: cert });

  const webhook = emulator.webhook();
  assert.equal(webhook.url, `${bot.url}/telegram/webhook`);
  assert.equal(webhook.secret_token, SECRET);
  assert.ok(webhook.allowed_updates.includes('message'), JSON.stringify(webhook.allowed_updates));
  const [uploaded] = emulator.certificates();
  assert.equal(uploaded.field, 'certificate');
  assert.equal(uploaded.content, readFileSync(cert, 'utf8'), 'the certificate file as it is');

  const kari = { id: 9600001, is_bot: false, first_name: 'Kari', username: 'kari_k' };
  await emulator.sendUserMessage({ chat: { id: kari.id, type: 'private', first_name: 'Kari' }, from: kari, text: 'tiltak 3' });
  await waitFor(() => emulator.botMessages(kari.id).length === 1, { timeoutMs: 8000, what: 'the answer over the webhook' });
});

test('a telegram.certificate that is a private key, or no certificate, stops planbot at start with the reason', { timeout: 60000 }, async (t) => {
  const { dir, apiPort, databasePath } = await startStack(t, { token: TOKEN, secret: SECRET });
  const { key } = selfSigned(dir);
  for (const [file, reason] of [[key, /telegram\.certificate: .*(private key|no PEM certificate)/],
    [path.join(dir, 'missing.pem'), /telegram\.certificate: .*(cannot read|no PEM certificate)/]]) {
    const bot = startPlanbot({
      port: await freePort(), apiUrl: `http://127.0.0.1:${apiPort}`, token: TOKEN, secret: SECRET, databasePath,
      extraEnv: { PLANBOT_TELEGRAM_CERTIFICATE: file },
    });
    t.after(() => bot.kill('SIGKILL'));
    const exit = await bot.exited;
    assert.equal(exit.code, 2, bot.stderr);
    assert.match(bot.stderr, reason);
  }
});
