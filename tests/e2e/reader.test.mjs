// End-to-end tests of the bundled site as readers meet it, in headless Chromium.
// Run by .ci/run after `gloss build --base-url http://127.0.0.1:<port>/ --output <dir>`,
// `gloss build --root tests/fixtures/every-page --base-url http://127.0.0.1:<port>/every-page/ --output <dir2>`
// and `gloss build --root tests/fixtures/embeds --base-url http://127.0.0.1:<port>/embeds/ --output <dir3>`:
//   GLOSS_SITE=<dir> GLOSS_EVERY_PAGE=<dir2> GLOSS_EMBEDS=<dir3> GLOSS_PORT=<port> node --test reader.test.mjs
// The server answers /every-page/… and /embeds/… from the fixtures (the embeds one has
// raw_html: true, an iframe and footnotes), everything else from the bundled site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const site = process.env.GLOSS_SITE;
const everyPage = process.env.GLOSS_EVERY_PAGE;
const everyPrefix = '/every-page/';
const embeds = process.env.GLOSS_EMBEDS;
const embedsArticle = 'embeds/articles/briefing/';
const port = Number(process.env.GLOSS_PORT || 0);
const artifacts = process.env.GLOSS_ARTIFACTS || path.resolve('../../target/e2e-artifacts');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const base = `http://127.0.0.1:${port}/`;
const article = 'articles/lerner-kyiv-north-korean-troops/';
const types = { '.html': 'text/html; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain', '.jsonld': 'application/ld+json' };

let server;
let browser;

before(async () => {
  assert.ok(site && everyPage && embeds && port, 'set GLOSS_SITE, GLOSS_EVERY_PAGE, GLOSS_EMBEDS and GLOSS_PORT');
  fs.mkdirSync(artifacts, { recursive: true });
  server = http.createServer((req, res) => {
    let url = decodeURIComponent(new URL(req.url, base).pathname);
    let root = site;
    if (url.startsWith(everyPrefix)) { root = everyPage; url = url.slice(everyPrefix.length - 1); }
    if (url.startsWith('/embeds/')) { root = embeds; url = url.slice('/embeds'.length); }
    let file = path.join(root, url);
    if (!file.startsWith(path.resolve(root))) { res.writeHead(404).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'Content-Type': types['.html'] }).end(fs.readFileSync(path.join(root, '404.html')));
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
});

async function open(pathname, width = 1400, options = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, ...options });
  const page = await context.newPage();
  await page.goto(base + pathname, { waitUntil: 'load' });
  return page;
}

test('every annotation selector finds its words in the body as the browser has it, with JavaScript on and off', async () => {
  for (const pathname of [article, 'articles/what-article-4-obliges/', embedsArticle]) {
    for (const javaScriptEnabled of [true, false]) {
      const page = await open(pathname, 1400, { javaScriptEnabled });
      const href = await page.locator('link[rel="alternate"][type="application/ld+json"]').getAttribute('href');
      const collection = await (await page.context().request.get(new URL(href, page.url()).href)).json();
      const items = collection.first?.items ?? [];
      assert.equal(collection.total, items.length);
      assert.ok(pathname === embedsArticle || items.length > 10, `${pathname} exports its annotations`);
      const text = Array.from(await page.locator('.article-body').evaluate((el) => el.textContent));
      for (const item of items) {
        const [quote, css] = item.target.selector;
        const { start, end } = css.refinedBy;
        assert.equal(text.slice(start, end).join(''), quote.exact, `${pathname} ${item.id}`);
        assert.equal(text.slice(start - Array.from(quote.prefix).length, start).join(''), quote.prefix);
        assert.equal(text.slice(end, end + Array.from(quote.suffix).length).join(''), quote.suffix);
      }
      await page.context().close();
    }
  }
});

test('a hover card appears on hover and on keyboard focus, and Escape closes it', async () => {
  const page = await open(article);
  const lerner = page.locator('.article-body a.ref[data-ref="nicolas-lerner"]').first();
  await lerner.hover();
  const card = page.locator('#gloss-card');
  await card.waitFor({ state: 'visible' });
  assert.match(await card.textContent(), /Nicolas Lerner/);
  assert.match(await card.textContent(), /Person/);
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'detached' });

  await page.mouse.move(0, 0);
  await page.locator('.article-body a.ref[data-ref="russia-dprk-treaty/article-4"]').first().focus();
  await card.waitFor({ state: 'visible' });
  assert.match(await card.textContent(), /Article 4/);
  assert.match(await card.textContent(), /armed invasion/);
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'detached' });
  await page.context().close();
});

test('without JavaScript a reference is a plain link and notes are readable', async () => {
  const page = await open(article, 375, { javaScriptEnabled: false });
  const href = await page.locator('.article-body a.ref[data-ref="nicolas-lerner"]').first().getAttribute('href');
  assert.equal(href, '../../entities/nicolas-lerner/');
  assert.ok(await page.locator('#note-1-text').isVisible());
  await page.context().close();
});

