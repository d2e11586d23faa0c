/**
 * The HTML reading edition (xslt/tei-to-html.xsl) and the batch index page (xslt/tei-to-index.xsl).
 *
 * (a) Structure of the HTML string SaxonJS produces from the compiled stylesheet (compiled here
 *     with xslt3 when build/xslt/*.sef.json is missing or older than xslt/*.xsl): footnote links
 *     both ways, page numbers, entity marking and index, landmarks, no network references, and
 *     text that looks like markup staying text.
 * (b) A real browser (Debian's Chromium through playwright-core): footnote navigation, one tab
 *     stop per index entry with mentions reached from it and linked back, tooltips on focus, print
 *     styles, desktop and phone widths (the edition and the corpus index page), no console errors
 *     or requests.
 *
 * Everything is written to a temporary folder, removed at the end. To keep the screenshots
 * (desktop and phone width), name a folder: TELEGRAM_TEI_SCREENSHOTS=/some/dir npx vitest run test/html.test.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import SaxonJS from 'saxon-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEEDS, skipNote } from './helpers.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const xsltDir = join(root, 'xslt');
const buildDir = join(root, 'build', 'xslt');
const outDir = mkdtempSync(join(tmpdir(), 'telegram-tei-html-'));
const screenshotDir = process.env['TELEGRAM_TEI_SCREENSHOTS'] || outDir;
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const fixtures = join(root, 'test', 'fixtures');
const goldDir = resolve(root, '..', 'shared', 'corpus', 'frus-dev', 'gold');
const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const hasGold = existsSync(goldDir);

// ---------------------------------------------------------------------------------------------
// Compiling and running

function newestModule(): number {
  return Math.max(...readdirSync(xsltDir).filter((f) => f.endsWith('.xsl')).map((f) => statSync(join(xsltDir, f)).mtimeMs));
}

/** build/xslt/tei-to-<name>.sef.json, compiled with xslt3 if missing or older than any module. */
function compiled(name: string): object {
  const sef = join(buildDir, `tei-to-${name}.sef.json`);
  if (!existsSync(sef) || statSync(sef).mtimeMs < newestModule()) {
    mkdirSync(buildDir, { recursive: true });
    const xslt3 = createRequire(import.meta.url).resolve('xslt3');
    const tmp = `${sef}.${process.pid}.tmp`;
    execFileSync(process.execPath, [xslt3, `-xsl:${join(xsltDir, `tei-to-${name}.xsl`)}`, `-export:${tmp}`, '-relocate:on', '-nogo'],
      { cwd: root, stdio: 'pipe' });
    renameSync(tmp, sef);
  }
  return JSON.parse(readFileSync(sef, 'utf8')) as object;
}

let htmlSef: object;
let indexSef: object;

function transform(sef: object, xml: string): string {
  const result = SaxonJS.transform({ stylesheetInternal: sef, sourceText: xml, destination: 'serialized' }, 'sync');
  return String(result.principalResult);
}
const renderHtml = (xml: string): string => transform(htmlSef, xml);
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

// ---------------------------------------------------------------------------------------------
// A small reader for the serializer's HTML: start tags with their attributes, in order. SaxonJS
// quotes every attribute with " and escapes ", < and > inside values, so a start tag ends at the
// first ">".

interface Tag {
  name: string;
  attrs: Record<string, string>;
  /** index of the tag in document order */
  i: number;
}

function decode(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

function tags(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(/([^\s=>]+)(?:="([^"]*)")?/g)) attrs[a[1]] = decode(a[2] ?? '');
    out.push({ name: m[1].toLowerCase(), attrs, i: out.length });
  }
  return out;
}

const hasClass = (t: Tag, c: string): boolean => (t.attrs.class ?? '').split(/\s+/).includes(c);

/** The HTML without its attribute values (what is left is markup and text). */
const withoutAttributeValues = (html: string): string => html.replace(/="[^"]*"/g, '=""');

/** Text content, roughly: tags removed, entities decoded, the style and script dropped. */
function textOf(html: string): string {
  return decode(html.replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ''));
}

function ids(all: Tag[]): string[] {
  return all.map((t) => t.attrs.id).filter((id): id is string => id !== undefined);
}

