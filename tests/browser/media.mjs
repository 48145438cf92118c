// Media in headless Chromium, run by tests/browser.rs on its media fixture
// (tests/support/media_site.rs): a timeline of N events with a photo each.
//
//   node media.mjs <base-url> --events <N> --budget-kb <KB> --photo <path> --every <path>
//
// At 390 × 844 (a phone: device scale 3, touch), the timeline page loaded
// and left alone (no scrolling) transfers less than KB kilobytes in all
// (HTML, CSS, script, images: the bytes on the wire, counted by the
// browser's network events), loads fewer thumbnails than it has events
// (the rest wait for the reader to scroll: loading="lazy"), and every
// thumbnail it loaded is a file narrower than the original.
// On the timeline, the photo's event page (--photo) and the page with
// every other kind of item (--every), at 390 px and at 1280 px:
//  - axe-core finds no violation of WCAG 2.1 A and AA;
//  - nothing is requested from another host, no request fails, nothing
//    is written to the console as an error;
//  - no sideways scrolling;
//  - every picture on the first screen has loaded and keeps its shape
//    (its box's ratio is its file's), and each figure of the event page
//    has its caption.
//
// Prints a JSON summary on stdout; each problem on stderr as a line
// starting with "FAIL"; exit 1 if any, 2 if the checks could not run.

import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CHROMIUM = process.env.ANNALS_CHROMIUM || '/usr/bin/chromium';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

const USAGE = 'usage: node media.mjs <base-url> --events <N> --budget-kb <KB> --photo <path> --every <path>';
const argv = process.argv.slice(2);
const opts = {};
for (let i = 1; i < argv.length; i += 2) opts[argv[i].replace(/^--/, '')] = argv[i + 1];
const base = argv[0];
const events = Number(opts.events);
const budget = Number(opts['budget-kb']) * 1000;
if (!base || !events || !budget || !opts.photo || !opts.every) {
  console.error(USAGE);
  process.exit(2);
}
const origin = new URL(base).origin;

let failures = 0;
function fail(message) {
  failures++;
  console.error(`FAIL ${message}`);
}
function check(ok, message) {
  if (!ok) fail(message);
  return ok;
}

const results = {};

/**
 * Opens `path` in a new context of `device`, counting what goes over the
 * network, and waits until the page has loaded and the network is quiet.
 */
