// The first screen of the timeline pages, in headless Chromium, run by
// tests/browser.rs beside check.mjs (issue 20):
//
//   node first_screen.mjs <base-url> --events <N> [--titles-desktop <D> --titles-phone <P>] [--page <path>]...
//
// <base-url> is where `annals serve` listens; N is how many events the
// whole timeline has (the filter button says "N events"); each --page is a
// timeline page to check (default: /). With --titles-desktop and
// --titles-phone, the first --page must show at least D event titles at
// 1280 × 800 and P at 390 × 844 after load, without scrolling: each title
// wholly inside the viewport and not covered (by the phone's bar).
//
// On every page:
//  - the events come first in the reading order: the first event (or the
//    year grid of a split timeline) is before the overview, the years and
//    the filters in the document;
//  - at 1280 px the panel (overview, years, filters) is beside the events,
//    and stays in view while they scroll;
//  - at 390 px, with the script, the filters are behind one button that
//    reads "Filter · N events", which opens and closes them (Escape too);
//    the first event's title is on the first screen; the lead of the
//    introduction is at most four lines, the rest in a closed <details>;
//    axe-core finds no violation of WCAG 2.1 A and AA with the filters open;
//  - without the script the filter button and the form are hidden, and the
//    year navigation shows;
//  - Tab follows the visual order (the events before the panel, and in the
//    events from top to bottom), and every element it reaches shows that
//    it has focus;
//  - printed (print media), the page shows the chronology only: the
//    events (or the year grid), the page's and the site's title and the
//    "As known on" banner, no summary cut short.
//
// Prints a JSON summary on stdout; each problem on stderr as a line
// starting with "FAIL"; exit 1 if any, 2 if the checks could not run. If
// ANNALS_SCREENSHOTS names a folder, the first page is saved there at both
// sizes (first-screen-desktop.png, first-screen-phone.png).

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const CHROMIUM = process.env.ANNALS_CHROMIUM || '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const REACT_TIMEOUT = 5_000;
// The most Tab presses a page may take to come back round.
const MAX_TABS = 400;

const USAGE = 'usage: node first_screen.mjs <base-url> --events <N> [--titles-desktop <D> --titles-phone <P>] [--page <path>]...';
const argv = process.argv.slice(2);
let base = null;
let events = null;
let titlesDesktop = null;
let titlesPhone = null;
const pages = [];
for (let i = 0; i < argv.length; i++) {
  const value = () => argv[++i];
  if (argv[i] === '--events') events = Number(value());
  else if (argv[i] === '--titles-desktop') titlesDesktop = Number(value());
  else if (argv[i] === '--titles-phone') titlesPhone = Number(value());
  else if (argv[i] === '--page') pages.push(value());
  else if (!base && !argv[i].startsWith('--')) base = argv[i];
  else {
    process.stderr.write(`first_screen.mjs: unexpected argument ${argv[i]}\n${USAGE}\n`);
    process.exit(2);
  }
}
if (!base || !Number.isInteger(events) || events < 1) {
  process.stderr.write(`first_screen.mjs: missing <base-url> or --events\n${USAGE}\n`);
  process.exit(2);
}
if (!pages.length) pages.push('/');
const BASE = new URL(base);
const url = (path) => new URL(path, BASE).href;

const results = { base: BASE.href, events, pages, checks: {}, failures: [] };
let where = 'setup';
function fail(message) {
  const line = `[${where}] ${message}`;
  results.failures.push(line);
  process.stderr.write(`FAIL ${line}\n`);
}
function check(condition, message) {
  if (!condition) fail(message);
  return Boolean(condition);
}

const browser = await chromium
  .launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  .catch((error) => {
    process.stderr.write(`first_screen.mjs: cannot launch ${CHROMIUM}: ${error.message}\n`);
    process.exit(2);
  });

/** A fresh page at `viewport`, with the script on or off; errors are failures. */
async function open(path, viewport, javaScriptEnabled = true) {
  const context = await browser.newContext({ viewport, javaScriptEnabled });
  const page = await context.newPage();
  page.on('pageerror', (error) => fail(`${path}: uncaught exception: ${error.message}`));
  // (Chromium asks for /favicon.ico by itself; no page links one.)
  page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && fail(`${path}: console error: ${m.text()} (${m.location().url})`));
  const response = await page.goto(url(path), { waitUntil: 'load' });
  check(response && response.status() === 200, `${path} answered ${response && response.status()}`);
  return { context, page };
}

