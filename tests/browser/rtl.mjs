// Right-to-left pages in headless Chromium, run by tests/browser.rs on the
// Arabic fixture (tests/fixtures/arabic, `language: ar`).
//
//   node rtl.mjs <base-url> --events <N> --event <path> --latin-first <name> --screenshots <folder>
//
// On the timeline at 1280 × 800 and at 390 × 844, and on the event page
// <path> at both widths:
//  - <html> has lang="ar" and dir="rtl";
//  - the page is the mirror image of itself laid out left to right: with
//    dir="ltr" put on <html> in the same page, each box (the events' list,
//    every card, its date and title, the panel, the year and month
//    headings, the years' links, the overview strip and each of its bars)
//    has its left edge where, right to left, its right edge is counted from
//    the other side, and the same width;
//  - the timeline's line is on the right of the cards, the cards to its left;
//  - the overview strip starts at the right: its first (oldest) bar is to
//    the right of its last;
//  - the title that starts with the Latin name <name> shows the name at the
//    right, where the title starts, and the Arabic word after it to its
//    left (as Arabic reads), on the timeline and as the event page's <h1>;
//  - names in a list read from the right: a card's first actor is to the
//    right of its second;
//  - an English quote in the Arabic page reads left to right (dir="auto");
//  - the filter finds an Arabic word (الرياض), and a Latin name typed in
//    another case (PUTIN), leaving only the events that hold it;
//  - axe-core finds no violation of WCAG 2.1 A and AA, nothing is written
//    to the console as an error, nothing is requested from another host,
//    and the page does not scroll sideways;
//  - the first screen of the timeline and of the event page is saved in
//    <folder> at each width.
//
// Prints a JSON summary on stdout, with the screenshots' paths; each
// problem on stderr as a line starting with "FAIL"; exit 1 if any, 2 if the
// checks could not run.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, DEVICES, axe, check, failed, watch } from './checks.mjs';

// How far two edges may be apart and still count as the same place, in
// CSS pixels: layout rounds to fractions of a pixel.
const SLACK = 1;

// The boxes that must mirror, on any page that has them.
const MIRRORED = [
  '.layout-events ol.events',
  'article.event',
  'article.event .event-meta',
  'article.event .event-title',
  '.panel',
  '.year-heading',
  '.month-heading',
  '.year-nav a',
  '.overview-bars',
  '.overview-bars a',
  '.event-header',
  '.event-page h1',
  '.claim blockquote',
  '.prev-next li',
];

const USAGE = 'usage: node rtl.mjs <base-url> --events <N> --event <path> --latin-first <name> --screenshots <folder>';
const argv = process.argv.slice(2);
const opts = {};
for (let i = 1; i < argv.length; i += 2) opts[argv[i].replace(/^--/, '')] = argv[i + 1];
const base = argv[0];
const events = Number(opts.events);
if (!base || !events || !opts.event || !opts['latin-first'] || !opts.screenshots) {
  console.error(USAGE);
  process.exit(2);
}
const origin = new URL(base).origin;
const latin = opts['latin-first'];

const results = { screenshots: [] };

/** Opens `path` on `device`, recording console errors and requests. */
async function open(browser, device, path) {
  const context = await browser.newContext(DEVICES[device]);
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(new URL(path, base).href, { waitUntil: 'networkidle' });
  return { context, page, seen };
}

/**
 * The left and right edges of every visible box of `selectors`, as laid
 * out with `dir` on <html>, and the width they are mirrored in.
 */
async function edges(page, dir, selectors) {
  return page.evaluate(([dir, selectors]) => {
    document.documentElement.dir = dir;
    const width = document.documentElement.clientWidth;
    const boxes = [];
    for (const sel of selectors) {
      document.querySelectorAll(sel).forEach((el, n) => {
        const r = el.getBoundingClientRect();
        if (r.width > 0) boxes.push({ what: `${sel} #${n + 1}`, left: r.left, right: r.right });
      });
    }
    return { width, boxes };
  }, [dir, selectors]);
}