/** Every footnote reference: the <a> right after <sup class="fn-ref">. */
function footnoteRefs(all: Tag[]): Tag[] {
  return all.filter((t, i) => t.name === 'a' && i > 0 && all[i - 1].name === 'sup' && hasClass(all[i - 1], 'fn-ref'));
}

/** The checks every rendered document must pass. */
function checkLinks(html: string): void {
  const all = tags(html);
  const idList = ids(all);
  expect(new Set(idList).size, `duplicate ids: ${idList.filter((x, i) => idList.indexOf(x) !== i).join(', ')}`).toBe(idList.length);
  const idSet = new Set(idList);
  // every in-page link resolves
  for (const a of all.filter((t) => t.name === 'a' && t.attrs.href?.startsWith('#'))) {
    expect(idSet.has(a.attrs.href.slice(1)), `link ${a.attrs.href} has no target`).toBe(true);
  }
  // footnotes: reference → note → back to the reference
  const refs = footnoteRefs(all);
  const backs = all.filter((t) => t.name === 'a' && hasClass(t, 'fn-back'));
  expect(backs.length).toBe(refs.length);
  for (const ref of refs) {
    expect(ref.attrs.id).toBeTruthy();
    const note = all.find((t) => t.attrs.id === ref.attrs.href.slice(1));
    expect(note?.name).toBe('li');
    expect(backs.some((b) => b.attrs.href === `#${ref.attrs.id}`), `no link back to ${ref.attrs.id}`).toBe(true);
  }
  // no network references and nothing executable from the input
  for (const t of all) {
    for (const attr of ['href', 'src', 'action', 'formaction', 'poster', 'srcset']) {
      const v = t.attrs[attr];
      if (v !== undefined && t.name !== 'link') expect(v, `<${t.name} ${attr}>`).not.toMatch(/^\s*(https?:|\/\/|javascript:|data:)/i);
    }
    expect(Object.keys(t.attrs).filter((a) => /^on/i.test(a)), `<${t.name}> event handler`).toEqual([]);
  }
  expect(all.filter((t) => t.name === 'link').every((l) => l.attrs.href === 'data:,')).toBe(true);
  expect(all.filter((t) => ['img', 'iframe', 'object', 'embed', 'base', 'form'].includes(t.name))).toEqual([]);
  expect(html).not.toMatch(/@import|url\(/);
  expect(withoutAttributeValues(html).match(/<script/g)?.length ?? 0).toBe(1);
}

beforeAll(() => {
  htmlSef = compiled('html');
  indexSef = compiled('index');
}, 120_000);

// ---------------------------------------------------------------------------------------------
// (a) Structure

describe('tei-to-html: the seed telegram', () => {
  let html: string;
  let all: Tag[];
  beforeAll(() => {
    html = renderHtml(fixture('seed-sample.tei.xml'));
    all = tags(html);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'seed.html'), html);
  });

  it('is an HTML5 page in English with its own charset declaration and no content-type meta', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(all.find((t) => t.name === 'html')?.attrs.lang).toBe('en');
    expect(all.find((t) => t.name === 'meta')?.attrs.charset).toBe('utf-8');
    expect(all.some((t) => t.name === 'meta' && /content-type/i.test(t.attrs['http-equiv'] ?? ''))).toBe(false);
    expect(html).toContain('<title>The Ambassador in the Soviet Union (Smith) to the Secretary of State</title>');
  });

  it('has the landmarks and headings', () => {
    for (const name of ['header', 'main', 'nav', 'footer', 'h1']) expect(all.some((t) => t.name === name), name).toBe(true);
    const notes = all.find((t) => t.name === 'section' && hasClass(t, 'notes'));
    expect(notes?.attrs['aria-labelledby']).toBe('notes-h');
    expect(all.find((t) => t.attrs.id === 'notes-h')?.name).toBe('h2');
    expect(all.find((t) => t.name === 'nav')?.attrs['aria-labelledby']).toBe('register-h');
    expect(all.find((t) => t.attrs.id === 'register-h')?.name).toBe('h2');
    expect(all.filter((t) => t.name === 'h3').length).toBe(3);
  });

  it('shows the header facts: title, date, sender, addressee, file number', () => {
    const header = textOf(html.slice(html.indexOf('<header'), html.indexOf('</header>')));
    expect(header).toContain('741.61/1–1447: Telegram');
    expect(header).toContain('The Ambassador in the Soviet Union (Smith) to the Secretary of State');
    expect(header).toMatch(/DateJanuary 14, 1947/);
    expect(header).toMatch(/FromSmith/);
    expect(header).toMatch(/ToSecretary of State/);
    expect(header).toMatch(/File number741\.61\/1–1447/);
    expect(html).toContain('<time datetime="1947-01-14">January 14, 1947</time>');
  });

  it('keeps the paragraphs with their telegram and paragraph numbers', () => {
    const text = textOf(html);
    expect(text).toContain('90. 1. Field Marshal Montgomery’s1 recent visit to Moscow');
    expect(text).toContain('2. British Ambassador2 informed me');
    expect(text).toContain('3. British Embassy here');
  });

  it('links every footnote reference to its note and back, with unique ids', () => {
    checkLinks(html);
    const refs = footnoteRefs(all);
    expect(refs.map((r) => r.attrs.href)).toEqual(['#d1fn1', '#d1fn2', '#d1fn3', '#d1fn4', '#d1fn5']);
    // note 3 has two paragraphs, the back link ends the second
    const note3 = html.slice(html.indexOf('<li id="d1fn3"'), html.indexOf('<li id="d1fn4"'));
    expect(note3.match(/<p>/g)?.length).toBe(2);
    expect(note3).toMatch(/essential\.”<a class="fn-back" href="#d1fn3-ref"[^>]*>/);
  });

  it('puts [Page 518] in the margin without breaking the sentence', () => {
    expect(html).toMatch(/required to <span class="pb" id="pg_518">.*?<span class="pb-label"> \[Page 518\] <\/span><\/span>cement/);
    expect(textOf(html)).toContain('[Page 518]');
  });

  it('marks persons, places and organisations with their kind, certainty and index entry', () => {
    const mentions = all.filter((t) => hasClass(t, 'ent') && (t.name === 'a' || t.name === 'span'));
    expect(mentions.length).toBe(30);
    const idSet = new Set(ids(all));
    const indexLinks = new Set(all.filter((t) => t.name === 'a' && t.attrs.href?.startsWith('#m-')).map((t) => t.attrs.href.slice(1)));
    for (const m of mentions) {
      expect(m.attrs.class).toMatch(/\bent-(person|place|org)\b/);
      expect(m.attrs.class).toMatch(/\bcert-(high|medium|low|none)\b/);
      // no tab stop (the index has one per entry), but a link to its index entry
      expect(m.attrs.tabindex).toBe('-1');
      expect(m.name).toBe('a');
      const entry = all.find((t) => t.attrs.id === m.attrs.href?.slice(1));
      expect(entry?.name, `${m.attrs.id} links to its entry`).toBe('li');
      expect(hasClass(entry!, 'reg-entry')).toBe(true);
      expect(m.attrs.id).toBeTruthy();
      expect(indexLinks.has(m.attrs.id), `index links to ${m.attrs.id}`).toBe(true);
      expect(idSet.has(m.attrs['aria-describedby']), `description ${m.attrs['aria-describedby']}`).toBe(true);
      expect(m.attrs['data-tip']).toBeTruthy();
    }
    const kinds = (k: string): number => mentions.filter((m) => hasClass(m, `ent-${k}`)).length;
    expect([kinds('person'), kinds('place'), kinds('org')]).toEqual([22, 3, 5]);
    // the role "British Ambassador" stands for Peterson, as the register describes him
    const ambassador = mentions.find((m) => m.attrs['data-ref'] === 'per-peterson' && hasClass(m, 'cert-medium'));
    expect(ambassador?.attrs['aria-describedby']).toBe('desc-per-peterson');
    expect(ambassador?.attrs['data-tip']).toContain('Person: Maurice Drummond Peterson');
    expect(ambassador?.attrs['data-tip']).toContain('British Ambassador in the Soviet Union');
    expect(ambassador?.attrs['data-tip']).toContain('certainty: medium');
    expect(mentions.filter((m) => hasClass(m, 'cert-low')).map((m) => m.attrs['data-ref'])).toEqual(['org-voroshilov-academy']);
    // the index: one tab stop per entry (its first mention link; the others are reached with
    // the arrow keys), and every entry links back to each of its mentions
    const navTags = all.filter((t) => t.i > all.findIndex((x) => x.name === 'nav') && t.i < all.findIndex((x) => x.name === 'footer'));
    const entries = navTags.filter((t) => t.name === 'li' && hasClass(t, 'reg-entry'));
    const entryLinks = navTags.filter((t) => t.name === 'a' && t.attrs.href?.startsWith('#m-'));
    expect(entries.length).toBe(new Set(mentions.map((m) => m.attrs.href)).size);
    expect(entries.length).toBe(11);
    expect(entryLinks.filter((a) => a.attrs.tabindex === undefined).length).toBe(entries.length);
    expect(entryLinks.filter((a) => a.attrs.tabindex === '-1').length).toBe(entryLinks.length - entries.length);
    for (const m of mentions) {
      const entryOf = [...entries].reverse().find((e) => e.i < entryLinks.find((a) => a.attrs.href === `#${m.attrs.id}`)!.i);
      expect(entryOf?.attrs.id, `the entry that links to ${m.attrs.id} is the one it links to`).toBe(m.attrs.href.slice(1));
    }
    // the index: register names and descriptions
    const nav = textOf(html.slice(html.indexOf('<nav'), html.indexOf('</nav>')));
    for (const s of ['Bernard Law Montgomery', 'Joseph Stalin', 'Alexander Mikhailovich Vasilevsky', 'Maurice Drummond Peterson',
      'Moscow', 'England', 'Stalin Tank School', 'United Nations', 'Voroshilov Military Academy', 'Frunze Military Academy',
      'in the text as “Vassilievski”', 'in the text as “British Ambassador”']) {
      expect(nav).toContain(s);
    }
  });

  it('renders dates with their ISO value', () => {
    expect(html).toContain('<time datetime="1942-05-26">May 26, 1942</time>');
  });
});

