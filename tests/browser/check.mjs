// Real-browser checks of a served Annals site, run by tests/browser.rs.
//
//   node check.mjs <base-url> --events <N>
//
// <base-url> is where `annals serve` listens (http://127.0.0.1:PORT/), and
// N is how many event files the site has, so the timeline must show N
// events. Needs playwright-core and axe-core (`npm ci` in this folder) and
// Chromium at /usr/bin/chromium; never downloads a browser.
//
// Prints a JSON summary on stdout. Every problem is also printed on stderr
// as one readable line starting with "FAIL"; the exit code is 1 if there
// was any, 2 if the checks themselves could not run. Every check runs even
// when an earlier one failed, and the filtering checks (the newest part of
// the theme) run last, so one missing feature hides nothing else.
//
// If ANNALS_SCREENSHOTS names a folder, screenshots of the timeline at
// desktop and phone width are saved there.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

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
};

// The event list's title links, whatever heading level the theme uses.
const TITLE_LINKS = 'article.event h2 a, article.event h3 a, article.event h4 a';

// ---------------------------------------------------------------------------
// Arguments, results and failures

function usage(message) {
  process.stderr.write(`check.mjs: ${message}\nusage: node check.mjs <base-url> --events <N>\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
let baseArg = null;
let expectedEvents = null;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--events') {
    expectedEvents = Number(argv[++i]);
  } else if (argv[i].startsWith('--events=')) {
    expectedEvents = Number(argv[i].slice('--events='.length));
  } else if (!baseArg) {
    baseArg = argv[i];
  } else {
    usage(`unexpected argument ${argv[i]}`);
  }
}
if (!baseArg) usage('missing <base-url>');
if (!Number.isInteger(expectedEvents) || expectedEvents < 1) usage('missing or bad --events <N>');

const BASE = new URL(baseArg);
const url = (path) => new URL(path, BASE).href;

const results = { base: BASE.href, expectedEvents, visits: [], checks: {}, failures: [] };
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
 */
async function openPage({ viewport = DESKTOP, javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ viewport, javaScriptEnabled });
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
          })),
        ),
    AXE_TAGS,
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
// Each page at each width: console, network, accessibility, layout

const visits = [
  ['timeline', DESKTOP],
  ['timeline', PHONE],
  ['event', DESKTOP],
  ['event', PHONE],
  ['actor', DESKTOP],
];

// The timeline's responses at desktop width: { url, type, status, bytes }.
let timelineResponses = null;

for (const [name, viewport] of visits) {
  const path = PAGES[name];
  await section(`${name} ${phoneName(viewport)} ${viewport.width}x${viewport.height}`, async () => {
    const { context, page, problems, responses } = await openPage({ viewport });
    try {
      await load(page, path);
      const visit = { page: name, path, viewport: `${viewport.width}x${viewport.height}` };

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
      if (name === 'event') {
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
      for (const v of violations) {
        fail(`axe ${v.id} (${v.impact}) on ${path}: ${v.help} — ${v.count} element(s): ${v.targets.join(' | ')}${v.summary ? ` — ${v.summary.replace(/\s+/g, ' ')}` : ''} (${v.helpUrl})`);
      }

      if (name === 'timeline' && viewport === DESKTOP) {
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

      // Problems seen by the listeners, including while axe ran.
      visit.problems = [...problems];
      for (const p of problems) fail(`${path}: ${p}`);
      results.visits.push(visit);
    } finally {
      await context.close();
    }
  });
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
    for (const p of problems) fail(`${PAGES.timeline} (no JS): ${p}`);
  } finally {
    await context.close();
  }
});

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
      await until(
        page,
        (titles) => {
          const shown = [...document.querySelectorAll('article.event')]
            .filter((a) => a.checkVisibility())
            .map((a) => (a.querySelector('h2 a, h3 a, h4 a')?.textContent || '').trim());
          return JSON.stringify(shown) === JSON.stringify(titles);
        },
        expected,
      );
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
      const flipped = await until(
        page,
        (titles) => {
          const shown = [...document.querySelectorAll('article.event')]
            .filter((a) => a.checkVisibility())
            .map((a) => (a.querySelector('h2 a, h3 a, h4 a')?.textContent || '').trim());
          return JSON.stringify(shown) === JSON.stringify(titles);
        },
        reversed,
      );
      const after = await page.evaluate(filterState);
      results.checks.filterOrder = { before, after: after.visible.map((v) => v.title), url: after.url, pressed: after.pressed };
      if (!flipped) fail(`clicking #order did not reverse the events within ${REACT_TIMEOUT} ms: before ${before.join(' | ')}; after ${after.visible.map((v) => v.title).join(' | ')}`);
      check(after.pressed === 'true', `after clicking #order its aria-pressed is "${after.pressed}", expected "true"`);
      check(after.url.includes('order=newest'), `the URL does not record the order: ${after.url}`);

      await page.reload({ waitUntil: 'load' });
      await form.waitFor({ state: 'visible', timeout: REACT_TIMEOUT }).catch(() => {});
      await until(
        page,
        (titles) => {
          const shown = [...document.querySelectorAll('article.event')]
            .filter((a) => a.checkVisibility())
            .map((a) => (a.querySelector('h2 a, h3 a, h4 a')?.textContent || '').trim());
          return JSON.stringify(shown) === JSON.stringify(titles);
        },
        reversed,
      );
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

await browser.close();
results.ok = results.failures.length === 0;
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
if (!results.ok) {
  process.stderr.write(`\n${results.failures.length} failure(s):\n${results.failures.map((f) => `  - ${f}`).join('\n')}\n`);
  process.exit(1);
}
