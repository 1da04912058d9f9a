// Runs the telegram-test-api Bot API emulator inside the test process, with the
// fixes planbot's e2e tests need, and helpers to play the user and read the bot's output.
//
// What is patched, at runtime and on this instance only (node_modules stays untouched,
// so `npm ci` reproduces everything): the emulator's webhook delivery, the method
// `addUserUpdate`, is replaced. The original POSTs with axios and no timeout, sends no
// X-Telegram-Bot-Api-Secret-Token header, throws on any answer above 204 or a refused
// connection (its routes never await it, so that is an unhandled rejection that ends the
// process), allocates update_id only after the delivery finished (two messages sent
// close together share one update_id) and leaks the bot token into the delivered
// message (`message.botToken`). The replacement sends the header, has a deadline, logs
// and records failures instead of throwing, numbers updates when they are created, and
// strips `botToken`. The user-side entry points are also wrapped so that a rejection
// (e.g. /sendCommand without `entities`) is logged rather than fatal. And the emulator
// learns sendDocument and sendPhoto as multipart uploads, which it lacks: the files are kept for the
// tests (`documents`), and setWebhook as a multipart upload with a certificate (the
// certificates are kept in `certificates`).
import TelegramServer from 'telegram-test-api';
import { httpRequest } from './util.mjs';

