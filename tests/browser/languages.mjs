// A site in several languages in headless Chromium, run by
// tests/browser_languages.rs on the shipped timeline (English, and its
// Ukrainian edition under /uk/).
//
//   node languages.mjs <base-url> --event <path> --date <text> --month <text> --count <text> --query <text> --expect <text>
//
// At 1280 × 800 and at 390 × 844:
//  - /uk/ and the Ukrainian page of the event <path> have <html lang="uk">;
//  - the language switcher is visible on the first screen, and its link to
//    English leads to the same page in English (lang="en"), whose link
//    back leads to the Ukrainian page again;
//  - every <link rel="alternate" hreflang> of a page loads, as a page in
//    that language (x-default: the default, English), and the page's own
//    language among them is the page itself;
//  - the Ukrainian event page shows its date by the language's rules
//    (<date>: "18 лютого 2025", the genitive month), the Ukrainian timeline
//    a month heading in the nominative (<month>: "лютий 2025") and its
//    count of events in the right plural form (<count>: "10 подій");
//  - with JavaScript, typing <query> (in another case than the page
//    writes it: "ПУТІН") in the filter leaves only events whose text holds
//    <expect> ("Путін"), and at least one;
//  - axe-core finds no violation of WCAG 2.1 A and AA, nothing is written
//    to the console as an error, and nothing is requested from another host.
//
// Prints a JSON summary on stdout; each problem on stderr as a line
// starting with "FAIL"; exit 1 if any, 2 if the checks could not run.

import { chromium } from 'playwright-core';
import { CHROMIUM, DEVICES, axe, check, failed, watch } from './checks.mjs';

const USAGE = 'usage: node languages.mjs <base-url> --event <path> --date <text> --month <text> --count <text> --query <text> --expect <text>';
const argv = process.argv.slice(2);
const opts = {};
for (let i = 1; i < argv.length; i += 2) opts[argv[i].replace(/^--/, '')] = argv[i + 1];
const base = argv[0];
const needed = ['event', 'date', 'month', 'count', 'query', 'expect'];
if (!base || needed.some((k) => !opts[k])) {
  console.error(USAGE);
  process.exit(2);
}
const origin = new URL(base).origin;

const results = { visits: [] };

async function open(context, path) {
  const page = await context.newPage();
  const seen = watch(page);
  const response = await page.goto(new URL(path, base).href, { waitUntil: 'networkidle' });
  check(response && response.status() === 200, `${path}: status ${response && response.status()}`);
  return { page, seen };
}

/** The checks every page gets. */
async function common(where, { page, seen }, lang) {
  const html = await page.evaluate(() => document.documentElement.lang);
  check(html === lang, `${where}: <html lang="${html}">, expected "${lang}"`);
  const violations = await axe(page);
  check(violations.length === 0, `${where}: axe: ${violations.join('; ')}`);
  check(seen.console.length === 0, `${where}: console errors: ${seen.console.join('; ')}`);
  const foreign = seen.requests.filter((u) => new URL(u).origin !== origin);
  check(foreign.length === 0, `${where}: requests to other hosts: ${foreign.join(', ')}`);
  results.visits.push({ where, axeViolations: violations.length });
}

/** Every hreflang alternate of the page loads as a page in its language,
 * and the one in the page's own language `lang` is the page itself. */
async function alternates(where, context, page, lang) {
  const links = await page.evaluate(() => [...document.querySelectorAll('link[rel=alternate][hreflang]')]
    .map((l) => ({ hreflang: l.getAttribute('hreflang'), href: l.href })));
  check(links.length >= 3, `${where}: ${links.length} hreflang links, expected en, uk and x-default`);
  const own = links.find((l) => l.hreflang === lang);
  check(own && own.href === page.url(), `${where}: hreflang="${lang}" is ${own && own.href}, not the page itself`);
  for (const l of links) {
    const other = await context.newPage();
    const response = await other.goto(l.href);
    const got = await other.evaluate(() => document.documentElement.lang);
    const expected = l.hreflang === 'x-default' ? 'en' : l.hreflang;
    check(response.status() === 200 && got === expected,
      `${where}: hreflang="${l.hreflang}" leads to ${l.href} (status ${response.status()}, lang "${got}")`);
    await other.close();
  }
}