test('a margin note sits beside its passage at 1400 px and folds under it at 375 px', async () => {
  const wide = await open(article, 1400);
  const note = wide.locator('#note-1-text');
  assert.ok(await note.isVisible());
  const noteBox = await note.boundingBox();
  const bodyBox = await wide.locator('.article-body').boundingBox();
  const passageBox = await wide.locator('#note-1').boundingBox();
  assert.ok(noteBox.x >= bodyBox.x + bodyBox.width, `note at x=${noteBox.x} is not right of the text ending at ${bodyBox.x + bodyBox.width}`);
  assert.ok(Math.abs(noteBox.y - passageBox.y) < 120, 'note is level with its passage');
  await wide.screenshot({ path: path.join(artifacts, 'article-1400.png'), fullPage: true });
  await wide.context().close();

  const narrow = await open(article, 375);
  const folded = narrow.locator('#note-1-text');
  assert.equal(await folded.isVisible(), false, 'folded on a narrow screen');
  await narrow.locator('sup.note-mark a[href="#note-1-text"]').click();
  assert.ok(await folded.isVisible(), 'opens on tap');
  const openBox = await folded.boundingBox();
  const passage = await narrow.locator('#note-1').boundingBox();
  assert.ok(openBox.y > passage.y, 'opens under its passage');
  await narrow.screenshot({ path: path.join(artifacts, 'article-375.png'), fullPage: true });
  await narrow.context().close();
});

async function noSidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

test('at 375 px an article with an embed and footnotes does not scroll sideways, and the iframe fits', async () => {
  for (const js of [true, false]) {
    const page = await open(embedsArticle, 375, { javaScriptEnabled: js });
    assert.ok(await noSidewaysScroll(page), `the embeds article scrolls sideways (JavaScript ${js ? 'on' : 'off'})`);
    const iframe = page.locator('.article-body iframe');
    assert.equal(await iframe.getAttribute('loading'), 'lazy');
    await iframe.scrollIntoViewIfNeeded();
    const box = await iframe.boundingBox();
    const body = await page.locator('.article-body').boundingBox();
    assert.ok(box.x >= body.x - 1 && box.x + box.width <= body.x + body.width + 1, `iframe ${box.x}+${box.width} outside the column`);
    assert.ok(Math.abs(box.width / box.height - 560 / 315) < 0.03, `iframe keeps 560:315, got ${box.width}x${box.height}`);
    await page.context().close();
  }
  const bundled = await open(article, 375);
  assert.ok(await noSidewaysScroll(bundled), 'the bundled article scrolls sideways');
  await bundled.context().close();
});