/** Fails for every axe-core violation of WCAG 2.1 A and AA on the page as it is. */
async function checkAxe(page, what) {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } })
    .then((r) => r.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`)), AXE_TAGS);
  for (const v of violations) fail(`axe on ${what}: ${v}`);
}

/** Runs `body` as one named group of checks; an exception fails it. */
async function section(name, body) {
  where = name;
  const before = results.failures.length;
  try {
    await body();
  } catch (error) {
    fail(`stopped by an error: ${error && error.stack ? error.stack : error}`);
  }
  results.checks[name] = { ok: results.failures.length === before, ...(results.checks[name] || {}) };
}

/**
 * The event titles wholly inside the viewport and not covered by anything
 * (each corner and the centre of the heading hit the heading).
 */
function titlesOnScreen() {
  const w = innerWidth;
  const h = innerHeight;
  return [...document.querySelectorAll('article.event .event-title')]
    .filter((t) => {
      const r = t.getBoundingClientRect();
      if (r.height === 0 || r.top < 0 || r.left < 0 || r.bottom > h || r.right > w) return false;
      const points = [[r.left + 1, r.top + 1], [r.right - 1, r.bottom - 1], [r.left + 1, r.bottom - 1], [(r.left + r.right) / 2, (r.top + r.bottom) / 2]];
      return points.every(([x, y]) => t.contains(document.elementFromPoint(x, y)));
    })
    .map((t) => t.textContent.trim());
}

/** Where the page's parts are, and whether they come in that order. */
function layoutState() {
  // The events: the first of them, the year grid, or a dense year's months.
  const first = document.querySelector('article.event, ul.periods, .timeline');
  const parts = { overview: '.overview', years: '.year-nav', filters: '#filters', panel: '.panel' };
  const before = {};
  for (const [name, selector] of Object.entries(parts)) {
    const el = document.querySelector(selector);
    before[name] = el ? Boolean(first && first.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) : null;
  }
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  };
  return {
    hasFirst: Boolean(first),
    eventsFirst: before,
    events: box(document.querySelector('.layout-events')),
    panel: box(document.querySelector('.panel')),
    panelPosition: document.querySelector('.panel') ? getComputedStyle(document.querySelector('.panel')).position : null,
  };
}

/** The phone's filter button and form. */
function toolsState() {
  const toggle = document.querySelector('#annals-filter-toggle');
  const form = document.querySelector('#filters');
  const years = document.querySelector('.year-nav');
  return {
    toggle: toggle ? { visible: toggle.checkVisibility(), text: toggle.textContent.replace(/\s+/g, ' ').trim(), expanded: toggle.getAttribute('aria-expanded'), controls: toggle.getAttribute('aria-controls') } : null,
    formVisible: Boolean(form && form.checkVisibility()),
    yearsVisible: years ? years.checkVisibility() : null,
  };
}

/** The lead and the rest of the introduction. */
function introState() {
  const lead = document.querySelector('.lead');
  const details = document.querySelector('details.intro');
  const line = lead ? parseFloat(getComputedStyle(lead).lineHeight) : 0;
  const inside = details ? [...details.children].filter((c) => c.tagName !== 'SUMMARY') : [];
  return {
    leadLines: lead ? Math.round(lead.getBoundingClientRect().height / line) : 0,
    details: details ? { open: details.open, summary: details.querySelector(':scope > summary')?.textContent.trim(), restShown: inside.some((c) => c.checkVisibility()) } : null,
  };
}

/** Loads the page again and Tabs through it from its start, recording each stop. */
async function tabStops(page) {
  await page.reload({ waitUntil: 'load' });
  const stops = [];
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      // Where it starts: a link broken over two lines starts on the first.
      const box = el.getBoundingClientRect();
      const r = [...el.getClientRects()].find((c) => c.width > 0) || box;
      const style = getComputedStyle(el);
      // A link of the overview strip shows focus by filling its column.
      const hit = el.querySelector && el.querySelector('.hit');
      const fill = hit ? getComputedStyle(hit).fill : null;
      const shown = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none' || (fill !== null && fill !== 'transparent' && fill !== 'rgba(0, 0, 0, 0)');
      return {
        name: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`,
        inEvents: Boolean(el.closest('.layout-events')),
        inPanel: Boolean(el.closest('.panel')),
        top: r.top + scrollY,
        left: r.left,
        visible: el.checkVisibility() && box.width > 0 && box.height > 0,
        focusShown: shown,
      };
    });
    if (!stop || (stops.length && stop.name === stops[0].name && stop.top === stops[0].top)) break;
    stops.push(stop);
  }
  return stops;
}

