// What the browser scripts rtl.mjs and languages.mjs share: Chromium, the
// two screens they look at pages on, the record of what a page asks for
// and logs, axe-core, and the FAIL lines their checks print.

import { createRequire } from 'node:module';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const CHROMIUM = process.env.ANNALS_CHROMIUM || '/usr/bin/chromium';
export const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

let failures = 0;

/** Prints a problem as a FAIL line on stderr, and counts it. */
export function fail(message) {
  failures++;
  console.error(`FAIL ${message}`);
}

/** `ok`, after printing `message` as a FAIL line if it is false. */
export function check(ok, message) {
  if (!ok) fail(message);
  return ok;
}

/** How many checks failed so far. */
export function failed() {
  return failures;
}

/** The requests and console errors of `page` from now on, as they come. */
export function watch(page) {
  const seen = { requests: [], console: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => {
    // A phone's browser asks for /favicon.ico on its own; the theme has none.
    const where = m.location()?.url || '';
    if (m.type() === 'error' && !where.endsWith('/favicon.ico')) seen.console.push(`${m.text()} (${where})`);
  });
  page.on('pageerror', (e) => seen.console.push(String(e)));
  return seen;
}

/** Every axe-core violation of WCAG 2.1 A and AA, one line each. */
export async function axe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } })
    .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)), AXE_TAGS);
}
