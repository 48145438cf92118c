// Real-browser checks of a served Annals site, run by tests/browser.rs.
//
//   node check.mjs <base-url> --events <N>
//   node check.mjs <base-url> --split --events <N> --actor <slug> --actor-count <K>
//   node check.mjs <base-url> --as-of <DAY> --events <N> [--overdue-since <DAY>] [--absent <title>]...
//
// <base-url> is where `annals serve` listens (http://127.0.0.1:PORT/), and
// N is how many event files the site has, so the timeline must show N
// events. Needs playwright-core, axe-core and @knight-lab/timelinejs (`npm
// ci` in this folder) and Chromium at /usr/bin/chromium; never downloads a
// browser.
//
// The first form checks the shipped site (the repository itself), in the
// light and the dark colour scheme, with the status trail of an event page
// and the timeline's open expectations. The second checks a split timeline (a
// site past `timeline.split_threshold`, written by tests/browser.rs): the
// year grid at /, the year page /2025/ and the month page /2025/01/, and
// filtering the whole timeline from a month page through search.json, where
// choosing actor <slug> must show the K events of that actor from every year.
// The first two load the site's /timeline.json into TimelineJS 3, as an existing
// TimelineJS embed would: one slide per event, no errors. The third checks
// the shipped site served with `annals serve --as-of <DAY>` (as_of.mjs): the
// "As known on" banner, what is overdue since <DAY>, and that the events
// titled <title> (first reported after <DAY>) are left out.
//
// Prints a JSON summary on stdout. Every problem is also printed on stderr
// as one readable line starting with "FAIL"; the exit code is 1 if there
// was any, 2 if the checks themselves could not run. Every check runs even
// when an earlier one failed, and the filtering checks (the newest part of
// the theme) run last, so one missing feature hides nothing else.
//
// If ANNALS_SCREENSHOTS names a folder, screenshots of the timeline at
// desktop and phone width, and of the TimelineJS embed, are saved there.

import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { asOfChecks } from './as_of.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

const CHROMIUM = process.env.ANNALS_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

// Budgets for the timeline page, in transferred bytes (headers + body).
const PAGE_BUDGET = 60 * 1024; // the HTML document + CSS + JS
const SCRIPT_BUDGET = 8 * 1024; // all scripts together

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// How long a wait for the page to react (to a selection, a click, a
// reload) may take before the check fails. Waits end as soon as the page
// is ready; this only bounds a page that never gets there.
const REACT_TIMEOUT = 5_000;

const PAGES = {
  timeline: '/',
  event: '/events/2025-02-18-riyadh-meeting/',
  actor: '/actors/marco-rubio/',
  trail: '/events/2025-05-09-reported-moscow-trip/',
};

// What the shipped content says about the two events with the newest parts
// of the pages.
//  - content/2025-05-09-reported-moscow-trip.md: a status `history` of two
//    changes, reported then denied, each citing the event's first source.
//  - content/2025-02-22-envoys-meeting-expected.md: an expectation nothing
//    settles, `expected_by: 2025-03-08`, listed under "Open expectations".
const TRAIL = {
  path: PAGES.trail,
  title: 'Reported Trump trip to Moscow on 9 May',
  statuses: ['Reported', 'Denied'],
};
const ENVOYS = {
  path: '/events/2025-02-22-envoys-meeting-expected/',
  title: 'Ryabkov says US and Russian envoys could meet within two weeks',
  expectedBy: '2025-03-08',
};

// The pages of the split fixture that tests/browser.rs writes: the year
// grid, a dense year (one page per month) and one of its months.
const SPLIT_PAGES = {
  years: '/',
  year: '/2025/',
  month: '/2025/01/',
};

// The event list's title links, whatever heading level the theme uses.
const TITLE_LINKS = 'article.event h2 a, article.event h3 a, article.event h4 a';

// ---------------------------------------------------------------------------
// Arguments, results and failures

const USAGE = `usage: node check.mjs <base-url> --events <N>
       node check.mjs <base-url> --split --events <N> --actor <slug> --actor-count <K>
       node check.mjs <base-url> --as-of <DAY> --events <N> [--overdue-since <DAY>] [--absent <title>]...`;

