// Small helpers shared by the Telegram e2e harness: one HTTP request with a hard
// deadline (no keep-alive, so no socket outlives a test), sleeping and polling.
import http from 'node:http';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Sends one HTTP request and resolves with { status, headers, text } once the whole
// answer is read. Rejects on a network error or when `timeoutMs` passes first.
// `body` may be a string (sent as is) or any other value (sent as JSON).
export function httpRequest(url, { method = 'POST', headers = {}, body, timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined
      : typeof body === 'string' ? body : JSON.stringify(body);
    const allHeaders = { ...headers };
    if (payload !== undefined) {
      allHeaders['content-type'] ??= 'application/json';
      allHeaders['content-length'] = Buffer.byteLength(payload);
    }
    const request = http.request(url, { method, headers: allHeaders, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', fail);
    });
    const timer = setTimeout(() => fail(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
    function fail(error) {
      clearTimeout(timer);
      request.destroy();
      reject(error);
    }
    request.on('error', fail);
    request.end(payload);
  });
}

// Polls `probe` every `intervalMs` until it returns a truthy value, which is returned.
// Throws after `timeoutMs`, naming `what` was awaited and the last error the probe threw.
export async function waitFor(probe, { timeoutMs = 10000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await sleep(intervalMs);
  }
}