describe('tei-to-html: text that looks like markup stays text', () => {
  let html: string;
  beforeAll(() => {
    html = renderHtml(fixture('markup-in-text.tei.xml'));
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'markup-in-text.html'), html);
  });

  it('creates no element from the input', () => {
    const markup = withoutAttributeValues(html);
    expect(markup.match(/<script/g)?.length).toBe(1); // our own enhancement script
    expect(markup).not.toMatch(/<script>alert/);
    expect(markup).not.toMatch(/<b>|<img|<\/style>\./);
    expect(tags(html).some((t) => t.name === 'b' || t.name === 'img')).toBe(false);
    checkLinks(html);
  });

  it('escapes it where it appears', () => {
    expect(html).toContain('1. Hostile text: &lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;not bold&lt;/b&gt; and " onmouseover="alert(2) and &amp;lt; stays.');
    expect(html).toContain('<title>The head &lt;script&gt;alert(5)&lt;/script&gt; (&lt;b&gt;Smith&lt;/b&gt;)</title>');
    expect(html).toContain('Note with &lt;script&gt;alert(6)&lt;/script&gt;.');
    const text = textOf(html);
    expect(text).toContain('<script>alert(1)</script> and <b>not bold</b>');
    expect(text).toContain('Description with <img src=x onerror=alert(3)> and a "quote"');
  });

  it('makes links only to places inside the page', () => {
    const anchors = tags(html).filter((t) => t.name === 'a');
    expect(anchors.some((a) => /javascript|example\.org/.test(a.attrs.href ?? ''))).toBe(false);
    expect(html).toContain('<a class="xref-local" href="#d9fn1">note 1</a>');
  });
});

