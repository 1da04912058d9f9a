// End to end for the plan outside the chat (issue 21), through the real binary and the
// Telegram emulator: a member's /kalender links give feeds a real iCalendar parser
// (ical.js) reads, with caching (304) and a confirmation showing at the next fetch; an
// unknown link is 404; /årshjul and «vis årshjulet» arrive as a PNG photo; and an
// admin's /oversikt page, loaded in headless Chromium (playwright-core), shows the
// year's table with the confirmed task done, fetches nothing from another host and
// logs no error (the Content-Security-Policy is enforced by the browser).
// Run: PLANBOT_BINARY=/path/to/planbot node --test --test-concurrency=1 publish.test.mjs
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import ICAL from 'ical.js';
import { chromium } from 'playwright-core';
import { startStack } from './stack.mjs';
import { waitFor } from './util.mjs';

const TOKEN = '123456:TEST-token-publish';
const SECRET = 'e2e-publish-secret_4Kp';
const admin = { id: 9400001, is_bot: false, first_name: 'Anne', username: 'anne_admin' };
const kari = { id: 9400002, is_bot: false, first_name: 'Kari', last_name: 'Kasserer', username: 'kari_k' };
const group = { id: -1009400, type: 'supergroup', title: 'Styret' };
const privateChat = (user) => ({ id: user.id, type: 'private', first_name: user.first_name });
const command = (text) => [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }];

// GET `url`, resolving with { status, headers, body } (body a Buffer). `rawPath`: sent
// as the request's path exactly, not normalised as a URL would be ("/a/../b").
function get(url, headers = {}, rawPath = undefined) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const options = { host: target.hostname, port: target.port, path: rawPath ?? target.pathname + target.search, headers, agent: false };
    const request = http.get(options, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.setTimeout(10000, () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

async function say(emulator, from, chat, text) {
  const before = emulator.botMessages(chat.id).length;
  await emulator.sendUserMessage({ chat, from, text, entities: text.startsWith('/') ? command(text) : undefined });
  const messages = await waitFor(() => emulator.botMessages(chat.id).length > before && emulator.botMessages(chat.id),
    { timeoutMs: 10000, what: `an answer to «${text}»` });
  return messages[before].text;
}

// Sends `text` and waits for an answer in `chat` matching `expected` (an answer to an
// earlier message may still arrive first).
async function sayExpecting(emulator, from, chat, text, expected) {
  const before = emulator.botMessages(chat.id).length;
  await emulator.sendUserMessage({ chat, from, text, entities: text.startsWith('/') ? command(text) : undefined });
  const found = await waitFor(() => emulator.botMessages(chat.id).slice(before).find((m) => expected.test(m.text)),
    { timeoutMs: 10000, what: `an answer to «${text}» matching ${expected}` });
  return found.text;
}

// The feed's events: { uid, summary, description, start: 'YYYY-MM-DD', allDay, sequence }.
function events(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description ?? '',
      start: event.startDate.toString().slice(0, 10),
      allDay: event.startDate.isDate,
      sequence: component.getFirstPropertyValue('sequence') ?? 0,
    };
  });
}

const links = (text) => [...text.matchAll(/http:\/\/127\.0\.0\.1:\d+\/kalender\/[A-Za-z0-9_-]{43}\.ics/g)].map((m) => m[0]);