function usage(message) {
  process.stderr.write(`check.mjs: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
let baseArg = null;
let expectedEvents = null;
let split = false;
let splitActor = null;
let splitActorCount = null;
let asOf = null;
let overdueSince = null;
const absent = [];
for (let i = 0; i < argv.length; i++) {
  const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=')
    ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)]
    : [argv[i], undefined];
  const value = () => (inline !== undefined ? inline : argv[++i]);
  if (flag === '--events') {
    expectedEvents = Number(value());
  } else if (flag === '--split') {
    split = true;
  } else if (flag === '--actor') {
    splitActor = value();
  } else if (flag === '--actor-count') {
    splitActorCount = Number(value());
  } else if (flag === '--as-of') {
    asOf = value();
  } else if (flag === '--overdue-since') {
    overdueSince = value();
  } else if (flag === '--absent') {
    absent.push(value());
  } else if (!baseArg && !flag.startsWith('--')) {
    baseArg = argv[i];
  } else {
    usage(`unexpected argument ${argv[i]}`);
  }
}
if (!baseArg) usage('missing <base-url>');
if (!Number.isInteger(expectedEvents) || expectedEvents < 1) usage('missing or bad --events <N>');
if (split) {
  if (!splitActor || !/^[a-z0-9-]+$/.test(splitActor)) usage('--split needs --actor <slug>');
  if (!Number.isInteger(splitActorCount) || splitActorCount < 1) usage('--split needs --actor-count <K>, K >= 1');
} else if (splitActor !== null || splitActorCount !== null) {
  usage('--actor and --actor-count go with --split');
}
const isDay = (day) => /^\d{4}-\d{2}-\d{2}$/.test(day || '');
if (asOf !== null) {
  if (split) usage('--as-of and --split do not go together');
  if (!isDay(asOf)) usage('--as-of needs a day, YYYY-MM-DD');
  if (overdueSince !== null && !isDay(overdueSince)) usage('--overdue-since needs a day, YYYY-MM-DD');
  if (absent.some((title) => !title)) usage('--absent needs an event title');
} else if (overdueSince !== null || absent.length) {
  usage('--overdue-since and --absent go with --as-of');
}

const BASE = new URL(baseArg);
const url = (path) => new URL(path, BASE).href;

const results = {
  base: BASE.href,
  mode: split ? 'split' : asOf ? 'as-of' : 'shipped',
  expectedEvents,
  ...(split ? { actor: splitActor, actorCount: splitActorCount } : {}),
  ...(asOf ? { asOf, overdueSince, absent } : {}),
  visits: [],
  checks: {},
  failures: [],
};
let currentSection = 'setup';

function fail(message) {
  const line = `[${currentSection}] ${message}`;
  results.failures.push(line);
  process.stderr.write(`FAIL ${line}\n`);
}

function check(condition, message) {
  if (!condition) fail(message);
  return Boolean(condition);
}

/** Runs one section; an exception in it is a failure of that section only. */
async function section(name, body) {
  currentSection = name;
  const started = Date.now();
  const before = results.failures.length;
  try {
    await body();
  } catch (error) {
    fail(`stopped by an error: ${error && error.stack ? error.stack : error}`);
  }
  results.checks[name] = {
    ok: results.failures.length === before,
    ms: Date.now() - started,
  };
}

/**
 * Waits (with Playwright's polling, no sleeping) until `predicate(arg)` is
 * true in the page. Returns false instead of throwing on timeout, so the
 * caller can report what the page looks like instead.
 */
async function until(page, predicate, arg) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: REACT_TIMEOUT, polling: 'raf' });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Browser, contexts and pages that record every problem they see

const browser = await chromium
  .launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  .catch((error) => {
    process.stderr.write(`check.mjs: cannot launch ${CHROMIUM}: ${error.message}\n`);
    process.exit(2);
  });

/**
 * Opens a page in a fresh context (empty cache, so transfer sizes are
 * real) that records console errors, page errors, failed requests, error
 * responses and any request that leaves the test server. Requests to
 * another host are aborted, so a page can never reach the network.
 * `colorScheme: 'dark'` makes `prefers-color-scheme: dark` match.
 */
async function openPage({ viewport = DESKTOP, javaScriptEnabled = true, colorScheme } = {}) {
  const context = await browser.newContext({ viewport, javaScriptEnabled, ...(colorScheme ? { colorScheme } : {}) });
  const page = await context.newPage();
  const problems = [];
  problems.add = (line) => {
    if (!problems.includes(line)) problems.push(line);
  };
  const responses = [];
  const external = new Set();
  await context.route('**/*', (route) => {
    const target = new URL(route.request().url());
    if ((target.protocol === 'http:' || target.protocol === 'https:') && target.host !== BASE.host) {
      external.add(target.href);
      problems.add(`request to another host: ${target.href}`);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const where = message.location();
      problems.add(`console error: ${message.text()}${where && where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => problems.add(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (external.has(request.url())) return; // already reported, aborted by us
    problems.add(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    responses.push(response);
    if (response.status() >= 400) {
      problems.add(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  return { context, page, problems, responses };
}

/** Loads `path` and waits until the page and everything it loads are in. */
async function load(page, path) {
  const response = await page.goto(url(path), { waitUntil: 'load' });
  if (!response) throw new Error(`no response for ${path}`);
  if (response.status() !== 200) fail(`${path} answered ${response.status()}`);
  return response;
}

async function runAxe(page) {
  try {
    await page.addScriptTag({ path: AXE_PATH });
  } catch {
    // A Content-Security-Policy can refuse the inline script tag; the
    // DevTools protocol's evaluate is not subject to it.
    await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  }
  return page.evaluate(
    (tags) =>
      window.axe
        .run(document, { runOnly: { type: 'tag', values: tags } })
        .then((r) =>
          r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            count: v.nodes.length,
            targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
            summary: v.nodes[0] ? v.nodes[0].failureSummary : '',
            // For contrast, every element with its colours and ratio.
            contrast:
              v.id === 'color-contrast' || v.id === 'color-contrast-enhanced'
                ? v.nodes.slice(0, 20).map((n) => {
                    const d = (n.any.concat(n.all, n.none).find((c) => c.data && c.data.fgColor) || {}).data || {};
                    return {
                      target: n.target.join(' '),
                      text: (document.querySelector(n.target.join(' '))?.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40),
                      fg: d.fgColor,
                      bg: d.bgColor,
                      ratio: d.contrastRatio,
                      expected: d.expectedContrastRatio,
                      fontSize: d.fontSize,
                      fontWeight: d.fontWeight,
                    };
                  })
                : null,
          })),
        ),
    AXE_TAGS,
  );
}

/** Fails once for every axe violation, contrast ones element by element. */
function reportAxe(violations, where) {
  for (const v of violations) {
    fail(`axe ${v.id} (${v.impact}) on ${where}: ${v.help} — ${v.count} element(s): ${v.targets.join(' | ')}${v.summary ? ` — ${v.summary.replace(/\s+/g, ' ')}` : ''} (${v.helpUrl})`);
    for (const c of v.contrast || []) {
      fail(`  contrast on ${where}: ${c.target} "${c.text}": ${c.fg} on ${c.bg} is ${c.ratio}:1, needs ${c.expected} (font ${c.fontSize}, weight ${c.fontWeight})`);
    }
  }
}

/** Waits until the visible event titles, in order, are `titles`. */
function untilTitles(page, titles) {
  return until(
    page,
    (expected) => {
      const shown = [...document.querySelectorAll('article.event')]
        .filter((a) => a.checkVisibility())
        .map((a) => (a.querySelector('h2 a, h3 a, h4 a')?.textContent || '').trim());
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    titles,
  );
}

/** The visible event articles in document order, with their titles. */
function visibleArticles() {
  return [...document.querySelectorAll('article.event')]
    .filter((a) => a.checkVisibility())
    .map((a) => ({
      title: (a.querySelector('h2 a, h3 a, h4 a')?.textContent || '').trim(),
      actors: (a.getAttribute('data-actors') || '').split(/\s+/).filter(Boolean),
    }));
}

const phoneName = (v) => (v === PHONE ? 'phone' : 'desktop');

// ---------------------------------------------------------------------------
// One page at one width and colour scheme: console, network, accessibility,
// layout

const schemeName = (colorScheme) => (colorScheme === 'dark' ? ' dark' : '');

/** Relative luminance of a CSS rgb()/rgba() colour, or null. */
function luminance(color) {
  const m = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(color || '');
  if (!m) return null;
  const [r, g, b] = m.slice(1, 4).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Loads `path` in a fresh context and checks it: no sideways scrolling, no
 * axe-core violation, no problem seen by openPage's listeners; event pages
 * load no script; in the dark scheme the page really is dark. `ready`, if
 * given, waits for the page to settle before the checks (e.g. for the
 * filter results a URL asks for). `onLoaded(page, responses, visit)` runs
 * extra checks after axe.
 */
async function visitPage(name, path, viewport, { colorScheme, ready, onLoaded } = {}) {
  const { context, page, problems, responses } = await openPage({ viewport, colorScheme });
  try {
    await load(page, path);
    if (ready) await ready(page);
    const visit = { page: name, path, viewport: `${viewport.width}x${viewport.height}` };
    if (colorScheme) visit.colorScheme = colorScheme;

    // The colour scheme asked for is the one the page shows.
    if (colorScheme === 'dark') {
      const shown = await page.evaluate(() => ({
        dark: matchMedia('(prefers-color-scheme: dark)').matches,
        background: getComputedStyle(document.body).backgroundColor,
        color: getComputedStyle(document.body).color,
      }));
      visit.colors = { background: shown.background, color: shown.color };
      check(shown.dark, `${path}: (prefers-color-scheme: dark) does not match in a dark-scheme context`);
      const bg = luminance(shown.background);
      check(
        bg !== null && bg < 0.2 && luminance(shown.color) > bg,
        `${path} does not switch to dark colours in the dark scheme: body is ${shown.color} on ${shown.background}`,
      );
    }

    // Layout: nothing wider than the screen.
    const widths = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    visit.scrollWidth = widths.scrollWidth;
    if (widths.scrollWidth > widths.innerWidth) {
      const wide = await page.evaluate(() => {
        const w = window.innerWidth;
        return [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > w + 0.5)
          .slice(0, 5)
          .map((el) => {
            const r = el.getBoundingClientRect();
            const cls = el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
            return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} (right edge ${Math.round(r.right)}px)`;
          });
      });
      fail(`${path} scrolls sideways at ${viewport.width}px: scrollWidth ${widths.scrollWidth} > innerWidth ${widths.innerWidth}; too wide: ${wide.join(', ') || '?'}`);
    }

    // Event pages load no script (JSON-LD data blocks are not scripts).
    if (path.startsWith('/events/')) {
      const scripts = await page.evaluate(() =>
        [...document.querySelectorAll('script')]
          .filter((s) => s.src || (s.type || '').toLowerCase() !== 'application/ld+json')
          .map((s) => (s.src ? `src=${s.src}` : `inline ${s.type || 'script'}: ${s.textContent.trim().slice(0, 60)}`)),
      );
      visit.scripts = scripts;
      check(scripts.length === 0, `${path} has script(s), event pages must load none: ${scripts.join(', ')}`);
      const loaded = responses.filter((r) => r.request().resourceType() === 'script').map((r) => r.url());
      check(loaded.length === 0, `${path} loaded script(s): ${loaded.join(', ')}`);
    }

    // Accessibility (after the script check: axe is injected as a script).
    const violations = await runAxe(page);
    visit.axeViolations = violations.map((v) => v.id);
    reportAxe(violations, `${path}${schemeName(colorScheme)}`);

    if (onLoaded) await onLoaded(page, responses, visit);

    // Problems seen by the listeners, including while axe ran.
    visit.problems = [...problems];
    for (const p of problems) fail(`${path}: ${p}`);
    results.visits.push(visit);
  } finally {
    await context.close();
  }
}

/** Prints the results, closes the browser and exits: 1 if anything failed. */
async function finish() {
  await browser.close();
  results.ok = results.failures.length === 0;
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  if (!results.ok) {
    process.stderr.write(`\n${results.failures.length} failure(s):\n${results.failures.map((f) => `  - ${f}`).join('\n')}\n`);
    process.exit(1);
  }
  process.exit(0);
}

// ===========================================================================
// WHAT IS KNOWN — the status trail of an event page and the timeline's open
// expectations, found by what they say (the theme's classes only where the
// text cannot tell: the trail's `ol.history` and its `.status` badges).
// ===========================================================================

/**
 * The innermost elements whose text contains `phrase` (not scripts), with
 * what they say, whether they show, the `datetime`s of their <time>s and
 * where they are.
 */
function phraseState(phrase) {
  const squash = (t) => (t || '').replace(/\s+/g, ' ').trim();
  const shows = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const has = (el) => squash(el.textContent).includes(phrase);
  return [...document.querySelectorAll('body *')]
    .filter((el) => !['SCRIPT', 'STYLE', 'TEMPLATE'].includes(el.tagName) && has(el) && ![...el.children].some(has))
    .map((el) => {
      const box = el.getBoundingClientRect();
      return {
        tag: el.tagName.toLowerCase(),
        text: squash(el.textContent),
        visible: shows(el),
        times: [...el.querySelectorAll('time')].map((t) => t.getAttribute('datetime')),
        inMain: Boolean(el.closest('main')),
        top: box.top + window.scrollY,
        bottom: box.bottom + window.scrollY,
      };
    });
}

/** The page's status trail (`ol.history`) and the links of its Sources section. */
function trailState() {
  const squash = (t) => (t || '').replace(/\s+/g, ' ').trim();
  const shows = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const lists = [...document.querySelectorAll('ol.history')];
  const list = lists[0];
  const heading = [...document.querySelectorAll('h2')].find((h) => squash(h.textContent) === 'Sources');
  const sources = heading ? heading.closest('section') || heading.parentElement : null;
  return {
    lists: lists.length,
    visible: Boolean(list && shows(list)),
    label: list ? list.getAttribute('aria-label') || list.getAttribute('aria-labelledby') : null,
    items: list
      ? [...list.children].map((li) => ({
          text: squash(li.textContent),
          visible: shows(li),
          status: squash(li.querySelector('.status')?.textContent),
          statusVisible: Boolean(li.querySelector('.status') && shows(li.querySelector('.status'))),
          links: [...li.querySelectorAll('a[href]')].map((a) => ({ href: a.href, text: squash(a.textContent), visible: shows(a) })),
        }))
      : [],
    sources: sources ? [...sources.querySelectorAll('a[href]')].map((a) => a.href) : [],
  };
}

/**
 * Checks the trail of TRAIL's page: one visible list naming the statuses
 * of TRAIL.statuses in order, each change with a visible link to the
 * event's first source (the content's `source: 1`).
 */
async function checkTrail(page, where) {
  const trail = await page.evaluate(trailState);
  const statuses = trail.items.map((i) => i.status);
  const describeTrail = () => `${trail.items.length} item(s): ${trail.items.map((i) => `"${i.text}"`).join(' | ')}`;
  if (!check(trail.lists === 1, `${where} has ${trail.lists} status trails (ol.history), expected 1`)) return trail;
  check(trail.visible, `${where}: the status trail is not visible`);
  check(trail.label, `${where}: the status trail (ol.history) has no accessible name (aria-label)`);
  check(
    JSON.stringify(statuses) === JSON.stringify(TRAIL.statuses),
    `${where}: the status trail names ${JSON.stringify(statuses)}, expected ${JSON.stringify(TRAIL.statuses)}: ${describeTrail()}`,
  );
  const source = trail.sources[0];
  check(source, `${where} has no Sources section with a link`);
  for (const item of trail.items) {
    check(item.visible && item.statusVisible, `${where}: the trail's "${item.status}" is not visible: "${item.text}"`);
    const cited = item.links.filter((a) => a.visible && a.text && a.href === source);
    check(
      cited.length === 1,
      `${where}: the trail's "${item.status}" has ${cited.length} visible link(s) to its source ${source}, expected 1: ${JSON.stringify(item.links)}`,
    );
  }
  return trail;
}

/**
 * The "Open expectations" section (found by its heading): whether it
 * shows, and its items with their text, links and <time> datetimes.
 */
function openExpectationsState() {
  const squash = (t) => (t || '').replace(/\s+/g, ' ').trim();
  const shows = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const heading = [...document.querySelectorAll('h1, h2, h3, h4')].find((h) => squash(h.textContent) === 'Open expectations');
  const box = heading ? heading.closest('section') || heading.parentElement : null;
  return {
    found: Boolean(box),
    visible: Boolean(heading && shows(heading) && shows(box)),
    items: box
      ? [...box.querySelectorAll('li')].map((li) => ({
          text: squash(li.textContent),
          visible: shows(li),
          links: [...li.querySelectorAll('a[href]')].map((a) => ({ path: new URL(a.href).pathname, text: squash(a.textContent), visible: shows(a) })),
          times: [...li.querySelectorAll('time')].map((t) => t.getAttribute('datetime')),
        }))
      : [],
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A day as the theme writes it for readers: 2025-03-08 is "8 March 2025". */
function longDate(day) {
  const [year, month, date] = day.split('-').map(Number);
  return `${date} ${MONTHS[month - 1]} ${year}`;
}

/**
 * Checks that the open expectations on the timeline show and list the
 * envoys' meeting, linked to its page, "expected by" ENVOYS.expectedBy;
 * returns its item (or undefined).
 */
async function checkOpenExpectations(page, where) {
  const open = await page.evaluate(openExpectationsState);
  if (!check(open.found, `${where} has no "Open expectations" section`)) return undefined;
  check(open.visible, `${where}: "Open expectations" is not visible`);
  const item = open.items.find((i) => i.links.some((a) => a.text === ENVOYS.title));
  const expected = `expected by ${longDate(ENVOYS.expectedBy)}`;
  if (!check(item, `${where}: "Open expectations" does not name "${ENVOYS.title}": ${open.items.map((i) => `"${i.text}"`).join(' | ')}`)) return undefined;
  check(item.visible, `${where}: the open expectation "${item.text}" is not visible`);
  check(
    item.links.some((a) => a.text === ENVOYS.title && a.visible && a.path === new URL(url(ENVOYS.path)).pathname),
    `${where}: the open expectation does not link "${ENVOYS.title}" to ${ENVOYS.path}: ${JSON.stringify(item.links)}`,
  );
  check(item.text.includes(expected), `${where}: the open expectation reads "${item.text}", without "${expected}"`);
  check(item.times.includes(ENVOYS.expectedBy), `${where}: the open expectation has no <time datetime="${ENVOYS.expectedBy}">: ${JSON.stringify(item.times)}`);
  return item;
}

// ===========================================================================
// TIMELINEJS — /timeline.json in a real TimelineJS 3 embed.
//
// An embed page that this script makes up is served at
// <base>__timelinejs/index.html, on the test server's own origin (a
// Playwright route answers it; the annals server never sees the path), with
// TimelineJS's dist files (npm package @knight-lab/timelinejs) served from
// node_modules by the same route. It creates
// `new TL.Timeline('timeline-embed', '<root>timeline.json', options)`, so
// the JSON comes from the annals server as an embed would fetch it.
// `script_path` points TimelineJS's own loads (its font CSS, locale files)
// at those local files instead of its CDN, so nothing leaves the test
// server. The contract, for the N events of /events.json:
//  - TimelineJS fires `loaded`, with no console error, page error, failed
//    request or request to another host, and no configuration error;
//  - it shows N + 1 `.tl-slide`s (the title slide `.tl-slide-titleslide`
//    first, with the site's title) and N `.tl-timemarker`s on its time axis;
//  - the event slides carry the events' titles in /events.json's (time)
//    order, each slide's `.tl-headline-date` is the event's `display_date`
//    and its text links to the event's page on the test server;
//  - clicking `.tl-slidenav-next` on the title slide moves to the first
//    event and brings its slide into view.
// ===========================================================================

const TIMELINEJS_PREFIX = '__timelinejs/';

// How long TimelineJS may take to fetch timeline.json and build its slides
// and time axis; it takes well under a second. A bound, not a sleep.
const TIMELINEJS_TIMEOUT = 15_000;

/** The embed page: TimelineJS's CSS and JS, and one timeline. */
function timelineJsPage(dataUrl, options) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>TimelineJS embed of timeline.json</title>
<link rel="stylesheet" href="css/timeline.css">
<style>html, body { margin: 0; height: 100%; } #timeline-embed { width: 100%; height: 600px; }</style>
</head>
<body>
<div id="timeline-embed"></div>
<script src="js/timeline.js"></script>
<script>
window.__tl = { loaded: false, ready: false, changes: [], timeline: null };
const timeline = new TL.Timeline('timeline-embed', ${JSON.stringify(dataUrl)}, ${JSON.stringify(options)});
window.__tl.timeline = timeline;
timeline.on('ready', () => { window.__tl.ready = true; });
timeline.on('loaded', () => { window.__tl.loaded = true; });
timeline.on('change', (e) => { window.__tl.changes.push(e.unique_id); });
</script>
</body>
</html>
`;
}

/** What TimelineJS shows, for the checks and for failure messages. */
function timelineJsState() {
  const text = (el) => (el ? el.textContent.trim().replace(/\s+/g, ' ') : null);
  const root = document.querySelector('#timeline-embed');
  const tl = window.__tl && window.__tl.timeline;
  const config = tl && tl.config;
  const message = root && root.querySelector('.tl-message-content');
  return {
    loaded: Boolean(window.__tl && window.__tl.loaded),
    ready: Boolean(window.__tl && window.__tl.ready),
    current: tl ? tl.current_id || null : null,
    changes: window.__tl ? [...window.__tl.changes] : [],
    configErrors: config && config.getErrors ? config.getErrors().map(String) : null,
    configEvents: config && config.events ? config.events.length : null,
    message: message && message.checkVisibility() ? text(message) : null,
    slides: root
      ? [...root.querySelectorAll('.tl-slide')].map((s) => ({
          id: s.id,
          title: s.classList.contains('tl-slide-titleslide'),
          headline: text(s.querySelector('.tl-headline')),
          date: text(s.querySelector('.tl-headline-date')),
          links: [...s.querySelectorAll('.tl-text-content a')].map((a) => a.href),
        }))
      : [],
    markers: root ? [...root.querySelectorAll('.tl-timemarker')].map((m) => text(m.querySelector('.tl-headline'))) : [],
    // The dates as TimelineJS read them: [year, month, day, hour, minute,
    // second] of the JavaScript Date it made of each (in local time).
    dates:
      config && config.events
        ? config.events.map((e) => {
            const parts = (d) => {
              const o = d && d.data && d.data.date_obj;
              return o instanceof Date
                ? [o.getFullYear(), o.getMonth() + 1, o.getDate(), o.getHours(), o.getMinutes(), o.getSeconds()]
                : null;
            };
            return { id: e.unique_id, start: parts(e.start_date), end: e.end_date ? parts(e.end_date) : null };
          })
        : [],
  };
}

/** A timeline.json date as [year, month, day, hour, minute, second], the parts it lacks at their first value. */
function timelineJsDateParts(date) {
  if (!date) return null;
  return [date.year, date.month ?? 1, date.day ?? 1, date.hour ?? 0, date.minute ?? 0, date.second ?? 0].map(Number);
}

function describeTimelineJs(state) {
  return `loaded ${state.loaded}, ready ${state.ready}; message ${JSON.stringify(state.message)}; config errors ${JSON.stringify(state.configErrors)}; ${state.slides.length} .tl-slide: ${state.slides.map((s) => `${s.title ? '[title] ' : ''}#${s.id} "${s.headline}" (${s.date})`).join(' | ')}; ${state.markers.length} .tl-timemarker: ${state.markers.map((m) => `"${m}"`).join(', ')}`;
}

/** Waits for `predicate(arg)` in the page up to `timeout` ms; false on timeout. */
async function waitFor(page, predicate, arg, timeout) {
  try {
    await page.waitForFunction(predicate, arg, { timeout, polling: 'raf' });
    return true;
  } catch {
    return false;
  }
}

async function timelineJsChecks() {
  const packageJson = require.resolve('@knight-lab/timelinejs/package.json');
  const dist = join(dirname(packageJson), 'dist');
  const version = JSON.parse(readFileSync(packageJson, 'utf8')).version;
  for (const file of ['js/timeline.js', 'css/timeline.css']) {
    if (!existsSync(join(dist, file))) throw new Error(`@knight-lab/timelinejs ${version} has no dist/${file}`);
  }

  // What the timeline holds, from the annals server itself (in Node, so the
  // page's requests stay uncounted).
  const events = await (await fetch(url('/events.json'))).json();
  const timelineResponse = await fetch(url('/timeline.json'));
  check(timelineResponse.status === 200, `/timeline.json answered ${timelineResponse.status}`);
  const json = await timelineResponse.json();
  const titles = (events.events || []).map((e) => e.title);
  check(titles.length === expectedEvents, `/events.json lists ${titles.length} events, expected ${expectedEvents}`);
  check((json.events || []).length === expectedEvents, `/timeline.json has ${(json.events || []).length} events, expected ${expectedEvents}`);
  const bySlug = new Map((json.events || []).map((e) => [e.unique_id, e]));

  const prefix = url(`/${TIMELINEJS_PREFIX}`);
  const embedUrl = `${prefix}index.html`;
  const options = {
    // TimelineJS loads its font CSS (<script_path>../css/fonts/) and
    // locale files (<script_path>locale/) from here; the default is its CDN.
    script_path: `${prefix}js/`,
    // Built in, so no locale file is fetched.
    language: 'en',
    // One of TimelineJS's own font sets, and the only one in its dist that
    // uses system fonts: the default and the others @font-face fonts from
    // Google Fonts (or Type Network), which would leave the test server.
    font: 'georgia-helvetica',
    hash_bookmark: false,
  };
  const dataUrl = new URL('timeline.json', BASE).pathname;

  const { context, page, problems } = await openPage();
  const requests = [];
  page.on('request', (request) => {
    const target = new URL(request.url());
    requests.push(target.host === BASE.host ? target.pathname : target.href);
  });
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  // Routes added after openPage's run first: these answer the embed page
  // and TimelineJS's files; everything else still goes through openPage's.
  await context.route(`${prefix}**`, (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice(new URL(prefix).pathname.length));
    if (path === 'index.html') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: timelineJsPage(dataUrl, options) });
    }
    const file = normalize(join(dist, path));
    if (!file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return route.fulfill({ status: 404, contentType: 'text/plain', body: `not in @knight-lab/timelinejs/dist: ${path}` });
    }
    return route.fulfill({ path: file });
  });

  try {
    const started = Date.now();
    const response = await page.goto(embedUrl, { waitUntil: 'load' });
    check(response && response.status() === 200, `${embedUrl} answered ${response && response.status()}`);
    const loaded = await waitFor(
      page,
      () => {
        const tl = window.__tl && window.__tl.timeline;
        return (window.__tl && window.__tl.loaded) || Boolean(tl && tl.config && !tl.config.isValid());
      },
      undefined,
      TIMELINEJS_TIMEOUT,
    );
    const state = await page.evaluate(timelineJsState);
    results.checks.timelinejs_detail = {
      version,
      embed: embedUrl,
      options,
      loadMs: Date.now() - started,
      slides: state.slides.length,
      markers: state.markers.length,
    };
    const logged = () => (consoleLines.length ? `; console: ${consoleLines.slice(0, 20).join(' | ')}` : '');
    if (!state.loaded) {
      fail(
        `TimelineJS ${version} did not load /timeline.json${loaded ? '' : ` within ${TIMELINEJS_TIMEOUT} ms`}: ${describeTimelineJs(state)}${logged()}`,
      );
      return;
    }
    check(
      !state.configErrors || state.configErrors.length === 0,
      `TimelineJS found errors in /timeline.json: ${JSON.stringify(state.configErrors)}`,
    );
    check(
      state.configEvents === expectedEvents,
      `TimelineJS took ${state.configEvents} of the ${expectedEvents} events of /timeline.json (it skips events it cannot date)${logged()}`,
    );

    // One slide per event, after the title slide.
    check(
      state.slides.length === expectedEvents + 1,
      `TimelineJS shows ${state.slides.length} .tl-slide, expected ${expectedEvents + 1} (the title slide and one per event): ${describeTimelineJs(state)}`,
    );
    const titleSlides = state.slides.filter((s) => s.title);
    check(
      titleSlides.length === 1 && state.slides[0] && state.slides[0].title,
      `TimelineJS shows ${titleSlides.length} title slide(s) (.tl-slide-titleslide), expected one, first: ${describeTimelineJs(state)}`,
    );
    if (state.slides[0] && state.slides[0].title) {
      check(
        state.slides[0].headline === events.title,
        `the title slide's headline is "${state.slides[0].headline}", expected the site's title "${events.title}"`,
      );
    }
    check(
      state.markers.length === expectedEvents,
      `TimelineJS's time axis shows ${state.markers.length} .tl-timemarker, expected ${expectedEvents}: ${state.markers.map((m) => `"${m}"`).join(', ')}`,
    );

    // Every event's title on a slide, in time order.
    const eventSlides = state.slides.filter((s) => !s.title);
    const headlines = eventSlides.map((s) => s.headline);
    const missing = titles.filter((t) => !headlines.includes(t));
    check(missing.length === 0, `events of /events.json with no TimelineJS slide: ${missing.map((t) => `"${t}"`).join(', ')}; slide headlines: ${headlines.map((h) => `"${h}"`).join(', ')}`);
    const strangers = headlines.filter((h) => !titles.includes(h));
    check(strangers.length === 0, `TimelineJS slides that are no event of /events.json: ${strangers.map((h) => `"${h}"`).join(', ')}`);
    if (missing.length === 0 && strangers.length === 0) {
      check(
        JSON.stringify(headlines) === JSON.stringify(titles),
        `TimelineJS orders the slides ${headlines.join(' | ')}; /events.json (time order) has ${titles.join(' | ')}`,
      );
    }
    const markerMissing = titles.filter((t) => !state.markers.includes(t));
    check(markerMissing.length === 0, `events with no .tl-timemarker on TimelineJS's time axis: ${markerMissing.map((t) => `"${t}"`).join(', ')}`);

    // TimelineJS reads each date as Annals wrote it (a date it cannot
    // parse stops it above; this catches one it misreads).
    for (const read of state.dates) {
      const event = bySlug.get(read.id);
      if (!event) continue;
      const start = timelineJsDateParts(event.start_date);
      check(
        JSON.stringify(read.start) === JSON.stringify(start),
        `TimelineJS reads the start_date ${JSON.stringify(event.start_date)} of "${read.id}" as ${JSON.stringify(read.start)}, expected ${JSON.stringify(start)} ([year, month, day, hour, minute, second])`,
      );
      const end = timelineJsDateParts(event.end_date);
      // TimelineJS drops an end_date equal to the start_date.
      if (end && (read.end || JSON.stringify(end) !== JSON.stringify(start))) {
        check(
          JSON.stringify(read.end) === JSON.stringify(end),
          `TimelineJS reads the end_date ${JSON.stringify(event.end_date)} of "${read.id}" as ${JSON.stringify(read.end)}, expected ${JSON.stringify(end)} ([year, month, day, hour, minute, second])`,
        );
      }
    }

    // Each slide shows the event's own date text and links to its page.
    for (const slide of eventSlides) {
      const event = bySlug.get(slide.id);
      if (!check(event, `TimelineJS slide #${slide.id} "${slide.headline}" has no event with that unique_id in /timeline.json`)) continue;
      check(
        slide.date === event.display_date,
        `slide "${slide.headline}" shows the date "${slide.date}", not its display_date "${event.display_date}" (start_date ${JSON.stringify(event.start_date)})`,
      );
      const eventPage = url(`/events/${slide.id}/`);
      check(slide.links.includes(eventPage), `slide "${slide.headline}" does not link to ${eventPage}: its links ${JSON.stringify(slide.links)}`);
    }

    // Next: from the title slide to the first event, brought into view.
    const first = eventSlides[0];
    check(
      state.slides[0] && state.current === state.slides[0].id,
      `TimelineJS starts on slide "${state.current}", not the title slide "${state.slides[0] && state.slides[0].id}"`,
    );
    const next = page.locator('#timeline-embed .tl-storyslider .tl-slidenav-next');
    if (first && check((await next.count()) === 1, `TimelineJS shows ${await next.count()} .tl-slidenav-next, expected 1`)) {
      const navStarted = Date.now();
      await next.click();
      const moved = await waitFor(
        page,
        (id) => {
          const slide = document.getElementById(id);
          if (!slide || window.__tl.timeline.current_id !== id) return false;
          const box = slide.getBoundingClientRect();
          const frame = document.querySelector('#timeline-embed').getBoundingClientRect();
          return Math.abs(box.left - frame.left) < 2 && slide.querySelector('.tl-headline').checkVisibility();
        },
        first.id,
        REACT_TIMEOUT,
      );
      const after = await page.evaluate(timelineJsState);
      results.checks.timelinejs_detail.navMs = Date.now() - navStarted;
      results.checks.timelinejs_detail.changes = after.changes;
      if (!moved) {
        fail(`clicking .tl-slidenav-next on the title slide did not bring the first event's slide #${first.id} "${first.headline}" into view within ${REACT_TIMEOUT} ms: current slide "${after.current}", change events ${JSON.stringify(after.changes)}`);
      }
      check(after.changes.includes(first.id), `clicking .tl-slidenav-next fired no change event to #${first.id}: ${JSON.stringify(after.changes)}`);
    }

    if (process.env.ANNALS_SCREENSHOTS) {
      mkdirSync(process.env.ANNALS_SCREENSHOTS, { recursive: true });
      const path = join(process.env.ANNALS_SCREENSHOTS, split ? 'timelinejs-split.png' : 'timelinejs.png');
      await page.screenshot({ path });
      results.checks.timelinejs_detail.screenshot = path;
    }
  } finally {
    // What the embed loaded, and every problem seen, also when it failed.
    if (results.checks.timelinejs_detail) results.checks.timelinejs_detail.requests = [...new Set(requests)];
    for (const p of problems) fail(`${embedUrl}: ${p}`);
    await context.close();
  }
}

// ===========================================================================
// SPLIT TIMELINE (--split) — a site past `timeline.split_threshold`.
//
// The contract, for the fixture tests/browser.rs writes:
//  - `/` is a grid `ul.periods` of year links and lists no event;
//  - `/2025/` lists the months of a dense year, `/2025/01/` the events of
//    one month;
//  - `form#filters[data-index]` names `<root>search.json`; the first active
//    filter fetches it (once), hides `.timeline` and renders the matches
//    from the whole timeline into `#results` as `ol.events > li >
//    article.event[data-actors]` cards with an `h3 a` link to
//    `<root>events/<slug>/`; `#filter-count` reads "K of N events";
//  - clearing the filters hides `#results` and shows the page's own
//    timeline again; `#order` reverses the results.
// ===========================================================================

/** The split-timeline state of the page, for checks and failure messages. */
function splitState() {
  const title = (a) => (a.querySelector('h2 a, h3 a, h4 a')?.textContent || '').trim();
  const actors = (a) => (a.getAttribute('data-actors') || '').split(/\s+/).filter(Boolean);
  const resultsEl = document.querySelector('#results');
  const timeline = document.querySelector('.timeline');
  const count = document.querySelector('#filter-count');
  const actor = document.querySelector('#filters select[name=actor]');
  const order = document.querySelector('#order');
  return {
    url: location.href,
    resultsShown: Boolean(resultsEl && resultsEl.checkVisibility()),
    timelineShown: Boolean(timeline && timeline.checkVisibility()),
    cards: resultsEl
      ? [...resultsEl.querySelectorAll('ol.events > li > article.event')].map((a) => ({
          title: title(a),
          actors: actors(a),
          hasActorsAttribute: a.hasAttribute('data-actors'),
          visible: a.checkVisibility(),
          href: a.querySelector('h3 a')?.href || null,
        }))
      : [],
    // every article in #results, also ones not in the ol > li structure
    resultArticles: resultsEl ? resultsEl.querySelectorAll('article').length : 0,
    own: timeline
      ? [...timeline.querySelectorAll('article.event')]
          .filter((a) => a.checkVisibility())
          .map((a) => ({ title: title(a), actors: actors(a) }))
      : [],
    count: count ? count.textContent.trim() : null,
    actor: actor ? actor.value : null,
    pressed: order ? order.getAttribute('aria-pressed') : null,
  };
}

function describeSplit(state) {
  const list = (xs) => xs.map((v) => `"${v.title}" [${v.actors.join(' ')}]`).join(', ');
  return `URL ${state.url}; #results ${state.resultsShown ? 'shown' : 'hidden'} with ${state.cards.length} card(s): ${list(state.cards)}; .timeline ${state.timelineShown ? 'shown' : 'hidden'} with ${state.own.length} event(s): ${list(state.own)}; #filter-count "${state.count}"`;
}

/** True once #results shows exactly `titles` (in that order) and .timeline is hidden. */
function showsResults(titles) {
  const r = document.querySelector('#results');
  const t = document.querySelector('.timeline');
  if (!r || !r.checkVisibility() || (t && t.checkVisibility())) return false;
  const shown = [...r.querySelectorAll('ol.events > li > article.event')]
    .filter((a) => a.checkVisibility())
    .map((a) => (a.querySelector('h3 a')?.textContent || '').trim());
  return JSON.stringify(shown) === JSON.stringify(titles);
}

async function splitChecks() {
  const ACTOR = splitActor;
  const K = splitActorCount;
  const N = expectedEvents;

  // The events of ACTOR in the whole timeline, from search.json itself (in
  // Node, outside the browser, so the page's requests stay uncounted).
  let expectedTitles = null;
  await section('split search.json', async () => {
    const response = await fetch(url('/search.json'));
    check(response.status === 200, `/search.json answered ${response.status}`);
    const index = await response.json();
    const actorIndex = (index.actors || []).findIndex((a) => a[0] === ACTOR);
    check((index.events || []).length === N, `/search.json lists ${(index.events || []).length} events, expected ${N}`);
    if (!check(actorIndex >= 0, `/search.json has no actor ${ACTOR}: ${JSON.stringify(index.actors)}`)) return;
    expectedTitles = index.events.filter((e) => (e[5] || []).includes(actorIndex)).map((e) => e[1]);
    results.checks.splitIndex = { events: index.events.length, actorEvents: expectedTitles };
    check(expectedTitles.length === K, `/search.json has ${expectedTitles.length} events of ${ACTOR}, expected ${K}: ${expectedTitles.join(' | ')}`);
  });

  // Each page at desktop and phone width, and in the dark scheme.
  for (const [name, path] of Object.entries(SPLIT_PAGES)) {
    for (const [viewport, colorScheme] of [[DESKTOP], [PHONE], [DESKTOP, 'dark']]) {
      await section(`split ${name} ${path} ${phoneName(viewport)} ${viewport.width}x${viewport.height}${schemeName(colorScheme)}`, () =>
        visitPage(`split ${name}`, path, viewport, { colorScheme }),
      );
    }
  }

  // The filter results too, which the script builds, in both schemes: the
  // actor's events, and every event (each card's date has "20" in it, so
  // q=20 matches them all: every status badge of the fixture).
  for (const [query, n] of [[`actor=${ACTOR}`, K], ['q=20', N]]) {
    for (const colorScheme of [undefined, 'dark']) {
      const path = `${SPLIT_PAGES.month}?${query}`;
      await section(`split results ${path} desktop${schemeName(colorScheme)}`, () =>
        visitPage('split results', path, DESKTOP, {
          colorScheme,
          ready: async (page) => {
            if (!(await until(page, (k) => document.querySelectorAll('#results article.event').length === k, n))) {
              fail(`${path} did not show ${n} result cards within ${REACT_TIMEOUT} ms: ${describeSplit(await page.evaluate(splitState))}`);
            }
          },
        }),
      );
    }
  }

  // The year grid: links to every year page, counts that add up, no events.
  await section('split year grid', async () => {
    const { context, page, problems } = await openPage();
    try {
      await load(page, SPLIT_PAGES.years);
      const grid = await page.evaluate(() => ({
        grids: document.querySelectorAll('ul.periods').length,
        links: [...document.querySelectorAll('ul.periods > li a')].map((a) => ({
          path: new URL(a.href).pathname,
          text: a.textContent.trim().replace(/\s+/g, ' '),
        })),
        articles: document.querySelectorAll('article.event').length,
      }));
      results.checks.splitYearGrid = grid;
      check(grid.grids === 1, `${SPLIT_PAGES.years} has ${grid.grids} ul.periods, expected 1`);
      check(grid.articles === 0, `${SPLIT_PAGES.years} of a split timeline shows ${grid.articles} article.event, expected none`);
      check(grid.links.length >= 2, `ul.periods has ${grid.links.length} year link(s): ${JSON.stringify(grid.links)}`);
      const badLinks = grid.links.filter((l) => !/^\/\d{4}\/$/.test(l.path));
      check(badLinks.length === 0, `ul.periods links that are not /YYYY/: ${JSON.stringify(badLinks)}`);
      check(grid.links.some((l) => l.path === SPLIT_PAGES.year), `ul.periods does not link to ${SPLIT_PAGES.year}: ${JSON.stringify(grid.links)}`);
      const sum = grid.links.reduce((n, l) => n + Number((/(\d+)\s+events?/.exec(l.text) || [0, NaN])[1]), 0);
      check(sum === N, `the year links' event counts add up to ${sum}, expected ${N}: ${grid.links.map((l) => `${l.path} "${l.text}"`).join(', ')}`);
      for (const link of grid.links) {
        const response = await context.request.get(url(link.path));
        check(response.status() === 200, `${link.path} (linked from ul.periods) answered ${response.status()}`);
      }
      for (const p of problems) fail(`${SPLIT_PAGES.years}: ${p}`);
    } finally {
      await context.close();
    }
  });

  // Filtering the whole timeline from a month page.
  await section('split filtering', async () => {
    const path = SPLIT_PAGES.month;
    const { context, page, problems } = await openPage();
    const indexRequests = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/search.json')) indexRequests.push(request.url());
    });
    // The form's input and change events, to explain a repeated fetch.
    await page.addInitScript(() => {
      window.__formEvents = [];
      for (const type of ['input', 'change']) {
        document.addEventListener(type, (e) => window.__formEvents.push(`${type}(${e.target.name || e.target.id})`), true);
      }
    });
    const formEvents = () => page.evaluate(() => (window.__formEvents || []).join(', '));
    try {
      await load(page, path);
      const form = page.locator('#filters');
      try {
        await form.waitFor({ state: 'visible', timeout: REACT_TIMEOUT });
      } catch {
        fail(`with JavaScript ${path} shows no #filters form (${(await form.count()) ? 'it is there but hidden' : 'there is none'})`);
        return;
      }
      const dataIndex = await form.getAttribute('data-index');
      check(
        dataIndex && new URL(dataIndex, page.url()).href === url('/search.json'),
        `#filters has data-index="${dataIndex}", which does not resolve to ${url('/search.json')}`,
      );

      const initial = await page.evaluate(splitState);
      results.checks.splitInitial = { own: initial.own.map((o) => o.title), count: initial.count };
      check(initial.own.length > 0, `${path} shows no events of its own: ${describeSplit(initial)}`);
      check(!initial.resultsShown, `before any filter #results is shown: ${describeSplit(initial)}`);
      check(initial.timelineShown, `before any filter .timeline is not shown: ${describeSplit(initial)}`);
      check(indexRequests.length === 0, `search.json was requested before any filter was used: ${indexRequests.join(', ')}`);
      const ownOfActor = initial.own.filter((o) => o.actors.includes(ACTOR));
      // The fixture must make this check mean something.
      check(K > ownOfActor.length, `bad fixture: ${ACTOR} has ${K} events in all, not more than the ${ownOfActor.length} on ${path}`);

      // --- Choose the actor: the matches from the whole timeline -------------
      const actorSelect = page.locator('#filters select[name=actor]');
      if (!check((await actorSelect.count()) === 1, `${path} has no #filters select[name=actor]`)) return;
      await actorSelect.selectOption(ACTOR);
      const settled = await until(
        page,
        ({ slug, k }) => {
          const r = document.querySelector('#results');
          const t = document.querySelector('.timeline');
          return (
            location.href.includes(`actor=${slug}`) &&
            r && r.checkVisibility() && !(t && t.checkVisibility()) &&
            r.querySelectorAll('article.event').length === k
          );
        },
        { slug: ACTOR, k: K },
      );
      const filtered = await page.evaluate(splitState);
      results.checks.splitFiltered = { cards: filtered.cards.map((c) => c.title), count: filtered.count, url: filtered.url, indexRequests: indexRequests.length };
      if (!settled) fail(`choosing actor ${ACTOR} on ${path} did not show ${K} result cards in #results (and hide .timeline) within ${REACT_TIMEOUT} ms: ${describeSplit(filtered)}`);
      check(filtered.cards.length === K, `with actor=${ACTOR}, #results has ${filtered.cards.length} cards, expected ${K}: ${describeSplit(filtered)}`);
      check(filtered.resultArticles === filtered.cards.length, `#results holds ${filtered.resultArticles} article(s), but only ${filtered.cards.length} as ol.events > li > article.event`);
      const hidden = filtered.cards.filter((c) => !c.visible);
      check(hidden.length === 0, `result cards that do not show: ${hidden.map((c) => c.title).join(' | ')}`);
      const noAttribute = filtered.cards.filter((c) => !c.hasActorsAttribute);
      check(noAttribute.length === 0, `result cards without data-actors: ${noAttribute.map((c) => c.title).join(' | ')}`);
      const strangers = filtered.cards.filter((c) => c.visible && !c.actors.includes(ACTOR));
      check(strangers.length === 0, `with actor=${ACTOR}, result cards without that actor: ${strangers.map((c) => `"${c.title}" [${c.actors.join(' ')}]`).join(', ')}`);
      const elsewhere = filtered.cards.filter((c) => !initial.own.some((o) => o.title === c.title));
      check(
        elsewhere.length === K - ownOfActor.length,
        `with actor=${ACTOR}, ${elsewhere.length} result card(s) are of events not on ${path}, expected ${K - ownOfActor.length} (the results must come from the whole timeline): ${describeSplit(filtered)}`,
      );
      if (expectedTitles) {
        check(
          JSON.stringify(filtered.cards.map((c) => c.title)) === JSON.stringify(expectedTitles),
          `with actor=${ACTOR}, the result cards are ${filtered.cards.map((c) => c.title).join(' | ')}; search.json in time order gives ${expectedTitles.join(' | ')}`,
        );
      }
      check(
        filtered.count !== null && filtered.count.includes(`${K} of ${N}`),
        `with actor=${ACTOR}, #filter-count reads "${filtered.count}", expected it to contain "${K} of ${N}"`,
      );
      check(filtered.url.includes(`actor=${ACTOR}`), `the URL does not record the actor filter: ${filtered.url}`);
      check(
        indexRequests.length === 1,
        `search.json was requested ${indexRequests.length} times after choosing an actor, expected once: ${indexRequests.join(', ')}; the form got these events: ${await formEvents()}`,
      );

      // Every card's title links to its event page, which exists.
      for (const c of filtered.cards) {
        const target = c.href ? new URL(c.href) : null;
        const ok = check(
          target && target.host === BASE.host && /^\/events\/[a-z0-9-]+\/$/.test(target.pathname),
          `result card "${c.title}" links to ${c.href}, not to ${url('/events/<slug>/')}`,
        );
        if (ok) {
          const response = await context.request.get(target.href);
          check(response.status() === 200, `result card "${c.title}" links to ${target.pathname}, which answered ${response.status()}`);
          const body = await response.text();
          check(body.includes(c.title.replace(/&/g, '&amp;')), `result card "${c.title}" links to ${target.pathname}, which is not that event's page`);
        }
      }

      // --- Reload: the same results, from one new fetch ----------------------
      const expected = filtered.cards.map((c) => c.title);
      indexRequests.length = 0;
      await page.reload({ waitUntil: 'load' });
      await form.waitFor({ state: 'visible', timeout: REACT_TIMEOUT }).catch(() => {});
      const restored = await until(page, showsResults, expected);
      const reloaded = await page.evaluate(splitState);
      if (!restored) fail(`after reloading ${filtered.url} the results differ: ${describeSplit(reloaded)}; expected ${expected.join(' | ')}`);
      check(reloaded.actor === ACTOR, `after reloading, select[name=actor] shows "${reloaded.actor}", not ${ACTOR}`);
      check(reloaded.count !== null && reloaded.count.includes(`${K} of ${N}`), `after reloading, #filter-count reads "${reloaded.count}", expected "${K} of ${N}"`);
      check(indexRequests.length === 1, `after reloading, search.json was requested ${indexRequests.length} times, expected once: ${indexRequests.join(', ')}`);

      // --- Clear: the page's own timeline again -------------------------------
      const emptyIndex = await actorSelect.evaluate((select) => [...select.options].findIndex((o) => o.value === ''));
      if (check(emptyIndex >= 0, 'select[name=actor] has no empty option to clear the filter')) {
        await actorSelect.selectOption({ index: emptyIndex });
        const back = await until(
          page,
          (titles) => {
            const r = document.querySelector('#results');
            const t = document.querySelector('.timeline');
            if (location.href.includes('actor=') || (r && r.checkVisibility()) || !t || !t.checkVisibility()) return false;
            const shown = [...t.querySelectorAll('article.event')]
              .filter((a) => a.checkVisibility())
              .map((a) => (a.querySelector('h2 a, h3 a, h4 a')?.textContent || '').trim());
            return JSON.stringify(shown) === JSON.stringify(titles);
          },
          initial.own.map((o) => o.title),
        );
        const cleared = await page.evaluate(splitState);
        results.checks.splitCleared = { own: cleared.own.map((o) => o.title), count: cleared.count, url: cleared.url };
        if (!back) fail(`clearing the actor filter did not hide #results, show .timeline with the page's own ${initial.own.length} events and drop actor= from the URL: ${describeSplit(cleared)}`);
        check(cleared.count === initial.count, `after clearing, #filter-count reads "${cleared.count}", not "${initial.count}" as before filtering`);
      }

      // --- Order: the results reversed, without another fetch ----------------
      await actorSelect.selectOption(ACTOR);
      if (!(await until(page, showsResults, expected))) {
        fail(`choosing ${ACTOR} again did not show the same results: ${describeSplit(await page.evaluate(splitState))}`);
      }
      const orderButton = page.locator('#order');
      if (check((await orderButton.count()) === 1, `${path} has no #order button`)) {
        await orderButton.click();
        const reversed = [...expected].reverse();
        const flipped = await until(page, showsResults, reversed);
        const after = await page.evaluate(splitState);
        results.checks.splitOrder = { before: expected, after: after.cards.map((c) => c.title), url: after.url, pressed: after.pressed };
        if (!flipped) fail(`clicking #order did not reverse the results within ${REACT_TIMEOUT} ms: before ${expected.join(' | ')}; after ${describeSplit(after)}`);
        check(after.pressed === 'true', `after clicking #order its aria-pressed is "${after.pressed}", expected "true"`);
        check(after.url.includes('order=newest') && after.url.includes(`actor=${ACTOR}`), `the URL does not record the order and the actor: ${after.url}`);
        check(after.count !== null && after.count.includes(`${K} of ${N}`), `after clicking #order, #filter-count reads "${after.count}", expected "${K} of ${N}"`);
      }
      check(
        indexRequests.length === 1,
        `search.json was requested ${indexRequests.length} times in one page load (choose, clear, choose again, reorder), expected once: ${indexRequests.join(', ')}; the form got these events: ${await formEvents()}`,
      );

      for (const p of problems) fail(`${path} (split filtering): ${p}`);
    } finally {
      await context.close();
    }
  });
}

// ===========================================================================
// CORRECTIONS (issue 18) — the split fixture has one corrected event.
//  - /corrections/ at desktop and phone width and in the dark scheme: axe,
//    no sideways scrolling, no console errors; read without JavaScript, it
//    lists every correction, each linked to `#correction-N` on its event's
//    page, where that anchor is;
//  - the status filter's "corrected" value shows, from search.json, exactly
//    the events whose index entry is marked corrected (its 10th field).
// ===========================================================================
const CORRECTIONS_PAGE = '/corrections/';

async function correctionsChecks() {
  for (const [viewport, colorScheme] of [[DESKTOP], [PHONE], [DESKTOP, 'dark']]) {
    await section(`corrections ${CORRECTIONS_PAGE} ${phoneName(viewport)} ${viewport.width}x${viewport.height}${schemeName(colorScheme)}`, () =>
      visitPage('corrections', CORRECTIONS_PAGE, viewport, { colorScheme }),
    );
  }

  let corrected = null;
  await section('corrections in search.json', async () => {
    const index = await (await fetch(url('/search.json'))).json();
    corrected = (index.events || []).filter((e) => e[9] === 1).map((e) => e[1]);
    results.checks.correctedEvents = corrected;
    check(corrected.length > 0, `no event of search.json is marked corrected: ${JSON.stringify(index.events)}`);
  });

  await section('corrections without JavaScript', async () => {
    const { context, page, problems } = await openPage({ javaScriptEnabled: false });
    try {
      await load(page, CORRECTIONS_PAGE);
      const items = await page.evaluate(() =>
        [...document.querySelectorAll('main li')].map((li) => ({
          href: li.querySelector('a')?.href || null,
          title: (li.querySelector('a')?.textContent || '').trim(),
          text: li.textContent.replace(/\s+/g, ' ').trim(),
          visible: li.checkVisibility(),
        })),
      );
      results.checks.correctionsPage = items;
      check(items.length > 0, `${CORRECTIONS_PAGE} lists no correction`);
      for (const item of items) {
        check(item.visible, `${CORRECTIONS_PAGE}: "${item.text}" does not show without JavaScript`);
        check(/Correction, \d{1,2} [A-Z][a-z]+ \d{4}: /.test(item.text), `${CORRECTIONS_PAGE}: "${item.text}" does not read "Correction, <day>: …"`);
        if (!check(item.href && /\/events\/[a-z0-9-]+\/#correction-\d+$/.test(item.href), `${CORRECTIONS_PAGE}: link ${item.href} is not to #correction-N on an event page`)) continue;
        if (corrected) check(corrected.includes(item.title), `${CORRECTIONS_PAGE} lists "${item.title}", which search.json does not mark corrected`);
        await load(page, new URL(item.href).pathname);
        const anchor = new URL(item.href).hash.slice(1);
        const target = await page.evaluate((id) => document.getElementById(id)?.textContent.trim() || null, anchor);
        check(target !== null && target.startsWith('Correction, '), `${item.href} has no #${anchor} reading "Correction, …" (found ${JSON.stringify(target)})`);
      }
      for (const p of problems) fail(`${CORRECTIONS_PAGE} (no JavaScript): ${p}`);
    } finally {
      await context.close();
    }
  });

  if (corrected && corrected.length) {
    const path = `${SPLIT_PAGES.month}?status=corrected`;
    await section(`corrections filter ${path}`, () =>
      visitPage('split results', path, DESKTOP, {
        ready: async (page) => {
          if (!(await until(page, showsResults, corrected))) {
            fail(`${path} did not show exactly the corrected events (${corrected.join(' | ')}) within ${REACT_TIMEOUT} ms: ${describeSplit(await page.evaluate(splitState))}`);
          }
        },
      }),
    );
  }
}
// ===========================================================================
// END CORRECTIONS
// ===========================================================================

if (split) {
  await section('timelinejs', timelineJsChecks);
  await splitChecks();
  await correctionsChecks();
  await finish();
}

// ---------------------------------------------------------------------------
// The shipped site as known on a day (--as-of): as_of.mjs

if (asOf) {
  await asOfChecks({
    section, visitPage, openPage, load, check, fail, url, results,
    DESKTOP, PHONE, phoneName, schemeName, PAGES, ENVOYS, TRAIL,
    checkTrail, checkOpenExpectations, phraseState, longDate,
    asOf, expectedEvents, overdueSince, absent,
  });
  await finish();
}

// ---------------------------------------------------------------------------
// The shipped site: each page at each width, and the timeline and the event
// pages in the dark colour scheme; the event page with a status trail shows
// it at every width and in both schemes, and the timeline its open
// expectations

const visits = [
  ['timeline', DESKTOP],
  ['timeline', PHONE],
  ['event', DESKTOP],
  ['event', PHONE],
  ['actor', DESKTOP],
  ['trail', DESKTOP],
  ['trail', PHONE],
  ['timeline', DESKTOP, 'dark'],
  ['event', DESKTOP, 'dark'],
  ['trail', DESKTOP, 'dark'],
];

// The timeline's responses at desktop width: { url, type, status, bytes }.
let timelineResponses = null;

for (const [name, viewport, colorScheme] of visits) {
  const path = PAGES[name];
  await section(`${name} ${phoneName(viewport)} ${viewport.width}x${viewport.height}${schemeName(colorScheme)}`, () =>
    visitPage(name, path, viewport, {
      colorScheme,
      onLoaded: async (page, responses) => {
        const where = `${path} (${phoneName(viewport)}${schemeName(colorScheme)})`;
        if (name === 'trail') await checkTrail(page, where);
        if (name === 'timeline') await checkOpenExpectations(page, where);
        if (name === 'timeline' && viewport === DESKTOP && !colorScheme) {
          timelineResponses = [];
          for (const response of responses) {
            const sizes = await response.request().sizes();
            timelineResponses.push({
              url: response.url(),
              type: response.request().resourceType(),
              status: response.status(),
              bytes: sizes.responseHeadersSize + sizes.responseBodySize,
            });
          }
        }
      },
    }),
  );
}

// ---------------------------------------------------------------------------
// Budgets: what the timeline costs to load

await section('budgets', async () => {
  if (!timelineResponses) throw new Error('the timeline was not loaded');
  const rows = timelineResponses;
  const sum = (types) => rows.filter((r) => types.includes(r.type)).reduce((n, r) => n + r.bytes, 0);
  const page = sum(['document', 'stylesheet', 'script']);
  const scripts = sum(['script']);
  results.checks.budgets_detail = {
    timelineBytes: page,
    timelineBudget: PAGE_BUDGET,
    scriptBytes: scripts,
    scriptBudget: SCRIPT_BUDGET,
    responses: rows,
  };
  const list = (types) =>
    rows.filter((r) => types.includes(r.type)).map((r) => `${new URL(r.url).pathname} ${r.bytes} B`).join(', ');
  check(page < PAGE_BUDGET, `the timeline's HTML + CSS + JS transfer ${page} bytes, over the ${PAGE_BUDGET}-byte budget: ${list(['document', 'stylesheet', 'script'])}`);
  check(scripts < SCRIPT_BUDGET, `the timeline's scripts transfer ${scripts} bytes, over the ${SCRIPT_BUDGET}-byte budget: ${list(['script'])}`);
});

// ---------------------------------------------------------------------------
// Without JavaScript: the whole timeline is there and readable

await section('no javascript', async () => {
  const { context, page, problems } = await openPage({ javaScriptEnabled: false });
  try {
    await load(page, PAGES.timeline);
    const articles = page.locator('article.event');
    const count = await articles.count();
    results.checks.noJsArticles = count;
    check(count === expectedEvents, `without JavaScript the timeline shows ${count} article.event, expected ${expectedEvents} (one per event file)`);
    for (let i = 0; i < count; i++) {
      const article = articles.nth(i);
      const link = article.locator('h2 a, h3 a, h4 a').first();
      const label = (await article.getAttribute('id')) || (await article.getAttribute('aria-labelledby')) || `#${i + 1}`;
      if (!check(await article.isVisible(), `without JavaScript event ${label} is not visible`)) continue;
      if (!check((await link.count()) === 1 && (await link.isVisible()), `without JavaScript event ${label} has no visible title link`)) continue;
      const text = ((await link.textContent()) || '').trim();
      check(text.length > 0, `without JavaScript event ${label}'s title link has no text`);
    }
    await checkOpenExpectations(page, `${PAGES.timeline} without JavaScript`);
    // Without `as_of` nothing depends on the day of the build: no banner,
    // nothing overdue.
    for (const phrase of ['As known on', 'overdue']) {
      const found = await page.evaluate(phraseState, phrase);
      check(found.length === 0, `${PAGES.timeline}, built without as_of, says "${phrase}": ${found.map((f) => `<${f.tag}> "${f.text}"`).join(' | ')}`);
    }
    for (const p of problems) fail(`${PAGES.timeline} (no JS): ${p}`);
  } finally {
    await context.close();
  }
});

// The status trail too is there without JavaScript.
await section('no javascript: status trail', async () => {
  const { context, page, problems } = await openPage({ javaScriptEnabled: false });
  try {
    await load(page, PAGES.trail);
    await checkTrail(page, `${PAGES.trail} without JavaScript`);
    for (const p of problems) fail(`${PAGES.trail} (no JS): ${p}`);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------
// BEGIN claims (issue 18): the statements of the Rubio–Herridge interview
// on its event page, and on Marco Rubio's page, read without JavaScript,
// axe-clean at both widths and in the dark scheme.

const CLAIMS = {
  event: '/events/2025-02-20-rubio-herridge-interview/',
  actor: '/actors/marco-rubio/',
  source: 'https://freedombunker.com/2025/02/22/efforts-to-arrange-trump-putin-meeting-underway-moscow-says/',
  count: 2,
};

for (const [viewport, colorScheme] of [[DESKTOP], [PHONE], [DESKTOP, 'dark']]) {
  await section(`claims event ${phoneName(viewport)} ${viewport.width}x${viewport.height}${schemeName(colorScheme)}`, () =>
    visitPage('event', CLAIMS.event, viewport, { colorScheme }),
  );
}
await section('claims actor desktop', () => visitPage('actor', CLAIMS.actor, DESKTOP));

await section('claims without javascript', async () => {
  const { context, page, problems } = await openPage({ javaScriptEnabled: false });
  try {
    await load(page, CLAIMS.event);
    const shown = await page.evaluate(() => {
      const section = document.querySelector('section.claims');
      const heading = section && section.querySelector('h2#annals-statements');
      return {
        section: Boolean(section && section.checkVisibility()),
        heading: heading ? heading.textContent.trim() : null,
        figures: [...document.querySelectorAll('section.claims figure.claim')].map((f) => {
          const quote = f.querySelector(':scope > blockquote');
          const caption = f.querySelector(':scope > figcaption');
          return {
            id: f.id,
            visible: f.checkVisibility(),
            quoteVisible: Boolean(quote && quote.checkVisibility()),
            cite: quote ? quote.getAttribute('cite') : null,
            text: quote ? quote.textContent.trim() : '',
            captionVisible: Boolean(caption && caption.checkVisibility()),
            speaker: caption ? caption.querySelector('a[href$="actors/marco-rubio/"]')?.textContent.trim() : null,
            time: caption ? caption.querySelector('time')?.getAttribute('datetime') : null,
            source: caption ? caption.querySelector('cite a')?.getAttribute('href') : null,
          };
        }),
      };
    });
    results.checks.claimsEvent = shown;
    check(shown.section, `${CLAIMS.event}: no visible section.claims without JavaScript`);
    check(shown.heading === 'Statements', `${CLAIMS.event}: the claims' heading is ${JSON.stringify(shown.heading)}, expected "Statements"`);
    check(shown.figures.length === CLAIMS.count, `${CLAIMS.event} shows ${shown.figures.length} figure.claim, expected ${CLAIMS.count}`);
    shown.figures.forEach((f, i) => {
      const where = `${CLAIMS.event} claim ${i + 1}`;
      check(f.id === `claim-${i + 1}`, `${where} has id ${JSON.stringify(f.id)}, expected "claim-${i + 1}"`);
      check(f.visible && f.quoteVisible && f.captionVisible, `${where}: its blockquote and figcaption are not both visible without JavaScript`);
      check(f.cite === CLAIMS.source, `${where}: blockquote cite is ${JSON.stringify(f.cite)}, expected the source's address`);
      check(f.text.startsWith('“') && f.text.endsWith('”'), `${where}: the quotation is not in quotation marks: ${JSON.stringify(f.text)}`);
      check(f.speaker === 'Marco Rubio', `${where}: the caption does not link Marco Rubio's page: ${JSON.stringify(f.speaker)}`);
      check(f.time === '2025-02-20', `${where}: the caption's time is ${JSON.stringify(f.time)}, expected 2025-02-20`);
      check(f.source === CLAIMS.source, `${where}: the caption does not cite the source: ${JSON.stringify(f.source)}`);
    });

    await load(page, CLAIMS.actor);
    const statements = await page.evaluate((event) => {
      const section = document.querySelector('section.statements');
      return {
        visible: Boolean(section && section.checkVisibility()),
        heading: section?.querySelector('h2')?.textContent.trim() ?? null,
        links: [...(section?.querySelectorAll('a[href]') ?? [])]
          .map((a) => new URL(a.href))
          .filter((u) => u.pathname.endsWith(event))
          .map((u) => u.hash),
      };
    }, CLAIMS.event);
    results.checks.claimsActor = statements;
    check(statements.visible, `${CLAIMS.actor}: no visible section.statements without JavaScript`);
    check(statements.heading === 'Statements', `${CLAIMS.actor}: the statements' heading is ${JSON.stringify(statements.heading)}`);
    const want = Array.from({ length: CLAIMS.count }, (_, i) => `#claim-${i + 1}`);
    check(
      JSON.stringify(statements.links) === JSON.stringify(want),
      `${CLAIMS.actor}: the statements link to ${JSON.stringify(statements.links)} of ${CLAIMS.event}, expected ${JSON.stringify(want)}`,
    );
    for (const p of problems) fail(`claims (no JS): ${p}`);
  } finally {
    await context.close();
  }
});

// END claims

// ---------------------------------------------------------------------------
// Keyboard: the skip link comes first, every event title is reachable

await section('keyboard', async () => {
  const { context, page, problems } = await openPage();
  try {
    await load(page, PAGES.timeline);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement;
      return el
        ? { tag: el.tagName.toLowerCase(), text: (el.textContent || '').trim(), href: el.getAttribute('href') }
        : null;
    });
    results.checks.firstTab = first;
    check(first && /Skip/.test(first.text), `the first Tab focuses ${first ? `<${first.tag}> "${first.text}"` : 'nothing'}, not the skip link`);
    if (first && /Skip/.test(first.text)) {
      check(await page.locator(':focus').isVisible(), 'the skip link is not visible when it has focus');
      const target = first.href && first.href.startsWith('#') ? first.href.slice(1) : null;
      check(target && (await page.locator(`[id="${target}"]`).count()) === 1, `the skip link's target ${first.href} is not an id on the page`);
    }
    const links = await page.evaluate((selector) => {
      const all = [...document.querySelectorAll(selector)];
      return {
        count: all.length,
        unfocusable: all
          .filter((el) => {
            el.focus();
            return document.activeElement !== el;
          })
          .map((el) => el.textContent.trim()),
      };
    }, TITLE_LINKS);
    results.checks.focusableTitles = links.count;
    check(links.count === expectedEvents, `the timeline has ${links.count} event title links, expected ${expectedEvents}`);
    check(links.unfocusable.length === 0, `event title links that cannot take focus: ${links.unfocusable.join(' | ')}`);
    for (const p of problems) fail(`${PAGES.timeline}: ${p}`);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------
// Screenshots, when asked for

if (process.env.ANNALS_SCREENSHOTS) {
  await section('screenshots', async () => {
    const folder = process.env.ANNALS_SCREENSHOTS;
    mkdirSync(folder, { recursive: true });
    const saved = [];
    for (const [file, viewport] of [
      ['timeline-desktop.png', DESKTOP],
      ['timeline-phone.png', PHONE],
    ]) {
      const { context, page } = await openPage({ viewport });
      try {
        await load(page, PAGES.timeline);
        const path = join(folder, file);
        await page.screenshot({ path, fullPage: false });
        saved.push(path);
      } finally {
        await context.close();
      }
    }
    results.checks.screenshots = saved;
  });
}

await section('timelinejs', timelineJsChecks);

// ===========================================================================
// FILTERING — the timeline's filter form and order toggle.
//
// Kept last and self-contained so it is easy to adjust. The contract:
//  - with JS on, `form#filters` (hidden without JS) is shown, holding
//    select[name=actor] (option values are actor slugs), select[name=place],
//    select[name=tag], select[name=status], input[name=q], button#order
//    (aria-pressed="true" when newest first) and #filter-count (an
//    aria-live region reading like "3 of 10 events");
//  - events are `ol.events > li > article.event[data-actors="slug slug"]`;
//    a filtered-out item's li has the `hidden` attribute;
//  - the state is in the URL (actor=marco-rubio, order=newest) and
//    survives a reload.
// ===========================================================================

const FILTER_ACTOR = 'marco-rubio';

/** The filter-related state of the page, for checks and failure messages. */
function filterState() {
  const items = [...document.querySelectorAll('ol.events > li')];
  const articles = [...document.querySelectorAll('article.event')];
  const title = (a) => (a.querySelector('h2 a, h3 a, h4 a')?.textContent || '').trim();
  const count = document.querySelector('#filter-count');
  const actor = document.querySelector('#filters select[name=actor]');
  const order = document.querySelector('#order');
  return {
    url: location.href,
    visible: articles.filter((a) => a.checkVisibility()).map((a) => ({
      title: title(a),
      actors: (a.getAttribute('data-actors') || '').split(/\s+/).filter(Boolean),
    })),
    hiddenItems: items.filter((li) => li.hidden).length,
    // an li marked hidden that still shows (a CSS display rule wins over
    // the attribute), or an unmarked li that does not show
    inconsistent: items
      .filter((li) => li.hidden === li.checkVisibility())
      .map((li) => `${li.hidden ? 'hidden but shown' : 'not hidden but not shown'}: ${title(li.querySelector('article.event') || li)}`),
    itemsWithoutOneArticle: items.filter((li) => li.querySelectorAll(':scope > article.event').length !== 1).length,
    count: count ? count.textContent.trim() : null,
    actor: actor ? actor.value : null,
    pressed: order ? order.getAttribute('aria-pressed') : null,
  };
}

function describe(state) {
  return `URL ${state.url}; visible (${state.visible.length}): ${state.visible.map((v) => `"${v.title}" [${v.actors.join(' ')}]`).join(', ')}; #filter-count "${state.count}"`;
}

await section('filtering', async () => {
  const { context, page, problems } = await openPage();
  try {
    // Without JS the form stays hidden (checked in its own context).
    {
      const noJs = await openPage({ javaScriptEnabled: false });
      try {
        await load(noJs.page, PAGES.timeline);
        const form = noJs.page.locator('#filters');
        if ((await form.count()) > 0) {
          check(!(await form.isVisible()), 'without JavaScript #filters is visible; it must stay hidden (it cannot work)');
        }
      } finally {
        await noJs.context.close();
      }
    }

    await load(page, PAGES.timeline);
    const form = page.locator('#filters');
    try {
      await form.waitFor({ state: 'visible', timeout: REACT_TIMEOUT });
    } catch {
      fail(`with JavaScript the timeline shows no #filters form (${(await form.count()) ? 'it is there but hidden' : 'there is none'}): filtering is not implemented yet`);
      return;
    }

    // The controls of the contract.
    const controls = {
      'select[name=actor]': '#filters select[name=actor]',
      'select[name=place]': '#filters select[name=place]',
      'select[name=tag]': '#filters select[name=tag]',
      'select[name=status]': '#filters select[name=status]',
      'input[name=q]': '#filters input[name=q]',
      '#order': '#order',
      '#filter-count': '#filter-count',
    };
    const missing = [];
    for (const [name, selector] of Object.entries(controls)) {
      if ((await page.locator(selector).count()) !== 1) missing.push(name);
    }
    check(missing.length === 0, `the filter form lacks: ${missing.join(', ')}`);
    for (const name of ['actor', 'place', 'tag', 'status']) {
      const values = await page
        .locator(`#filters select[name=${name}] option`)
        .evaluateAll((options) => options.map((o) => o.value));
      if (values.length) check(values.some((v) => v !== ''), `select[name=${name}] has no option to choose`);
    }
    const live = await page.locator('#filter-count').evaluateAll((els) =>
      els.map((el) => el.getAttribute('aria-live') || (el.getAttribute('role') === 'status' ? 'polite' : null)),
    );
    if (live.length) check(live[0] && live[0] !== 'off', '#filter-count is not an aria-live region');

    const initial = await page.evaluate(filterState);
    results.checks.filterInitial = { visible: initial.visible.length, count: initial.count, pressed: initial.pressed };
    check(initial.visible.length === expectedEvents, `before filtering ${initial.visible.length} events are visible, expected ${expectedEvents}: ${describe(initial)}`);
    check(initial.itemsWithoutOneArticle === 0, `${initial.itemsWithoutOneArticle} ol.events > li do not hold exactly one article.event`);
    const withActors = initial.visible.filter((v) => v.actors.length > 0).length;
    check(withActors > 0, 'no article.event has a data-actors attribute');

    // --- Filter by actor -------------------------------------------------
    const actorSelect = page.locator('#filters select[name=actor]');
    if ((await actorSelect.count()) === 1) {
      await actorSelect.selectOption(FILTER_ACTOR);
      const settled = await until(
        page,
        (slug) => {
          const shown = [...document.querySelectorAll('article.event')].filter((a) => a.checkVisibility());
          return (
            location.href.includes(`actor=${slug}`) &&
            shown.length > 0 &&
            shown.length < document.querySelectorAll('article.event').length &&
            shown.every((a) => (a.getAttribute('data-actors') || '').split(/\s+/).includes(slug))
          );
        },
        FILTER_ACTOR,
      );
      const filtered = await page.evaluate(filterState);
      results.checks.filterActor = { visible: filtered.visible.map((v) => v.title), count: filtered.count, url: filtered.url };
      if (!settled) fail(`choosing actor ${FILTER_ACTOR} did not settle into a filtered timeline within ${REACT_TIMEOUT} ms: ${describe(filtered)}`);
      const strangers = filtered.visible.filter((v) => !v.actors.includes(FILTER_ACTOR));
      check(strangers.length === 0, `with actor=${FILTER_ACTOR}, visible events without that actor: ${strangers.map((v) => `"${v.title}" [${v.actors.join(' ')}]`).join(', ')}`);
      check(filtered.visible.length > 0, `with actor=${FILTER_ACTOR} no event is visible`);
      check(filtered.hiddenItems > 0, `with actor=${FILTER_ACTOR} no ol.events > li has the hidden attribute`);
      check(filtered.inconsistent.length === 0, `the hidden attribute and what shows disagree: ${filtered.inconsistent.join('; ')}`);
      check(
        filtered.count !== null && new RegExp(`(^|\\D)${filtered.visible.length}(\\D|$)`).test(filtered.count),
        `#filter-count reads "${filtered.count}", which does not give the ${filtered.visible.length} visible events`,
      );
      check(filtered.url.includes(`actor=${FILTER_ACTOR}`), `the URL does not record the actor filter: ${filtered.url}`);

      // The filter survives a reload of its URL.
      await page.reload({ waitUntil: 'load' });
      await form.waitFor({ state: 'visible', timeout: REACT_TIMEOUT }).catch(() => {});
      const expected = filtered.visible.map((v) => v.title);
      await untilTitles(page, expected);
      const reloaded = await page.evaluate(filterState);
      check(
        JSON.stringify(reloaded.visible.map((v) => v.title)) === JSON.stringify(expected),
        `after reloading ${filtered.url} the visible events differ: ${describe(reloaded)}; expected ${expected.join(', ')}`,
      );
      check(reloaded.actor === FILTER_ACTOR, `after reloading, select[name=actor] shows "${reloaded.actor}", not ${FILTER_ACTOR}`);

      // Clearing the filter (the first option, "all actors") brings every
      // event back and drops the filter from the URL.
      await actorSelect.selectOption({ index: 0 });
      const cleared = await until(
        page,
        (n) =>
          !location.href.includes('actor=') &&
          [...document.querySelectorAll('article.event')].filter((a) => a.checkVisibility()).length === n,
        expectedEvents,
      );
      if (!cleared) fail(`choosing the first actor option (all actors) did not show all ${expectedEvents} events and drop actor= from the URL: ${describe(await page.evaluate(filterState))}`);
    }

    // --- Status: open expectations ----------------------------------------
    // The shipped timeline has one expectation nothing settles (the envoys'
    // meeting, expected by 8 March 2025): "Open expectation" shows it alone.
    {
      await load(page, PAGES.timeline);
      await form.waitFor({ state: 'visible', timeout: REACT_TIMEOUT });
      const statusSelect = page.locator('#filters select[name=status]');
      const openOption = statusSelect.locator('option[value=open]');
      check((await openOption.count()) === 1, 'select[name=status] has no "open" option for open expectations');
      if ((await openOption.count()) === 1) {
        await statusSelect.selectOption('open');
        const settled = await until(page, () => {
          const all = [...document.querySelectorAll('article.event')];
          const shown = all.filter((a) => a.checkVisibility());
          return location.href.includes('status=open') && shown.length > 0 && shown.length < all.length &&
            shown.every((a) => (a.getAttribute('data-status') || '').split(/\s+/).includes('open'));
        });
        const state = await page.evaluate(filterState);
        results.checks.filterOpen = { visible: state.visible.map((v) => v.title), url: state.url };
        if (!settled) fail(`choosing status "open" did not show only the open expectations: ${describe(state)}`);
        check(state.visible.some((v) => /envoys/i.test(v.title)), `with status=open the envoys' meeting is not shown: ${describe(state)}`);
      }
    }

    // --- Order: newest first ---------------------------------------------
    // From a clean URL, so no filter is left over.
    await load(page, PAGES.timeline);
    await form.waitFor({ state: 'visible', timeout: REACT_TIMEOUT });
    const before = (await page.evaluate(filterState)).visible.map((v) => v.title);
    const orderButton = page.locator('#order');
    if ((await orderButton.count()) === 1) {
      const pressedBefore = await orderButton.getAttribute('aria-pressed');
      check(pressedBefore === 'false', `#order starts with aria-pressed="${pressedBefore}", expected "false" (oldest first)`);
      await orderButton.click();
      const reversed = [...before].reverse();
      const flipped = await untilTitles(page, reversed);
      const after = await page.evaluate(filterState);
      results.checks.filterOrder = { before, after: after.visible.map((v) => v.title), url: after.url, pressed: after.pressed };
      if (!flipped) fail(`clicking #order did not reverse the events within ${REACT_TIMEOUT} ms: before ${before.join(' | ')}; after ${after.visible.map((v) => v.title).join(' | ')}`);
      check(after.pressed === 'true', `after clicking #order its aria-pressed is "${after.pressed}", expected "true"`);
      check(after.url.includes('order=newest'), `the URL does not record the order: ${after.url}`);

      await page.reload({ waitUntil: 'load' });
      await form.waitFor({ state: 'visible', timeout: REACT_TIMEOUT }).catch(() => {});
      await untilTitles(page, reversed);
      const again = await page.evaluate(filterState);
      check(
        JSON.stringify(again.visible.map((v) => v.title)) === JSON.stringify(reversed),
        `after reloading ${after.url} the order is not newest first: ${again.visible.map((v) => v.title).join(' | ')}`,
      );
      check(again.pressed === 'true', `after reloading, #order has aria-pressed="${again.pressed}", expected "true"`);
    }

    // --- Free text -------------------------------------------------------
    const q = page.locator('#filters input[name=q]');
    if ((await q.count()) === 1) {
      await load(page, PAGES.timeline);
      await form.waitFor({ state: 'visible', timeout: REACT_TIMEOUT });
      const word = 'Riyadh';
      const wanted = 'US and Russian delegations meet in Riyadh';
      await q.fill(word);
      const found = await until(
        page,
        (title) => {
          const shown = [...document.querySelectorAll('article.event')].filter((a) => a.checkVisibility());
          return (
            shown.length < document.querySelectorAll('article.event').length &&
            shown.some((a) => (a.querySelector('h2 a, h3 a, h4 a')?.textContent || '').trim() === title)
          );
        },
        wanted,
      );
      if (!found) fail(`typing "${word}" in input[name=q] did not narrow the timeline to events that include "${wanted}": ${describe(await page.evaluate(filterState))}`);
    }

    for (const p of problems) fail(`${PAGES.timeline} (filtering): ${p}`);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------

await finish();
