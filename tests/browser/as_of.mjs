// The as-of mode of check.mjs: the shipped site served with
// `annals serve --as-of <DAY>`, as it was known on that day.
//
//   node check.mjs <base-url> --as-of <DAY> --events <N> [--overdue-since <DAY>] [--absent <title>]...
//
// The contract, for the shipped content (check.mjs's ENVOYS and TRAIL):
//  - every visited page says "As known on <DAY>" once (as the theme writes
//    days: "10 March 2025", in a <time datetime="<DAY>">), visibly, in the
//    main content above its first article (the timeline's first event, an
//    event page's own article) and within the first screen;
//  - the timeline shows N events, each with a visible title link, with and
//    without JavaScript, and none titled <title> (given by --absent: an
//    event first reported after <DAY>), nor any link to one;
//  - with --overdue-since, the envoys' meeting is listed under "Open
//    expectations" as expected by its day and "overdue since" that day, and
//    its page says so too; without it, no page says "overdue";
//  - the envoys' page and the Moscow trip's page (with its status trail)
//    are visited unless their titles are absent, and then they answer 404.
// Each page is visited at desktop and phone width and in the dark scheme
// (axe, console, network, no sideways scrolling: check.mjs's visitPage),
// and once more without JavaScript.
//
// check.mjs calls asOfChecks with its helpers, so this module imports
// nothing from it.

/**
 * Runs the as-of checks. `t` holds check.mjs's helpers and constants, and
 * the arguments: `asOf`, `expectedEvents`, `overdueSince` (or null) and
 * `absent` (titles).
 */