/** The switcher: visible on the first screen; its link to `to` leads to
 * the same page in that language. */
async function switches(where, page, to, expectedPath) {
  const link = page.locator(`nav.languages a[hreflang="${to}"]`);
  if (!check((await link.count()) === 1, `${where}: no link to "${to}" in the language switcher`)) return;
  const box = await link.boundingBox();
  const viewport = page.viewportSize();
  check(box && box.width > 0 && box.y >= 0 && box.y + box.height <= viewport.height,
    `${where}: the switcher's link to "${to}" is not on the first screen (${JSON.stringify(box)})`);
  await Promise.all([page.waitForLoadState('networkidle'), link.click()]);
  const path = new URL(page.url()).pathname;
  const lang = await page.evaluate(() => document.documentElement.lang);
  check(path === expectedPath && lang === to,
    `${where}: the switcher's "${to}" led to ${path} (lang "${lang}"), expected ${expectedPath}`);
}

async function textOf(page, selector) {
  return page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent).join(' | '), selector);
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true }).catch((e) => {
  console.error(`cannot start Chromium at ${CHROMIUM}: ${e.message}`);
  process.exit(2);
});
try {
  const ukEvent = `/uk${opts.event}`;
  for (const [device, options] of Object.entries(DEVICES)) {
    const context = await browser.newContext(options);

    // The Ukrainian timeline.
    let visit = await open(context, '/uk/');
    await common(`/uk/ ${device}`, visit, 'uk');
    await alternates(`/uk/ ${device}`, context, visit.page, 'uk');
    const headings = await textOf(visit.page, '.month-heading');
    check(headings.includes(opts.month), `/uk/ ${device}: no month heading "${opts.month}" in: ${headings}`);
    const body = await visit.page.evaluate(() => document.body.textContent);
    check(body.includes(opts.count), `/uk/ ${device}: no "${opts.count}" on the page`);

    // Filtering in Cyrillic, in another case.
    if (device === 'desktop') {
      const q = visit.page.locator('#filters input[name=q]');
      if (check((await q.count()) === 1 && (await q.isVisible()), `/uk/ ${device}: no visible filter field`)) {
        await q.fill(opts.query);
        const shown = await visit.page.evaluate(() => [...document.querySelectorAll('.timeline ol.events > li')]
          .filter((li) => !li.hidden).map((li) => li.textContent));
        check(shown.length > 0, `/uk/ ${device}: "${opts.query}" leaves no event`);
        const wrong = shown.filter((t) => !t.toLowerCase().includes(opts.expect.toLowerCase()));
        check(wrong.length === 0, `/uk/ ${device}: "${opts.query}" leaves events without "${opts.expect}": ${wrong.map((t) => t.trim().slice(0, 60)).join('; ')}`);
        results.filtered = shown.length;
      }
    }
    await visit.page.close();

    // The Ukrainian event page, its date, and the way to English and back.
    visit = await open(context, ukEvent);
    await common(`${ukEvent} ${device}`, visit, 'uk');
    await alternates(`${ukEvent} ${device}`, context, visit.page, 'uk');
    const meta = await textOf(visit.page, '.event-header .event-meta');
    check(meta.includes(opts.date), `${ukEvent} ${device}: the date reads "${meta.trim()}", expected "${opts.date}"`);
    await switches(`${ukEvent} ${device}`, visit.page, 'en', opts.event);
    await common(`${opts.event} ${device}`, visit, 'en');
    await switches(`${opts.event} ${device}`, visit.page, 'uk', ukEvent);
    await visit.page.close();
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results, null, 2));
process.exit(failed() ? 1 : 0);