test('a footnote sits beside its reference at 1400 px and in the Notes list at the end at 375 px', async () => {
  const wide = await open(embedsArticle, 1400);
  const mark = wide.locator('a[href="#fn-1"]#fn-ref-1');
  const copy = wide.locator('#fn-ref-1 >> xpath=../following-sibling::span[@class="sidenote"][1]');
  assert.ok(await copy.isVisible(), 'the margin copy shows on a wide screen');
  const copyBox = await copy.boundingBox();
  const bodyBox = await wide.locator('.article-body').boundingBox();
  const markBox = await mark.boundingBox();
  assert.ok(copyBox.x >= bodyBox.x + bodyBox.width, `note at x=${copyBox.x} is not right of the text ending at ${bodyBox.x + bodyBox.width}`);
  assert.ok(Math.abs(copyBox.y - markBox.y) < 160, 'note is level with its reference');
  assert.match(await copy.textContent(), /6 November 2024/);
  await wide.screenshot({ path: path.join(artifacts, 'footnotes-1400.png'), fullPage: true });
  await wide.context().close();

  for (const js of [true, false]) {
    const narrow = await open(embedsArticle, 375, { javaScriptEnabled: js });
    assert.equal(await narrow.locator('.article-body .sidenote').first().isVisible(), false, 'no margin copy on a narrow screen');
    const note = narrow.locator('#fn-1');
    assert.ok(await note.isVisible(), 'the note is in the Notes list');
    const lastText = await narrow.locator('.article-body > p').last().boundingBox();
    assert.ok((await note.boundingBox()).y > lastText.y, 'the Notes list comes after the text');
    await narrow.locator('#fn-ref-1').click();
    await narrow.waitForURL(/#fn-1$/);
    await narrow.locator('#fn-1 a.footnote-back[href="#fn-ref-1-2"]').click();
    await narrow.waitForURL(/#fn-ref-1-2$/);
    if (js) await narrow.screenshot({ path: path.join(artifacts, 'footnotes-375.png'), fullPage: true });
    await narrow.context().close();
  }
});

/** Opens `pathname` recording every response's URL and size, from the start. */
async function openRecording(pathname) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const responses = [];
  page.on('response', (r) => responses.push(r.body().then((b) => ({ url: r.url(), bytes: b.length })).catch(() => ({ url: r.url(), bytes: 0 }))));
  await page.goto(base + pathname, { waitUntil: 'load' });
  return { page, responses: () => Promise.all(responses) };
}

/** The index files a search fetched, and their bytes: only meta.json, shards and chunks. */
async function indexFetched(responses, root) {
  const index = (await responses()).filter((r) => r.url.startsWith(base + root + 'search/') && r.url.endsWith('.json'));
  for (const r of index) assert.match(r.url.slice((base + root).length), /^search\/(meta\.json|t\/[0-9a-f]+\.json|d\/\d+\.json)$/);
  assert.ok(!(await responses()).some((r) => r.url.includes('search-index')), 'no whole index is fetched');
  return { files: index.length, bytes: index.reduce((n, r) => n + r.bytes, 0) };
}

test('search finds Article 4 and Ryder', async () => {
  const { page, responses } = await openRecording('search/');
  await page.fill('#search-input', 'Article 4');
  await page.locator('#search-results li').first().waitFor();
  const hrefs = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.some((h) => h.endsWith('documents/russia-dprk-treaty/article-4/')), hrefs.join(' '));
  const first = await indexFetched(responses, '');
  assert.ok(first.files >= 3 && first.bytes < 300 * 1024, `the first query fetched ${first.files} files, ${first.bytes} bytes`);
  assert.equal(await page.locator('#search-results li').first().locator('.kind').count(), 1, 'results are typed');
  await page.fill('#search-input', 'Ryder');
  await page.waitForFunction(() => [...document.querySelectorAll('#search-results a')].some((a) => a.href.includes('patrick-ryder')));
  const ryder = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(ryder.some((h) => h.endsWith('entities/patrick-ryder/')), ryder.join(' '));
  assert.ok(ryder.some((h) => h.endsWith('quotes/ryder-legitimate-targets/')), ryder.join(' '));
  assert.match(await page.locator('#search-results mark').first().textContent(), /ryder/i);
  await page.context().close();
});

test('search under a sub-path finds a quote by its original Cyrillic words, fetching only its shards and chunks', async () => {
  const { page, responses } = await openRecording('embeds/search/');
  await page.fill('#search-input', 'суверенное решение');
  await page.locator('#search-results li').first().waitFor();
  const hrefs = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.href));
  assert.deepEqual(hrefs, [base + 'embeds/quotes/peskov-sovereign/']);
  assert.equal(await page.locator('#search-results .kind').first().textContent(), 'Quote');
  assert.deepEqual(await page.locator('#search-results mark').allTextContents(), ['суверенное', 'решение']);
  const fetched = await indexFetched(responses, 'embeds/');
  assert.ok(fetched.files === 4 && fetched.bytes < 300 * 1024, `fetched ${fetched.files} files, ${fetched.bytes} bytes`);
  // An accented and capitalised word finds the plain one; a word prefix finds the whole word.
  await page.fill('#search-input', 'KRÉML');
  await page.waitForFunction(() => [...document.querySelectorAll('#search-results a')].some((a) => a.href.includes('articles/statement')));
  assert.match(await page.locator('#search-status').textContent(), /result/);
  await page.context().close();
  const off = await open('embeds/search/', 1400, { javaScriptEnabled: false });
  assert.match(await off.locator('main').innerText(), /Search runs in your browser and needs JavaScript/, 'without JavaScript the page says so');
  await off.context().close();
});

test('a deep link from an entity page lands on the passage', async () => {
  const page = await open('entities/nicolas-lerner/');
  const link = page.locator('.mentions a').first();
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForURL(/#m-nicolas-lerner-1$/);
  const target = page.locator('#m-nicolas-lerner-1');
  assert.ok(await target.isVisible());
  // The page scrolls smoothly to the passage (it lies below the lead image): wait for it to arrive.
  const inView = await page.waitForFunction(() => {
    const r = document.getElementById('m-nicolas-lerner-1').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, null, { timeout: 3000 }).then(() => true, () => false);
  assert.ok(inView, `${href} does not bring the passage into view`);
  await page.context().close();
});

const pageKinds = [
  '', article, embedsArticle, 'entities/', 'entities/nicolas-lerner/', 'quotes/', 'quotes/putin-satellite-images/', 'documents/',
  'documents/russia-dprk-treaty/', 'documents/russia-dprk-treaty/article-4/', 'timeline/', 'corrections/', 'search/', 'no-such-page/',
];

// Every page of the every-page fixture (it has code blocks, tables, figures, notes),
// served under /every-page/.
function everyPageKinds() {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) pages.push('every-page/' + path.relative(everyPage, full).replace(/index\.html$/, ''));
    }
  };
  walk(everyPage);
  return pages.sort();
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds no serious or critical violations on any page kind of both sites (${scheme})`, async () => {
    const problems = [];
    const kinds = [...pageKinds, ...everyPageKinds()];
    assert.ok(kinds.length > pageKinds.length + 15, kinds.join(' '));
    for (const kind of kinds) {
      const page = await open(kind, 1280, { colorScheme: scheme });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
      for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        problems.push(`/${kind}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });
}