/** The mirror check: right to left is left to right reflected. */
async function mirrors(page, where) {
  const rtl = await edges(page, 'rtl', MIRRORED);
  const ltr = await edges(page, 'ltr', MIRRORED);
  await edges(page, 'rtl', []);
  const wrong = [];
  if (rtl.boxes.length !== ltr.boxes.length) {
    wrong.push(`${rtl.boxes.length} boxes right to left, ${ltr.boxes.length} left to right`);
  } else {
    rtl.boxes.forEach((r, i) => {
      const l = ltr.boxes[i];
      const mirrored = Math.abs(r.left - (ltr.width - l.right)) <= SLACK && Math.abs((r.right - r.left) - (l.right - l.left)) <= SLACK;
      if (!mirrored) wrong.push(`${r.what} at ${r.left.toFixed(1)}–${r.right.toFixed(1)}, left to right at ${l.left.toFixed(1)}–${l.right.toFixed(1)} of ${ltr.width}`);
    });
  }
  check(wrong.length === 0, `${where}: not the mirror image of the left-to-right page: ${wrong.join('; ')}`);
  return rtl.boxes.length;
}

/**
 * Where the Latin name that starts the text of `selector` is drawn, and
 * the word after it: the first line's boxes of each.
 */
async function latinFirst(page, selector, name) {
  return page.evaluate(([selector, name]) => {
    const el = [...document.querySelectorAll(selector)].find((e) => e.textContent.trim().startsWith(name));
    if (!el) return null;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let text = walker.nextNode();
    while (text && !text.data.trim()) text = walker.nextNode();
    const start = text.data.indexOf(name);
    const after = text.data.slice(start + name.length).match(/^\s*(\S+)/);
    const box = (from, to) => {
      const range = document.createRange();
      range.setStart(text, from);
      range.setEnd(text, to);
      const r = range.getClientRects()[0];
      return { left: r.left, right: r.right, top: r.top };
    };
    const nextFrom = start + name.length + after[0].length - after[1].length;
    const named = box(start, start + name.length);
    // The element's boxes on the name's line: one for each run of text.
    const line = [...el.getClientRects()].filter((r) => Math.abs(r.top - named.top) < 2);
    return {
      text: el.textContent.trim(),
      name: named,
      next: { word: after[1], ...box(nextFrom, nextFrom + after[1].length) },
      lineRight: Math.max(...line.map((r) => r.right)),
    };
  }, [selector, name]);
}

function checkLatinFirst(found, where) {
  if (!check(found, `${where}: no title starting with "${latin}"`)) return;
  const { name, next } = found;
  const sameLine = Math.abs(name.top - next.top) < 2;
  check(sameLine && name.left >= next.right - SLACK,
    `${where}: in "${found.text}", "${latin}" (${name.left.toFixed(1)}–${name.right.toFixed(1)}) is not to the right of "${next.word}" (${next.left.toFixed(1)}–${next.right.toFixed(1)})`);
  check(Math.abs(name.right - found.lineRight) <= SLACK,
    `${where}: "${latin}" ends at ${name.right.toFixed(1)}, not at the start of its line (${found.lineRight.toFixed(1)}), on the right`);
}

/** The checks every page gets, at every width. */
async function common(where, { page, seen }) {
  const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.getAttribute('dir') }));
  check(html.lang === 'ar' && html.dir === 'rtl', `${where}: <html lang="${html.lang}" dir="${html.dir}">, expected lang="ar" dir="rtl"`);
  const violations = await axe(page);
  check(violations.length === 0, `${where}: axe: ${violations.join(' | ')}`);
  const foreign = seen.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
  check(foreign.length === 0, `${where}: requests to another host: ${foreign.join(', ')}`);
  check(seen.console.length === 0, `${where}: console errors: ${seen.console.join(' | ')}`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(wide <= 0, `${where}: scrolls sideways by ${wide}px`);
  return { mirrored: await mirrors(page, where) };
}