/** Checks the Tab order and the focus of every stop. */
function checkTabs(stops, path) {
  const lastEvent = stops.map((s) => s.inEvents).lastIndexOf(true);
  const firstPanel = stops.findIndex((s) => s.inPanel);
  check(lastEvent >= 0, `${path}: Tab reaches nothing among the events`);
  check(firstPanel < 0 || firstPanel > lastEvent, `${path}: Tab reaches the panel (${stops[firstPanel]?.name}) before the last of the events (${stops[lastEvent]?.name})`);
  const inEvents = stops.filter((s) => s.inEvents);
  for (let i = 1; i < inEvents.length; i++) {
    const [a, b] = [inEvents[i - 1], inEvents[i]];
    const sameLine = Math.abs(a.top - b.top) < 8;
    check(b.top > a.top || (sameLine && b.left > a.left) || b.top >= a.top - 4 && b.left >= a.left, `${path}: Tab goes from ${a.name} (y ${Math.round(a.top)}) up to ${b.name} (y ${Math.round(b.top)})`);
  }
  const hidden = stops.filter((s) => !s.visible);
  check(hidden.length === 0, `${path}: Tab stops on what does not show: ${hidden.map((s) => s.name).join(', ')}`);
  const unmarked = stops.filter((s) => s.visible && !s.focusShown);
  check(unmarked.length === 0, `${path}: focus is not visible on ${unmarked.map((s) => s.name).join(', ')}`);
}

/** What shows when printed: text outside the chronology, cut summaries. */
function printState() {
  // The site's title may head the page.
  const allowed = 'h1, .as-of, .timeline, .periods, .site-title';
  const stray = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || el.closest('script, style')) continue;
    if (el.checkVisibility() && !el.closest(allowed)) stray.push(`${el.tagName.toLowerCase()}.${el.className || ''}: "${n.textContent.trim().slice(0, 40)}"`);
  }
  const articles = [...document.querySelectorAll('article.event')];
  return {
    stray: stray.slice(0, 10),
    articles: articles.length,
    shown: articles.filter((a) => a.checkVisibility()).length,
    cut: articles.map((a) => a.querySelector('.event-summary')).filter((p) => p && p.scrollHeight > p.clientHeight + 1).length,
  };
}