async function open(browser, device, path) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const net = { bytes: 0, requests: new Map(), failed: [], console: [] };
  cdp.on('Network.requestWillBeSent', (e) => net.requests.set(e.requestId, { url: e.request.url, type: e.type }));
  cdp.on('Network.loadingFinished', (e) => {
    net.bytes += e.encodedDataLength;
    const r = net.requests.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  cdp.on('Network.loadingFailed', (e) => net.failed.push(`${net.requests.get(e.requestId)?.url}: ${e.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) net.failed.push(`${r.url()}: ${r.status()}`); });
  page.on('console', (m) => {
    // A phone's browser asks for /favicon.ico on its own; the theme has
    // none (not a matter of media): everything else counts.
    const where = m.location()?.url || '';
    if (m.type() === 'error' && !where.endsWith('/favicon.ico')) net.console.push(`${m.text()} (${where})`);
  });
  page.on('pageerror', (e) => net.console.push(String(e)));
  await page.goto(new URL(path, base).href, { waitUntil: 'networkidle' });
  return { context, page, net };
}

/** Every axe-core violation of WCAG 2.1 A and AA, one line each. */
async function axe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } })
    .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)), AXE_TAGS);
}

/** The pictures on the first screen: loaded, and with their file's shape. */
async function firstScreenPictures(page) {
  return page.evaluate(() => [...document.querySelectorAll('img')]
    .filter((img) => {
      const box = img.getBoundingClientRect();
      return box.bottom > 0 && box.top < window.innerHeight && box.width > 0;
    })
    .map((img) => {
      const box = img.getBoundingClientRect();
      const cover = getComputedStyle(img).objectFit === 'cover';
      return {
        src: img.currentSrc,
        loaded: img.complete && img.naturalWidth > 0,
        natural: [img.naturalWidth, img.naturalHeight],
        box: [box.width, box.height],
        // A cropped thumbnail (object-fit: cover) keeps the file's shape inside its box.
        shapeKept: cover || Math.abs(box.width / box.height - img.naturalWidth / img.naturalHeight) < 0.02,
      };
    }));
}

/** The checks every visited page gets. */
async function common(where, { page, net }) {
  const violations = await axe(page);
  check(violations.length === 0, `${where}: axe: ${violations.join(' | ')}`);
  const foreign = [...net.requests.values()].filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('data:'));
  check(foreign.length === 0, `${where}: requests to another host: ${foreign.map((r) => r.url).join(', ')}`);
  check(net.failed.length === 0, `${where}: failed requests: ${net.failed.join(' | ')}`);
  check(net.console.length === 0, `${where}: console errors: ${net.console.join(' | ')}`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(wide <= 0, `${where}: scrolls sideways by ${wide}px`);
  for (const p of await firstScreenPictures(page)) {
    check(p.loaded, `${where}: the picture ${p.src} on the first screen has not loaded`);
    check(p.shapeKept, `${where}: ${p.src} is drawn ${p.box.join('×')}, not in its file's shape ${p.natural.join('×')}`);
  }
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  // The page weight of the timeline on a phone, before any scrolling.
  const phone = await open(browser, PHONE, '/');
  const thumbs = await phone.page.evaluate(() => [...document.querySelectorAll('.event-thumb img')].map((img) => ({
    lazy: img.loading === 'lazy',
    sized: img.hasAttribute('width') && img.hasAttribute('height'),
    src: img.currentSrc,
    file: img.naturalWidth,
    original: Number(img.getAttribute('width')),
  })));
  const images = [...phone.net.requests.values()].filter((r) => r.type === 'Image');
  results.timelinePhone = {
    transferredKB: Math.round(phone.net.bytes / 100) / 10,
    requests: phone.net.requests.size,
    imageRequests: images.length,
    imageKB: Math.round(images.reduce((s, r) => s + (r.bytes || 0), 0) / 100) / 10,
    thumbnails: thumbs.length,
  };
  check(thumbs.length === events, `the timeline has ${thumbs.length} thumbnails, expected ${events}`);
  check(thumbs.every((t) => t.lazy && t.sized), 'every thumbnail has loading="lazy", width and height');
  check(phone.net.bytes < budget, `the timeline transfers ${phone.net.bytes} bytes at 390 px before scrolling, over the budget of ${budget}`);
  check(images.length > 0 && images.length < events, `the timeline loaded ${images.length} of ${events} thumbnails before scrolling: expected some, and not all`);
  for (const t of thumbs.filter((t) => t.file > 0)) {
    check(t.file < t.original, `the thumbnail ${t.src} is a file ${t.file}px wide: the original's width (${t.original}), not a smaller one`);
  }
  await common('timeline at 390 px', phone);
  await phone.context.close();

  for (const [name, device] of [['390 px', PHONE], ['1280 px', DESKTOP]]) {
    if (device === DESKTOP) {
      const desk = await open(browser, device, '/');
      await common(`timeline at ${name}`, desk);
      await desk.context.close();
    }
    for (const path of [opts.photo, opts.every]) {
      const visit = await open(browser, device, path);
      await common(`${path} at ${name}`, visit);
      const figures = await visit.page.evaluate(() => [...document.querySelectorAll('figure.media')].map((f) => ({
        kind: f.className,
        caption: f.querySelector('figcaption')?.textContent.trim() || '',
      })));
      check(figures.length > 0, `${path} has no figure`);
      if (path === opts.photo) {
        check(figures.length === 1 && figures[0].caption.includes('Credit: Annals tests'), `${path}: the photo's figure has no caption with its credit: ${JSON.stringify(figures)}`);
      }
      results[`${path} ${name}`] = { figures: figures.map((f) => f.kind), transferredKB: Math.round(visit.net.bytes / 100) / 10 };
      await visit.context.close();
    }
  }
} catch (e) {
  console.error(`the checks could not run: ${e.stack || e}`);
  await browser.close();
  process.exit(2);
}
await browser.close();
console.log(JSON.stringify(results, null, 2));
process.exit(failures ? 1 : 0);