async function screenshot(page, file) {
  mkdirSync(opts.screenshots, { recursive: true });
  const path = join(opts.screenshots, file);
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path });
  results.screenshots.push(path);
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  for (const device of Object.keys(DEVICES)) {
    // The timeline.
    const where = `timeline at ${DEVICES[device].viewport.width}px`;
    const timeline = await open(browser, device, '/');
    try {
      const found = results[where] = await common(where, timeline);
      const layout = await timeline.page.evaluate(() => {
        const list = document.querySelector('.layout-events ol.events');
        const style = getComputedStyle(list);
        const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, cx: (r.left + r.right) / 2 }; };
        const bars = [...document.querySelectorAll('.overview-bars a')].map(box);
        const actors = [...document.querySelectorAll('article.event .event-actors a')].slice(0, 2).map((a) => ({ ...box(a), top: a.getBoundingClientRect().top, name: a.textContent }));
        return {
          cards: document.querySelectorAll('article.event').length,
          line: { right: style.borderRightWidth, left: style.borderLeftWidth },
          list: box(list),
          card: box(document.querySelector('article.event')),
          bars,
          actors,
        };
      });
      found.cards = layout.cards;
      check(layout.cards === events, `${where}: ${layout.cards} events shown, expected ${events}`);
      check(layout.line.right === '3px' && layout.line.left === '0px',
        `${where}: the timeline's line is not on the right (border right ${layout.line.right}, left ${layout.line.left})`);
      check(layout.card.right < layout.list.right - 3 && layout.card.left - layout.list.left < layout.list.right - layout.card.right,
        `${where}: the first card (${layout.card.left.toFixed(1)}–${layout.card.right.toFixed(1)}) is not to the left of the line (${layout.list.right.toFixed(1)})`);
      if (check(layout.bars.length >= 2, `${where}: the overview strip has ${layout.bars.length} bars`)) {
        const [first, last] = [layout.bars[0], layout.bars[layout.bars.length - 1]];
        check(first.cx > last.cx, `${where}: the overview strip's first bar (at ${first.cx.toFixed(1)}) is not to the right of its last (${last.cx.toFixed(1)})`);
      }
      const [a, b] = layout.actors;
      if (check(a && b, `${where}: the first card has fewer than two actors`) && Math.abs(a.top - b.top) < 2) {
        check(a.left > b.right - SLACK, `${where}: the first actor, ${a.name}, is not to the right of the second, ${b.name}`);
      }
      checkLatinFirst(await latinFirst(timeline.page, 'article.event .event-title a', latin), `${where}, a card's title`);
      await screenshot(timeline.page, `rtl-timeline-${device}.png`);
      if (device === 'desktop') {
        // The filter in Arabic, and a Latin name typed in another case.
        const q = timeline.page.locator('#filters input[name=q]');
        for (const [query, expect] of [['الرياض', 'الرياض'], ['PUTIN', 'putin']]) {
          await q.fill(query);
          const shown = await timeline.page.evaluate(() => [...document.querySelectorAll('.timeline ol.events > li')]
            .filter((li) => !li.hidden).map((li) => li.textContent.toLowerCase()));
          check(shown.length > 0 && shown.length < events && shown.every((t) => t.includes(expect)),
            `${where}: the filter "${query}" leaves ${shown.length} of ${events} events, expected some, each with "${expect}"`);
        }
      }
    } finally {
      await timeline.context.close();
    }

    // The event page.
    const at = `${opts.event} at ${DEVICES[device].viewport.width}px`;
    const event = await open(browser, device, opts.event);
    try {
      results[at] = await common(at, event);
      checkLatinFirst(await latinFirst(event.page, '.event-page h1', latin), `${at}, the <h1>`);
      const quote = await event.page.evaluate(() => {
        const p = document.querySelector('.claim blockquote p');
        return p && { text: p.textContent, dir: getComputedStyle(p).direction, frame: getComputedStyle(p.parentElement).direction };
      });
      if (check(quote, `${at}: no quoted claim`)) {
        check(quote.dir === 'ltr' && quote.frame === 'rtl', `${at}: the English quote ${quote.text} is laid out ${quote.dir} in a ${quote.frame} blockquote, expected ltr in rtl`);
      }
      await screenshot(event.page, `rtl-event-${device}.png`);
    } finally {
      await event.context.close();
    }
  }
} catch (e) {
  console.error(`rtl.mjs could not run: ${e.stack || e}`);
  await browser.close();
  process.exit(2);
}
await browser.close();
console.log(JSON.stringify(results, null, 2));
process.exit(failed() ? 1 : 0);
