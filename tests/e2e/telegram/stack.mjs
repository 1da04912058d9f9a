// A temp dir and an emulator for one test, and a way to start planbot on them in webhook
// mode (the same database each time, so a restart keeps its state). Everything is torn
// down after the test `t`, also when it fails or times out.
import path from 'node:path';
import { startEmulator } from './emulator.mjs';
import { freePort, makeTempDir, removeDir, startPlanbot } from './planbot.mjs';
import { waitFor } from './util.mjs';

export async function startStack(t, { token, secret, env = {} }) {
  const dir = await makeTempDir();
  t.after(() => removeDir(dir));
  const apiPort = await freePort();
  const emulator = await startEmulator({ port: apiPort, token });
  t.after(() => emulator.stop());
  const databasePath = path.join(dir, 'planbot.sqlite');
  // Starts planbot with `env` added to the stack's, and waits until it is healthy and has
  // registered its webhook.
  const start = async (extraEnv = {}) => {
    const bot = startPlanbot({
      port: await freePort(),
      apiUrl: `http://127.0.0.1:${apiPort}`,
      token,
      secret,
      databasePath,
      extraEnv: { ...env, ...extraEnv },
    });
    t.after(() => bot.kill('SIGKILL'));
    await bot.waitForHealth();
    await waitFor(() => emulator.webhook(), { timeoutMs: 5000, what: 'planbot to call setWebhook' });
    return bot;
  };
  return { dir, apiPort, emulator, databasePath, start };
}