for (const [index, path] of pages.entries()) {
  const first = index === 0;

  await section(`${path} desktop ${DESKTOP.width}x${DESKTOP.height}`, async () => {
    const { context, page } = await open(path, DESKTOP);
    try {
      const state = await page.evaluate(layoutState);
      results.checks[where] = { layout: state };
      check(state.hasFirst, `${path} has no events, year grid or months`);
      for (const [name, after] of Object.entries(state.eventsFirst)) {
        check(after !== false, `${path}: the ${name} comes before the events in the reading order`);
      }
      if (check(state.events && state.panel, `${path} has no .layout-events and .panel`)) {
        check(state.panel.left >= state.events.right, `${path}: the panel (x ${Math.round(state.panel.left)}) is not beside the events (right edge ${Math.round(state.events.right)})`);
        check(state.panel.top < DESKTOP.height, `${path}: the panel starts below the first screen, at ${Math.round(state.panel.top)}px`);
      }
      // Scrolled down, the panel is still in view (scrollTo lays out at once).
      const scrolled = await page.evaluate(() => {
        scrollTo(0, document.documentElement.scrollHeight);
        const panel = document.querySelector('.panel');
        const r = panel ? panel.getBoundingClientRect() : null;
        return { scrollY, top: r && r.top, bottom: r && r.bottom };
      });
      results.checks[where].scrolled = scrolled;
      if (scrolled.scrollY > 100 && scrolled.top !== null) {
        check(scrolled.top < DESKTOP.height && scrolled.bottom > 0, `${path}: scrolled ${scrolled.scrollY}px down, the panel is out of view (${Math.round(scrolled.top)}–${Math.round(scrolled.bottom)})`);
      }
      await page.evaluate(() => scrollTo(0, 0));
      const titles = await page.evaluate(titlesOnScreen);
      results.checks[where].titlesOnScreen = titles;
      if (first && titlesDesktop !== null) {
        check(titles.length >= titlesDesktop, `${path}: ${titles.length} event titles on the first screen at ${DESKTOP.width}x${DESKTOP.height}, expected at least ${titlesDesktop}: ${titles.join(' | ')}`);
      }
      const stops = await tabStops(page);
      results.checks[where].tabStops = stops.length;
      checkTabs(stops, `${path} at ${DESKTOP.width}px`);
      if (first && process.env.ANNALS_SCREENSHOTS) {
        await page.evaluate(() => { document.activeElement && document.activeElement.blur(); scrollTo(0, 0); });
        mkdirSync(process.env.ANNALS_SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(process.env.ANNALS_SCREENSHOTS, 'first-screen-desktop.png') });
      }
    } finally {
      await context.close();
    }
  });

  await section(`${path} phone ${PHONE.width}x${PHONE.height}`, async () => {
    const { context, page } = await open(path, PHONE);
    try {
      const titles = await page.evaluate(titlesOnScreen);
      const intro = await page.evaluate(introState);
      results.checks[where] = { titlesOnScreen: titles, intro };
      const hasEvents = await page.locator('article.event').count();
      if (hasEvents) check(titles.length >= 1, `${path}: no event title on the first screen at ${PHONE.width}x${PHONE.height}`);
      if (first && titlesPhone !== null) {
        check(titles.length >= titlesPhone, `${path}: ${titles.length} event titles on the first screen at ${PHONE.width}x${PHONE.height}, expected at least ${titlesPhone}: ${titles.join(' | ')}`);
      }
      check(intro.leadLines <= 4, `${path}: the introduction's lead is ${intro.leadLines} lines at ${PHONE.width}px, more than 4`);
      if (intro.details) {
        check(!intro.details.open && !intro.details.restShown, `${path}: the rest of the introduction shows before it is asked for`);
      }

      const total = `${events} ${events === 1 ? 'event' : 'events'}`;
      const closed = await page.evaluate(toolsState);
      results.checks[where].tools = closed;
      if (check(closed.toggle && closed.toggle.visible, `${path}: no visible filter button at ${PHONE.width}px`)) {
        check(closed.toggle.text === `Filter · ${total}`, `${path}: the filter button reads "${closed.toggle.text}", expected "Filter · ${total}"`);
        check(closed.toggle.expanded === 'false' && !closed.formVisible, `${path}: the filters show before the button is pressed (aria-expanded ${closed.toggle.expanded})`);
        check(closed.toggle.controls === 'filters', `${path}: the filter button controls "${closed.toggle.controls}", not the form`);
        await page.locator('#annals-filter-toggle').click();
        const opened = await page.waitForFunction(() => document.querySelector('#filters').checkVisibility(), null, { timeout: REACT_TIMEOUT }).then(() => true, () => false);
        const state = await page.evaluate(toolsState);
        check(opened && state.toggle.expanded === 'true', `${path}: pressing the filter button does not show the filters (aria-expanded ${state.toggle.expanded})`);
        const form = await page.evaluate(() => {
          const r = document.querySelector('#filters').getBoundingClientRect();
          return { top: r.top, bottom: r.bottom };
        });
        check(form.top >= 0 && form.top < PHONE.height, `${path}: the opened filters start off screen, at ${Math.round(form.top)}px`);
        await checkAxe(page, `${path} with the filters open`);
        await page.locator('#filters select[name=status]').focus();
        await page.keyboard.press('Escape');
        const escaped = await page.evaluate(() => ({ ...(() => {
          const t = document.querySelector('#annals-filter-toggle');
          return { expanded: t.getAttribute('aria-expanded'), focused: document.activeElement === t };
        })(), formVisible: document.querySelector('#filters').checkVisibility() }));
        check(escaped.expanded === 'false' && !escaped.formVisible && escaped.focused, `${path}: Escape in the filters does not close them and return to the button: ${JSON.stringify(escaped)}`);
      }
      const stops = await tabStops(page);
      results.checks[where].tabStops = stops.length;
      checkTabs(stops, `${path} at ${PHONE.width}px`);
      if (first && process.env.ANNALS_SCREENSHOTS) {
        await page.evaluate(() => { document.activeElement && document.activeElement.blur(); scrollTo(0, 0); });
        await page.screenshot({ path: join(process.env.ANNALS_SCREENSHOTS, 'first-screen-phone.png') });
      }
    } finally {
      await context.close();
    }
  });

  await section(`${path} phone without javascript`, async () => {
    const { context, page } = await open(path, PHONE, false);
    try {
      const state = await page.evaluate(toolsState);
      results.checks[where] = { tools: state };
      check(!state.toggle || !state.toggle.visible, `${path}: without JavaScript the filter button shows; it cannot work`);
      check(!state.formVisible, `${path}: without JavaScript the filters show; they cannot work`);
      if (state.yearsVisible !== null) check(state.yearsVisible, `${path}: without JavaScript the year navigation does not show`);
    } finally {
      await context.close();
    }
  });

  await section(`${path} printed`, async () => {
    const { context, page } = await open(path, DESKTOP);
    try {
      await page.emulateMedia({ media: 'print' });
      const state = await page.evaluate(printState);
      results.checks[where] = { print: state };
      check(state.stray.length === 0, `${path}: printed, it shows more than the chronology: ${state.stray.join(' | ')}`);
      check(state.shown === state.articles, `${path}: printed, ${state.shown} of its ${state.articles} events show`);
      check(state.cut === 0, `${path}: printed, ${state.cut} summaries are cut short`);
    } finally {
      await context.close();
    }
  });
}

await browser.close();
results.ok = results.failures.length === 0;
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exit(results.ok ? 0 : 1);