test('passages add no glyph to the text and are links (screenshots at 1400 and 375 px, light and dark)', async () => {
  for (const [width, scheme] of [[1400, 'light'], [1400, 'dark'], [375, 'light'], [375, 'dark']]) {
    const page = await open(article, width, { colorScheme: scheme });
    const text = await page.locator('.article-body').evaluate((el) => {
      const copy = el.cloneNode(true);
      copy.querySelectorAll('pre, code, .note').forEach((n) => n.remove());
      return copy.textContent;
    });
    assert.ok(!text.includes('\u275E'), 'a ❞ in the article text');
    assert.ok(!/\d #|\s#\s/.test(text), 'a # marker in the article text');
    const quote = page.locator('#q-putin-satellite-images');
    assert.equal(await quote.evaluate((el) => el.tagName), 'A');
    assert.equal(await quote.getAttribute('href'), '../../quotes/putin-satellite-images/');
    // Nothing is added after a passage that could start a line on its own.
    const marks = await page.locator('.article-body .passage-mark, .article-body a.passage-link').evaluateAll((as) =>
      as.filter((a) => a.getBoundingClientRect().width > 1).length);
    assert.equal(marks, 0, 'a visible marker after a passage');
    await quote.scrollIntoViewIfNeeded();
    const box = await quote.boundingBox();
    const clip = { x: 0, y: Math.max(0, box.y - 150), width, height: 420 };
    await page.screenshot({ path: path.join(artifacts, `passage-${width}-${scheme}.png`), clip });
    await page.context().close();
  }
});

test('a quote passage is reached by keyboard and leads to the quote page', async () => {
  const page = await open(article);
  let focused = '';
  for (let i = 0; i < 80 && focused !== 'q-putin-satellite-images'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.id || '');
  }
  assert.equal(focused, 'q-putin-satellite-images');
  await page.keyboard.press('Enter');
  await page.waitForURL(/quotes\/putin-satellite-images\/$/);
  await page.context().close();
});

test('figure chart labels keep the unit and read at 12 px or more at 375 px', async () => {
  const page = await open(article, 375);
  const labels = await page.locator('.figure-chart p').evaluateAll((ps) => ps.map((p) => ({
    text: p.textContent, size: parseFloat(getComputedStyle(p).fontSize), width: p.getBoundingClientRect().right,
  })));
  assert.ok(labels.length >= 3, JSON.stringify(labels));
  for (const l of labels) assert.ok(l.size >= 12 && l.width <= 375, JSON.stringify(l));
  assert.ok(labels.some((l) => l.text.includes('10,000 troops')), JSON.stringify(labels));
  const svgText = await page.locator('.figure-chart svg text').count();
  assert.equal(svgText, 0, 'chart text is HTML, so it wraps and keeps its size');
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= 375, `the page scrolls sideways: ${scroll}`);
  await page.context().close();
});
test('images load at their stated size, a phone picks a small copy, and the front page fits both widths', async () => {
  for (const width of [1400, 375]) {
    for (const colorScheme of ['light', 'dark']) {
      const page = await open(article, width, { colorScheme });
      const images = await page.locator('img').evaluateAll((imgs) => imgs.map((img) => ({
        src: img.currentSrc, natural: img.naturalWidth, width: img.getAttribute('width'), height: img.getAttribute('height'), loading: img.loading,
      })));
      assert.ok(images.length >= 2, 'the lead map and the figure');
      for (const img of images) {
        assert.ok(img.width && img.height, `${img.src} has no size`);
      }
      const lead = images[0];
      assert.ok(lead.natural > 0, `${lead.src} did not load`);
      if (width === 375) assert.match(lead.src, /-(480|720|1080)w\.png$/, `a phone downloads a small copy, not ${lead.src}`);
      await page.locator('#img-kursk-region-map').scrollIntoViewIfNeeded();
      await page.locator('#img-kursk-region-map').screenshot({ path: path.join(artifacts, `figure-${width}-${colorScheme}.png`) });
      await page.context().close();

      const home = await open('', width, { colorScheme });
      const overflow = await home.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the front page scrolls sideways by ${overflow} px at ${width}`);
      await home.screenshot({ path: path.join(artifacts, `home-${width}-${colorScheme}.png`), fullPage: true });
      await home.context().close();
    }
  }
});