const goldSuite = 'tei-to-html: the gold FRUS documents (bare div type="document")';
describe.skipIf(!hasGold)(hasGold ? goldSuite : skipNote(goldSuite), () => {
  it('renders all of them with working links and sensible openers, lists, tables and closers', () => {
    const files = readdirSync(goldDir).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const html = renderHtml(readFileSync(join(goldDir, f), 'utf8'));
      expect(html, f).toContain('<h1 id="doc-title">');
      checkLinks(html);
    }
    const d248 = renderHtml(readFileSync(join(goldDir, 'frus1948v05p1_d248.xml'), 'utf8'));
    for (const s of ['<div class="opener">', '<p class="classification-line rn-left">', '<p class="dateline rn-right">',
      '<td class="rn-top rn-nowrap">Participants:</td>', '<blockquote class="rend-blockquote">', '<div class="closer">',
      '<p class="signed">C. P. <span class="sc">Noyes</span>', '<section class="attachment">']) {
      expect(d248).toContain(s);
    }
    expect(d248).toMatch(/<dt>Classification<\/dt><dd class="classification">secret<\/dd>/);
    const d414 = renderHtml(readFileSync(join(goldDir, 'frus1942v06_d414.xml'), 'utf8'));
    expect(d414).toContain('<ul class="labelled"><li><span class="item-label">1)</span>');
    // a footnote marker is glued to the word before it, even across the end of an element
    expect(d414).toMatch(/Embassy<\/span><\/i><sup class="fn-ref"><a id="d414fn51-ref"/);
    // 1950s: the source note is footnote 1 of the head; the file number and classification come from it
    const d190 = renderHtml(readFileSync(join(goldDir, 'frus1955-57v24_d190.xml'), 'utf8'));
    expect(d190).toMatch(/<dt>File number<\/dt><dd>747C\.00\/8–1856<\/dd>/);
    expect(d190).toMatch(/<dt>Classification<\/dt><dd class="classification">Secret; Priority<\/dd>/);
    // a reference to a page outside this document stays text
    expect(d414).toContain('<span class="xref" data-target="#pg_396">pp. 396</span>');
  }, 60_000);
});