export async function asOfChecks(t) {
  const { section, visitPage, openPage, load, check, fail, url, results } = t;
  const { DESKTOP, PHONE, phoneName, schemeName, PAGES, ENVOYS, TRAIL } = t;
  const { checkTrail, checkOpenExpectations, phraseState, longDate } = t;
  const { asOf, expectedEvents, overdueSince, absent } = t;

  const banner = `As known on ${longDate(asOf)}`;
  const overdue = overdueSince ? `overdue since ${longDate(overdueSince)}` : null;

  const eventPages = [
    { name: 'envoys', path: ENVOYS.path, title: ENVOYS.title },
    { name: 'trail', path: TRAIL.path, title: TRAIL.title },
  ];
  const pages = [
    { name: 'timeline', path: PAGES.timeline },
    ...eventPages.filter((p) => !absent.includes(p.title)),
  ];
  const gone = eventPages.filter((p) => absent.includes(p.title));
  results.checks.asOfPages = { visited: pages.map((p) => p.path), gone: gone.map((p) => p.path) };

  /** The banner: once, visible, in <main>, above the first article, on the first screen. */
  async function checkBanner(page, where) {
    const found = await page.evaluate(phraseState, 'As known on');
    const first = await page.evaluate(() => {
      const article = document.querySelector('main article');
      if (!article) return null;
      const box = article.getBoundingClientRect();
      return { top: box.top + window.scrollY, screen: window.innerHeight };
    });
    const describe = found.map((f) => `<${f.tag}> "${f.text}"`).join(' | ');
    if (!check(found.length === 1, `${where} says "As known on" ${found.length} times, expected once: ${describe}`)) return;
    const [b] = found;
    check(b.text === banner, `${where}: the banner reads "${b.text}", expected "${banner}"`);
    check(b.times.includes(asOf), `${where}: the banner has no <time datetime="${asOf}">: ${JSON.stringify(b.times)}`);
    check(b.visible, `${where}: the banner "${b.text}" is not visible`);
    check(b.inMain, `${where}: the banner is not in <main>`);
    if (check(first, `${where} has no article in <main>`)) {
      check(b.bottom <= first.top, `${where}: the banner (${Math.round(b.top)}–${Math.round(b.bottom)}px) is not above the first article (at ${Math.round(first.top)}px)`);
      check(b.top < first.screen, `${where}: the banner starts at ${Math.round(b.top)}px, below the first screen (${first.screen}px high)`);
    }
  }

  /** The visible event titles of the timeline, and the text of every link on it. */
  async function timelineState(page) {
    return page.evaluate(() => {
      const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
      const shows = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
      const articles = [...document.querySelectorAll('article.event')];
      return {
        articles: articles.length,
        readable: articles
          .filter(shows)
          .map((a) => a.querySelector('h2 a, h3 a, h4 a'))
          .filter((link) => link && shows(link) && squash(link.textContent))
          .map((link) => squash(link.textContent)),
        // (getAttribute: the overview's SVG links have no string `href`)
        links: [...document.querySelectorAll('a[href]')].map((a) => ({
          text: squash(a.textContent),
          path: new URL(a.getAttribute('href'), document.baseURI).pathname,
        })),
      };
    });
  }

  /** The timeline: N readable events, none of the absent ones, and what is overdue. */
  async function checkTimeline(page, where) {
    const state = await timelineState(page);
    check(
      state.articles === expectedEvents && state.readable.length === expectedEvents,
      `${where} has ${state.articles} article.event, ${state.readable.length} of them visible with a title link, expected ${expectedEvents}`,
    );
    for (const title of absent) {
      check(!state.readable.includes(title), `${where} shows "${title}", first reported after ${asOf}`);
      const links = state.links.filter((l) => l.text.includes(title));
      check(links.length === 0, `${where} links to "${title}", first reported after ${asOf}: ${JSON.stringify(links)}`);
    }
    for (const p of gone) {
      const links = state.links.filter((l) => l.path === new URL(url(p.path)).pathname);
      check(links.length === 0, `${where} links to ${p.path}, an event first reported after ${asOf}: ${JSON.stringify(links)}`);
    }
    if (overdue) {
      const item = await checkOpenExpectations(page, where);
      if (item) {
        check(item.text.includes(overdue), `${where}: the open expectation reads "${item.text}", without "${overdue}"`);
        check(item.times.includes(overdueSince), `${where}: the open expectation has no <time datetime="${overdueSince}">: ${JSON.stringify(item.times)}`);
      }
    }
    return state;
  }

  /** What a page says is overdue: with --overdue-since, visibly that; else nothing. */
  async function checkOverdue(page, where, { expected }) {
    const found = await page.evaluate(phraseState, 'overdue');
    const describe = found.map((f) => `<${f.tag}> "${f.text}"${f.visible ? '' : ' (hidden)'}`).join(' | ');
    if (!expected) {
      check(found.length === 0, `${where} says "overdue" (no --overdue-since): ${describe}`);
      return;
    }
    const shown = found.filter((f) => f.visible && f.text.includes(expected) && f.times.includes(overdueSince));
    check(shown.length > 0, `${where} shows no visible "${expected}" with <time datetime="${overdueSince}">: ${describe || 'nothing says "overdue"'}`);
  }

  /** Every check of one page's content; the same with and without JavaScript. */
  async function checkContent(page, name, where) {
    await checkBanner(page, where);
    if (name === 'timeline') await checkTimeline(page, where);
    if (name === 'trail') await checkTrail(page, where);
    // The envoys' meeting is the shipped timeline's one expectation: the
    // timeline lists it and its page says when it was due.
    const saysOverdue = name === 'timeline' || name === 'envoys' ? overdue : null;
    await checkOverdue(page, where, { expected: saysOverdue });
  }

  for (const { name, path } of pages) {
    for (const [viewport, colorScheme] of [[DESKTOP], [PHONE], [DESKTOP, 'dark']]) {
      const view = `${phoneName(viewport)} ${viewport.width}x${viewport.height}${schemeName(colorScheme)}`;
      await section(`as of ${asOf}: ${name} ${path} ${view}`, () =>
        visitPage(name, path, viewport, {
          colorScheme,
          onLoaded: (page) => checkContent(page, name, `${path} (${view})`),
        }),
      );
    }
  }

  for (const { name, path } of pages) {
    await section(`as of ${asOf}: ${name} ${path} without javascript`, async () => {
      const { context, page, problems } = await openPage({ javaScriptEnabled: false });
      try {
        await load(page, path);
        await checkContent(page, name, `${path} without JavaScript`);
        for (const p of problems) fail(`${path} (no JS): ${p}`);
      } finally {
        await context.close();
      }
    });
  }

  if (gone.length) {
    await section(`as of ${asOf}: pages of events reported later`, async () => {
      const { context } = await openPage();
      try {
        for (const p of gone) {
          const response = await context.request.get(url(p.path));
          check(response.status() === 404, `${p.path} ("${p.title}", first reported after ${asOf}) answered ${response.status()}, expected 404`);
        }
      } finally {
        await context.close();
      }
    });
  }
}