// Starts an emulator on 127.0.0.1:`port`. Webhook deliveries carry the secret header with
// `secret` when given, else with the `secret_token` the bot registered (as Telegram does).
export async function startEmulator({ port, token, secret, deliveryTimeoutMs = 5000, log = console.error }) {
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 3600 });
  // Every webhook delivery attempt: { updateId, url, status } or { updateId, url, error }.
  const deliveries = [];

  server.addUserUpdate = async function addUserUpdate(update) {
    if (!update.botToken) throw new Error('a user update needs a `botToken` field');
    // Number the update now, before any await (the original did it after the delivery).
    update.updateId = this.updateId++;
    update.messageId = this.messageId++;
    const webhook = this.webhooks[update.botToken];
    if (!webhook) {
      this.storage.userMessages.push(update); // queued for getUpdates, as before
      return;
    }
    const body = TelegramServer.formatUpdate(update);
    if (body.message) delete body.message.botToken; // real updates never carry the token
    const headers = {};
    const headerSecret = secret ?? webhook.secret_token;
    if (headerSecret) headers['x-telegram-bot-api-secret-token'] = headerSecret;
    const record = { updateId: update.updateId, url: webhook.url };
    deliveries.push(record);
    try {
      const answer = await httpRequest(webhook.url, { body, headers, timeoutMs: deliveryTimeoutMs });
      record.status = answer.status;
      if (answer.status < 200 || answer.status > 299) {
        log(`[emulator] webhook answered ${answer.status} to update ${update.updateId}: ${answer.text.slice(0, 200)}`);
      }
    } catch (error) {
      record.error = error.message;
      log(`[emulator] webhook delivery of update ${update.updateId} to ${webhook.url} failed: ${error.message}`);
    }
  };
  for (const name of ['addUserMessage', 'addUserCommand', 'addUserCallback']) {
    const original = server[name].bind(server);
    server[name] = (body) => original(body).catch((error) => log(`[emulator] ${name} failed: ${error.message}`));
  }

  // sendDocument, which the emulator lacks: a multipart/form-data upload (as Telegram takes
  // it), parsed here; the file is kept in `documents` and the caption is stored as the
  // bot's message, so botMessages sees it. Put before the emulator's catch-all route.
  const documents = [];
  server.webServer.post('/bot:token/sendDocument', (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const form = parseMultipart(req.headers['content-type'] ?? '', Buffer.concat(chunks));
      if (!form.fields.chat_id || !form.file) {
        res.status(400).json({ ok: false, error_code: 400, description: 'Bad Request: there is no document in the request' });
        return;
      }
      const message = server.addBotMessage({ chat_id: form.fields.chat_id, text: form.fields.caption ?? '' },
        req.params.token);
      documents.push({ botToken: req.params.token, chat_id: String(form.fields.chat_id), caption: form.fields.caption,
        file_name: form.file.filename, content: form.file.content, message_id: message.message_id });
      res.json({ ok: true, result: { ...message, document: { file_name: form.file.filename } } });
    });
  });
  // sendPhoto as an upload (multipart/form-data, the photo's bytes under `photo`), which
  // the emulator takes only as JSON: the photo is kept in `photos`, its caption stored as
  // the bot's message. Telegram refuses a photo that is not an image, so does this.
  const photos = [];
  server.webServer.post('/bot:token/sendPhoto', (req, res, next) => {
    if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) return next();
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const form = parseMultipart(req.headers['content-type'], Buffer.concat(chunks));
      if (!form.fields.chat_id || form.fileField !== 'photo' || !form.file?.bytes?.length) {
        res.status(400).json({ ok: false, error_code: 400, description: 'Bad Request: there is no photo in the request' });
        return;
      }
      if (!form.file.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
        res.status(400).json({ ok: false, error_code: 400, description: 'Bad Request: IMAGE_PROCESS_FAILED' });
        return;
      }
      const message = server.addBotMessage({ chat_id: form.fields.chat_id, text: form.fields.caption ?? '' },
        req.params.token);
      photos.push({ botToken: req.params.token, chat_id: String(form.fields.chat_id), caption: form.fields.caption,
        file_name: form.file.filename, content_type: form.file.contentType, bytes: form.file.bytes,
        message_id: message.message_id });
      res.json({ ok: true, result: { ...message, photo: [{ file_id: `photo-${message.message_id}`, width: 1080, height: 1080 }] } });
    });
  });
  // setWebhook with a self-signed certificate comes as multipart/form-data (the form's
  // JSON values, such as allowed_updates, as text); JSON requests go on to the emulator's route.
  const certificates = [];
  server.webServer.post('/bot:token/setWebhook', (req, res, next) => {
    if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) return next();
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const form = parseMultipart(req.headers['content-type'], Buffer.concat(chunks));
      if (!form.fields.url) {
        res.status(400).json({ ok: false, error_code: 400, description: 'Bad Request: bad webhook: URL must be provided' });
        return;
      }
      const webhook = { ...form.fields };
      if (webhook.allowed_updates) webhook.allowed_updates = JSON.parse(webhook.allowed_updates);
      if (form.file) certificates.push({ botToken: req.params.token, field: form.fileField, file_name: form.file.filename, content: form.file.content });
      server.setWebhook(webhook, req.params.token);
      res.json({ ok: true, result: true, description: 'Webhook was set' });
    });
  });
  // Both routes go before the emulator's own: setWebhook's before its setWebhook route,
  // sendDocument's before its catch-all.
  const stack = server.webServer._router.stack;
  const moveBefore = (path) => {
    const layer = stack.pop();
    const at = stack.findIndex((entry) => entry.route?.path === path);
    stack.splice(at < 0 ? stack.length : at, 0, layer);
  };
  moveBefore('/bot:token/setWebhook');
  moveBefore('/bot:token/:method');
  moveBefore('/bot:token/:method');
  // answerCallbackQuery, recorded ({ callback_query_id, text, … }) so that a test can read
  // what a press was answered; before the emulator's own route, which keeps nothing.
  const callbackAnswers = [];
  server.webServer.post('/bot:token/answerCallbackQuery', (req, res) => {
    callbackAnswers.push({ botToken: req.params.token, ...req.body });
    res.json({ ok: true, result: true });
  });
  moveBefore('/bot:token/answerCallbackQuery');
  // createForumTopic, which the emulator lacks: its groups have no topics, so Telegram's
  // answer for a group that is no forum (the post then goes to the group itself).
  server.webServer.post('/bot:token/createForumTopic', (req, res) => {
    res.status(400).json({ ok: false, error_code: 400, description: 'Bad Request: the chat is not a forum' });
  });
  moveBefore('/bot:token/:method');

  await server.start();
  const url = `http://127.0.0.1:${port}`;

  return {
    server,
    url,
    deliveries,

    // The body of the bot's last setWebhook call ({ url, secret_token, allowed_updates, … }), or undefined.
    webhook: () => server.webhooks[token],

    // Plays a user: POSTs a message to the emulator's user-side route /sendMessage. The
    // emulator answers before it delivers; watch `deliveries` or the bot's answers.
    // `senderChat`: sent on behalf of that chat (a group's anonymous admin: the group itself,
    // with `from` the GroupAnonymousBot).
    async sendUserMessage({ chat, from, text, entities, replyTo, senderChat }) {
      const message = { botToken: token, chat, from, text, date: Math.floor(Date.now() / 1000) };
      if (entities) message.entities = entities;
      if (senderChat) message.sender_chat = senderChat;
      if (replyTo) message.reply_to_message = replyTo;
      const answer = await httpRequest(`${url}/sendMessage`, { body: message });
      if (answer.status !== 200) throw new Error(`emulator /sendMessage answered ${answer.status}: ${answer.text}`);
    },

    // Plays a user pressing an inline button under the bot's `message` (as botMessages
    // returns it) in `chat`: Telegram's callback_query with the button's data.
    async pressButton({ chat, from, message, data }) {
      const body = {
        botToken: token,
        from,
        data,
        message: { message_id: message.message_id, chat, date: Math.floor(Date.now() / 1000), text: message.text },
      };
      const answer = await httpRequest(`${url}/sendCallback`, { body });
      if (answer.status !== 200) throw new Error(`emulator /sendCallback answered ${answer.status}: ${answer.text}`);
    },

    // What the bot answered button presses (answerCallbackQuery bodies), oldest first.
    callbackAnswers: () => callbackAnswers.filter((entry) => entry.botToken === token),

    // The certificates uploaded with setWebhook, oldest first: { field, file_name, content }.
    certificates: () => certificates.filter((entry) => entry.botToken === token),

    // The photos the bot uploaded (sendPhoto) to `chatId`, oldest first: { caption, file_name, content_type, bytes }.
    photos: (chatId) => photos.filter((entry) => entry.botToken === token && entry.chat_id === String(chatId)),

    // The files the bot sent (sendDocument) to `chatId`, oldest first: { caption, file_name, content }.
    documents: (chatId) => documents.filter((entry) => entry.botToken === token && entry.chat_id === String(chatId)),

    // What the bot sent (sendMessage) to `chatId`, oldest first: the stored request bodies
    // ({ chat_id, text, parse_mode, … }) plus the message_id the emulator gave each.
    botMessages: (chatId) => server.storage.botMessages
      .filter((entry) => entry.botToken === token && String(entry.message.chat_id) === String(chatId))
      .map((entry) => ({ ...entry.message, message_id: entry.messageId })),

    // Everything the bot sent (sendMessage, and the captions of sendDocument) to any chat.
    allBotMessages: () => server.storage.botMessages
      .filter((entry) => entry.botToken === token)
      .map((entry) => ({ ...entry.message, message_id: entry.messageId })),

    // Stops listening; gives open connections 2 s, then cuts them. Forgets all messages.
    async stop() {
      if (!server.started) return;
      const stopped = server.stop();
      const forced = setTimeout(() => server.server.forceShutdown(), 2000);
      await stopped;
      clearTimeout(forced);
    },
  };
}

// A multipart/form-data body: its plain fields, and its one file ({ filename, content } as UTF-8).
function parseMultipart(contentType, body) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const form = { fields: {}, file: null };
  if (!boundary) return form;
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  const text = body.toString('latin1');
  for (const part of text.split(delimiter).slice(1)) {
    if (part.startsWith('--')) break;
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const headers = part.slice(0, headerEnd);
    const bytes = Buffer.from(part.slice(headerEnd + 4, part.length - 2), 'latin1');
    const value = bytes.toString('utf8');
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    if (filename !== undefined) {
      form.file = { filename, content: value, bytes, contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] };
      form.fileField = name;
    }
    else if (name) form.fields[name] = value;
  }
  return form;
}