describe('tei-to-index: the batch index page', () => {
  let html: string;
  beforeAll(() => {
    html = transform(indexSef, fixture('index-sample.xml'));
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'index.html'), html);
  });

  it('lists the documents by date with links to their editions', () => {
    const all = tags(html);
    expect(all.find((t) => t.name === 'html')?.attrs.lang).toBe('en');
    const rows = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>')).split('<tr>').slice(1).map(textOf);
    expect(rows[0]).toMatch(/^June 9, 1942The Department of State to the Ecuadoran EmbassyDepartment of StateEcuadoran Embassy$/);
    expect(rows[1]).toMatch(/^January 14, 1947The Ambassador in the Soviet Union/);
    expect(rows[3]).toContain('Hostile <script>alert(1)</script> title'); // undated last, as text
    expect(all.filter((t) => t.name === 'th').map((t) => t.attrs.scope)).toEqual(['col', 'col', 'col', 'col']);
    checkLinks(html.replace('</body>', '<script></script></body>'));
  });

  it('gives the registers across documents, linking to each edition\'s index entry', () => {
    expect(html).toContain('<a href="smith-1947-01-14-montgomery-visit.html#reg-per-montgomery">');
    expect(html).toContain('(January 14, 1947, 12 mentions)');
    expect(textOf(html)).toContain('https://example.org/x.html (1 mention)'); // not a link
    for (const h of ['Persons', 'Places', 'Organisations']) expect(html).toMatch(new RegExp(`<h2 id="register-[a-z]+">${h}</h2>`));
    expect(tags(html).some((t) => t.name === 'a' && /^(javascript|https?):/.test(t.attrs.href ?? ''))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// (b) In a browser

const browserSuite = hasChromium ? 'tei-to-html in a real browser (Chromium)' : skipNote('tei-to-html in a real browser', NEEDS.chromium);

describe.skipIf(!hasChromium)(browserSuite, () => {
  type Browser = import('playwright-core').Browser;
  type Page = import('playwright-core').Page;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'seed.html'), renderHtml(fixture('seed-sample.tei.xml')));
    writeFileSync(join(outDir, 'markup-in-text.html'), renderHtml(fixture('markup-in-text.tei.xml')));
    writeFileSync(join(outDir, 'index.html'), transform(indexSef, fixture('index-sample.xml')));
    mkdirSync(screenshotDir, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string, width = 1280, height = 900): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, reducedMotion: 'reduce' });
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${file}: console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${file}: page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`${file}: request failed: ${r.url()}`));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`${file}: request: ${r.url()}`); });
    page.on('dialog', (d) => { problems.push(`${file}: dialog: ${d.message()}`); void d.dismiss(); });
    await page.goto(pathToFileURL(join(outDir, file)).href, { waitUntil: 'load' });
    return page;
  }

  const inViewport = (page: Page, selector: string): Promise<boolean> =>
    page.$eval(selector, (el) => {
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    });
  const targetId = (page: Page): Promise<string | undefined> => page.evaluate(() => document.querySelector(':target')?.id);

  it('follows a footnote reference to its note and back', async () => {
    const page = await open('seed.html');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.screenshot({ path: join(screenshotDir, 'seed-desktop.png'), fullPage: true });

    const ref = page.locator('sup.fn-ref a').first();
    await ref.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#d1fn1');
    expect(await targetId(page)).toBe('d1fn1');
    await expect.poll(() => inViewport(page, '#d1fn1')).toBe(true);
    expect(await page.locator('#d1fn1').isVisible()).toBe(true);
    expect(await page.$eval('#d1fn1', (el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');

    await page.locator('#d1fn1 a.fn-back').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#d1fn1-ref');
    expect(await targetId(page)).toBe('d1fn1-ref');
    await expect.poll(() => inViewport(page, '#d1fn1-ref')).toBe(true);
    await page.close();
  }, 60_000);

  /** What has the focus: tag, id and class of the active element, and whether it is in the index or a mention. */
  const focused = (page: Page): Promise<{ tag: string; id: string; cls: string; inIndex: boolean; mention: boolean }> =>
    page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      return {
        tag: e?.tagName.toLowerCase() ?? '', id: e?.id ?? '', cls: e?.className ?? '',
        inIndex: !!e?.closest('nav.register'), mention: !!e?.closest('.ent'),
      };
    });

  it('has one tab stop per index entry and none per mention', async () => {
    const page = await open('seed.html');
    const stops: Awaited<ReturnType<typeof focused>>[] = [];
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.tag === 'body' || (stops.length > 0 && f.tag === stops[0]!.tag && f.id === stops[0]!.id && f.cls === stops[0]!.cls)) break;
      stops.push(f);
    }
    const entries = await page.$$eval('nav.register li.reg-entry', (l) => l.length);
    const footnotes = await page.$$eval('sup.fn-ref a', (l) => l.length);
    expect(entries).toBe(11);
    expect(stops[0]!.cls).toBe('skip-link');
    expect(stops.filter((f) => f.mention)).toEqual([]);
    expect(stops.filter((f) => f.inIndex).length).toBe(entries);
    // the skip link, the footnote references and their links back, one per index entry: no more
    expect(stops.length).toBe(1 + 2 * footnotes + entries);
    await page.close();
  }, 60_000);

  it('moves through an entry\'s mentions with the arrow keys, and links mentions and entries both ways', async () => {
    const page = await open('seed.html');
    const entry = page.locator('nav.register li.reg-entry', { has: page.locator('a[href="#m-2"]') });
    const entryId = await entry.getAttribute('id');
    const links = entry.locator('.reg-refs a');
    expect(await links.count()).toBeGreaterThan(2);
    await links.first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await links.nth(1).evaluate((a) => a === document.activeElement)).toBe(true);
    // the entry's one tab stop moves with the focus
    expect(await links.evaluateAll((all) => all.map((a) => a.getAttribute('tabindex')))).toEqual(
      (await links.evaluateAll((all) => all.map((_, i) => (i === 1 ? null : '-1')))));
    await page.keyboard.press('End');
    const last = await links.last().getAttribute('href');
    expect(await links.last().evaluate((a) => a === document.activeElement)).toBe(true);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft'); // wraps round to the last
    expect(await links.last().evaluate((a) => a === document.activeElement)).toBe(true);
    // Enter: to the mention, which takes the focus and shows its description
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(last);
    await expect.poll(async () => (await focused(page)).id).toBe(last!.slice(1));
    expect(await page.$eval(last!, (el) => getComputedStyle(el, '::after').content)).toContain('Bernard Law Montgomery');
    await expect.poll(() => inViewport(page, last!)).toBe(true);
    // and from the mention back to its entry
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#${entryId}`);
    await expect.poll(async () => (await focused(page)).id).toBe(entryId);
    await page.keyboard.press('Tab');
    expect(await links.last().evaluate((a) => a === document.activeElement)).toBe(true);
    // a click on a mention in the text leads to its entry too
    await page.click('#m-2');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#${entryId}`);
    expect(await targetId(page)).toBe(entryId);
    await page.close();
  }, 60_000);

  it('fits the corpus index page on a 390 px phone and a desktop', async () => {
    for (const [width, name] of [[390, 'index-phone.png'], [1280, 'index-desktop.png']] as const) {
      const page = await open('index.html', width, 844);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `scroll width at ${width} px`).toBeLessThanOrEqual(width);
      // every cell of the list of documents, "To" included, is inside the window
      const right = await page.$$eval('.doc-table td, .doc-table th', (cells) =>
        Math.max(...cells.filter((c) => c.getBoundingClientRect().height > 1).map((c) => c.getBoundingClientRect().right)));
      expect(right).toBeLessThanOrEqual(width);
      expect(await page.locator('.doc-table td.to', { hasText: 'Secretary of State' }).isVisible()).toBe(true);
      await page.screenshot({ path: join(screenshotDir, name), fullPage: true });
      await page.close();
    }
  }, 60_000);

  it('shows the register description on keyboard focus and a footnote pop-up on hover', async () => {
    const page = await open('seed.html');
    // keyboard: the skip link first; a mention takes the focus when an index link leads to it
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.focus('#m-2');
    const tip = await page.$eval('#m-2', (el) => getComputedStyle(el, '::after').content);
    expect(tip).toContain('Bernard Law Montgomery');
    expect(tip).toContain('Chief of the Imperial General Staff');
    const outline = await page.$eval('#m-2', (el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    expect(await page.$eval('#m-2', (el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent))
      .toContain('Bernard Law Montgomery');
    await page.screenshot({ path: join(screenshotDir, 'seed-focus.png') });
    expect(await page.$eval('#m-2', (el) => getComputedStyle(el, '::after').display)).toBe('block');
    await page.keyboard.press('Escape');
    expect(await page.$eval('#m-2', (el) => getComputedStyle(el, '::after').display)).toBe('none');

    await page.hover('sup.fn-ref a >> nth=1');
    await expect.poll(() => page.locator('#fn-pop').isVisible()).toBe(true);
    expect(await page.locator('#fn-pop').textContent()).toContain('Maurice Drummond Peterson');
    expect(await page.$$eval('#fn-pop [id]', (els) => els.length)).toBe(0);
    await page.mouse.move(5, 5);
    await expect.poll(() => page.locator('#fn-pop').isVisible()).toBe(false);
    await page.close();
  }, 60_000);

  it('prints the notes and page numbers without tooltips', async () => {
    const page = await open('seed.html');
    await page.emulateMedia({ media: 'print' });
    await page.focus('#m-2');
    expect(await page.$eval('#m-2', (el) => getComputedStyle(el, '::after').display)).toBe('none');
    expect(await page.locator('#d1fn3').isVisible()).toBe(true);
    expect(await page.locator('#pg_518 .pb-label').isVisible()).toBe(true);
    expect(await page.locator('#pg_518 .pb-label').textContent()).toContain('[Page 518]');
    expect(await page.locator('#d1fn1 a.fn-back').isVisible()).toBe(false);
    await page.close();
  }, 60_000);

  it('keeps the text right under the header when the index beside it is long', async () => {
    const page = await open('seed.html', 1440, 900);
    await page.evaluate(() => {
      const list = document.querySelector('nav.register ul');
      for (let i = 0; i < 80; i++) list?.appendChild(list.firstElementChild!.cloneNode(true));
    });
    const gap = await page.evaluate(() =>
      document.querySelector('main')!.getBoundingClientRect().top - document.querySelector('header')!.getBoundingClientRect().bottom);
    expect(gap).toBeLessThan(80);
    const side = await page.evaluate(() =>
      document.querySelector('nav.register')!.getBoundingClientRect().left > document.querySelector('main')!.getBoundingClientRect().right);
    expect(side).toBe(true);
    await page.close();
  }, 60_000);

  it('lays the page out on a narrow screen with page numbers inline', async () => {
    const page = await open('seed.html', 390, 800);
    const label = await page.$eval('#pg_518 .pb-label', (el) => getComputedStyle(el).position);
    expect(label).toBe('static');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'seed-phone.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('runs nothing from the input', async () => {
    const page = await open('markup-in-text.html');
    expect(await page.$$eval('script', (s) => s.length)).toBe(1);
    expect(await page.$$eval('b, img', (s) => s.length)).toBe(0);
    expect(await page.locator('article').textContent()).toContain('<script>alert(1)</script> and <b>not bold</b>');
    await page.hover('#m-2');
    await page.close();
  }, 60_000);

  it('had no console errors, failed requests or network requests', () => {
    expect(problems).toEqual([]);
  });
});