test('a member subscribes with /kalender: the feeds parse, are cached, follow a confirmation, and a wrong link is 404',
  { timeout: 90000 }, async (t) => {
    const { emulator, start } = await startStack(t, { token: TOKEN, secret: SECRET, env: { PLANBOT_ADMINS: String(admin.id) } });
    // 20 June 2027: the second quarter's partiskatt (task 9, the kasserer's) is due on 30 June.
    const bot = await start({ PLANBOT_BOT_NOW: '2027-06-20T10:00' });
    await say(emulator, kari, privateChat(kari), '/mineroller');
    assert.match(await say(emulator, admin, group, '/rolle gi kasserer @kari_k'), /Kasserer/);

    // In a group the link is not given.
    assert.match(await say(emulator, kari, group, '/kalender'), /privat/);
    const answer = await sayExpecting(emulator, kari, privateChat(kari), '/kalender', /kalender\//);
    const [mine, all] = links(answer);
    assert.ok(mine && all && mine !== all, `two links expected: ${answer}`);
    assert.match(answer, /iPhone/);
    assert.match(answer, /Google/);
    assert.match(answer, /Outlook/);
    assert.ok(mine.startsWith(bot.url), 'the link is the bot\'s own address');

    const first = await get(all);
    assert.equal(first.status, 200);
    assert.match(first.headers['content-type'], /^text\/calendar; charset=utf-8/);
    assert.ok(first.headers.etag, 'an ETag');
    assert.ok(first.headers['last-modified'], 'a Last-Modified');
    const text = first.body.toString('utf8');
    assert.ok(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
    const org = events(text);
    const may = org.filter((event) => event.start.startsWith('2027-05'));
    const listed = JSON.stringify(may.map((e) => [e.start, e.summary]));
    assert.ok(may.some((event) => event.summary === '1. mai' && event.start === '2027-05-01' && event.allDay),
      `the 1st of May on its day: ${listed}`);
    assert.ok(may.some((event) => event.start === '2027-05-31' && /nr\. 6 /.test(event.summary) && event.allDay),
      `the board meeting deadline on 31 May: ${listed}`);
    const monthOnly = may.filter((event) => /i løpet av mai/.test(event.summary));
    assert.ok(monthOnly.length > 0, `May has events the plan gives only the month: ${listed}`);
    assert.ok(monthOnly.every((event) => event.start === '2027-05-01' && event.allDay),
      'a month-only event is on the month\'s first day, saying so');
    assert.equal(new Set(org.map((event) => event.uid)).size, org.length, 'every UID is its own');

    // Unchanged: 304 with no body, by ETag and by date.
    const again = await get(all, { 'If-None-Match': first.headers.etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal((await get(all, { 'If-Modified-Since': first.headers['last-modified'] })).status, 304);

    // The personal feed: the kasserer's partiskatt, not the board's meeting.
    const mineFirst = await get(mine);
    assert.equal(mineFirst.status, 200);
    assert.equal((await get(mine, { 'If-None-Match': mineFirst.headers.etag })).status, 304);
    const personal = events(mineFirst.body.toString('utf8'));
    const june = personal.find((event) => event.start === '2027-06-30' && /nr\. 9 /.test(event.summary));
    assert.ok(june, 'the partiskatt due 30 June in Kari\'s feed');
    assert.doesNotMatch(june.description, /ferdig/i);
    assert.ok(!personal.some((event) => /nr\. 6 /.test(event.summary)), 'no board deadlines in the kasserer\'s feed');
    assert.ok(personal.some((event) => event.start === '2027-05-01'), 'the wheel is in the personal feed too');

    // Kari confirms: the next fetch is new, and the same event (same UID) says it is done.
    await sayExpecting(emulator, kari, privateChat(kari), '/ferdig 9 betalt inn', /er ferdig/);
    const changed = await get(mine, { 'If-None-Match': mineFirst.headers.etag });
    assert.equal(changed.status, 200);
    const done = events(changed.body.toString('utf8')).find((event) => event.uid === june.uid);
    assert.ok(done, 'the occurrence keeps its UID');
    assert.match(done.description, /ferdig/i);
    assert.ok(done.sequence > june.sequence, 'its SEQUENCE grew');

    // A link that is not one: 404, nothing else.
    const wrong = mine.replace(/\/kalender\/[^/]{5}/, '/kalender/AAAAA');
    const refused = await get(wrong);
    assert.equal(refused.status, 404);
    assert.doesNotMatch(refused.body.toString('utf8'), /BEGIN:VCALENDAR/);
    assert.equal((await get(bot.url, {}, '/kalender/../kalender.ics')).status, 404);
    assert.equal((await get(bot.url, {}, `/kalender/${mine.split('/').pop().slice(0, 43)}.ics/../x`)).status, 404);

    // /kalender ny: new links, and the old one stops working.
    const renewed = links(await sayExpecting(emulator, kari, privateChat(kari), '/kalender ny', /nye kalenderlenker/));
    assert.equal(renewed.length, 2);
    assert.equal((await get(mine)).status, 404);
    assert.equal((await get(renewed[0])).status, 200);
  });

test('/årshjul and «vis årshjulet» arrive as a PNG photo of the wheel', { timeout: 60000 }, async (t) => {
  const { emulator, start } = await startStack(t, { token: TOKEN, secret: SECRET });
  await start({ PLANBOT_BOT_NOW: '2027-03-10T10:00' });
  await emulator.sendUserMessage({ chat: privateChat(kari), from: kari, text: '/årshjul 2028', entities: command('/årshjul 2028') });
  const [photo] = await waitFor(() => emulator.photos(kari.id).length > 0 && emulator.photos(kari.id),
    { timeoutMs: 15000, what: 'the wheel as a photo' });
  assert.match(photo.caption, /Årshjulet 2028/);
  assert.equal(photo.content_type, 'image/png');
  assert.equal(photo.bytes.readUInt32BE(16), 1080, 'width');
  assert.equal(photo.bytes.readUInt32BE(20), 1080, 'height');

  await emulator.sendUserMessage({ chat: privateChat(kari), from: kari, text: 'kan du vise meg årshjulet?' });
  const photos = await waitFor(() => emulator.photos(kari.id).length > 1 && emulator.photos(kari.id),
    { timeoutMs: 15000, what: 'the wheel asked for in words' });
  assert.match(photos[1].caption, /Årshjulet 2027/);
  assert.ok(!photos[1].bytes.equals(photo.bytes), 'another year, another picture');
  // A year outside the plan is answered in words.
  assert.match(await say(emulator, kari, privateChat(kari), '/årshjul 2031'), /2025–2028/);
});

const chromiumPath = '/usr/bin/chromium';

test('the board\'s overview page in a real browser: the year\'s table, a confirmed task done, nothing from elsewhere',
  { timeout: 120000 }, async (t) => {
    const { emulator, start } = await startStack(t, { token: TOKEN, secret: SECRET, env: { PLANBOT_ADMINS: String(admin.id) } });
    const bot = await start({ PLANBOT_BOT_NOW: '2027-06-20T10:00' });
    await say(emulator, kari, privateChat(kari), '/mineroller');
    await say(emulator, admin, group, '/rolle gi kasserer @kari_k');
    await sayExpecting(emulator, kari, privateChat(kari), '/ferdig 9 betalt inn <b>fra</b> alle', /er ferdig/);

    await sayExpecting(emulator, kari, privateChat(kari), '/oversikt', /bare en admin/);  // not for members
    const answer = await sayExpecting(emulator, admin, privateChat(admin), '/oversikt', /\/oversikt\//);
    const url = /http:\/\/127\.0\.0\.1:\d+\/oversikt\/[A-Za-z0-9_-]{43}/.exec(answer)?.[0];
    assert.ok(url, `a link: ${answer}`);

    const direct = await get(url);
    assert.equal(direct.status, 200);
    assert.equal(direct.headers['cache-control'], 'no-store');
    // The page's own token is no calendar link: whoever gets the feed's link cannot open the page.
    const pageToken = url.split('/').pop();
    assert.equal((await get(`${bot.url}/kalender/${pageToken}.ics`)).status, 404);
    assert.match(direct.headers['content-security-policy'], /default-src 'none'/);
    assert.equal(direct.headers['referrer-policy'], 'no-referrer');

    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    t.after(() => browser.close());
    const page = await browser.newPage();
    const problems = [];
    const elsewhere = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => { if (!request.url().startsWith(bot.url)) elsewhere.push(request.url()); });
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    page.on('response', (answer) => { if (answer.status() >= 400) problems.push(`${answer.status()}: ${answer.url().replace(/[A-Za-z0-9_-]{43}/, '<token>')}`); });
    const response = await page.goto(url, { waitUntil: 'networkidle' });
    assert.equal(response.status(), 200);
    const table = page.locator('table#tiltak-2027');
    assert.equal(await table.count(), 1, 'the year\'s table');
    const row = table.locator('tr[data-task="9"][data-status="done"]');
    assert.ok(await row.count() >= 1, 'the confirmed partiskatt is done');
    const rowText = await row.first().innerText();
    assert.match(rowText, /Ferdig/);
    assert.match(rowText, /Kari/);
    assert.match(rowText, /<b>fra<\/b>/, 'the comment is shown as typed, not as markup');
    assert.ok(await table.locator('tr[data-status="open"]').count() > 0, 'open deadlines too');
    const wheel = page.locator('img[alt^="Årshjulet"]');
    assert.ok(await wheel.evaluate((img) => img.complete && img.naturalWidth > 0), 'the wheel picture loaded');
    const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.match(styled, /system-ui|sans-serif/, 'the stylesheet applied');
    const feedLink = await page.locator('a[href$=".ics"]').first().getAttribute('href');
    assert.ok(feedLink && !feedLink.includes(pageToken), 'the feed link has its own token');
    const feed = await get(new URL(feedLink, bot.url).href);
    assert.equal(feed.status, 200, 'the page\'s feed link works');
    assert.match(feed.body.toString('utf8'), /BEGIN:VCALENDAR/);
    assert.deepEqual(elsewhere, [], 'no request to another host');
    assert.deepEqual(problems, [], 'no console errors');

    // On a phone's width the page still shows the table.
    await page.setViewportSize({ width: 375, height: 800 });
    assert.ok(await table.isVisible());

    const wrong = await page.goto(url.replace(/.{4}$/, 'AAAA'));
    assert.equal(wrong.status(), 404);
  });
