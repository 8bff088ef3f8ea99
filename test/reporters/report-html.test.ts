import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../reporters/html.js';
import { mageprobe } from '../cli/run-cli.js';
import { hostileScan, INERT_BREAKERS, LONG_TOKEN, PAYLOADS } from './hostile-scan.js';

// report.html as a reader opens it: Debian's chromium (a lab package), headless, from a file:
// URL. Browser-side code is given as strings: the project compiles without the DOM library.
const CHROMIUM = '/usr/bin/chromium';

interface Opened {
  readonly page: Page;
  /** Console errors (a CSP refusal is one), uncaught exceptions, dialogs, and every request that was not the file itself. */
  readonly problems: string[];
}

describe('report.html in headless Chromium', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-report-html-'));
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  });
  afterAll(() => browser?.close());

  async function open(file: string, { javaScriptEnabled = true, width = 1280 } = {}): Promise<Opened> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 900 } });
    const problems: string[] = [];
    // Nothing may leave the page: any request but the report's own file fails the test (and is refused).
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pathToFileURL(file).href) return route.continue();
      problems.push(`request ${url}`);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('request', (r) => void (r.url().startsWith('file:') || problems.push(`request ${r.url()}`)));
    page.on('console', (m) => void (m.type() === 'error' && problems.push(`console ${m.text()}`)));
    page.on('pageerror', (e) => void problems.push(`pageerror ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, problems };
  }

  const write = (name: string, html: string) => {
    const file = join(dir, name);
    writeFileSync(file, html);
    return file;
  };
  const count = (page: Page, selector: string) =>
    page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].filter((e) => e.checkVisibility()).length`) as Promise<number>;
  const tick = (page: Page, filter: string, value: string) => page.click(`#filters input[data-f="${filter}"][value="${value}"]`);
  /** Polls `expression` in the page (waitForFunction would compile it there, which the report's CSP refuses). */
  const until = async (page: Page, expression: string) => {
    for (let i = 0; i < 200; i++) {
      if (await page.evaluate(expression)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`still false after 10 s: ${expression}`);
  };

  describe('with text from a hostile server', () => {
    let file: string;
    beforeAll(() => {
      file = write('hostile.html', renderHtml(hostileScan()));
    });

    it('renders with no console error, no request, no script of theirs and no dialog; their text shows as text', async () => {
      const { page, problems } = await open(file);
      await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
      expect(problems).toEqual([]);
      // The page's own script ran (the filter bar is shown by it) and is the only one.
      expect(await page.isVisible('#filters')).toBe(true);
      expect(await page.evaluate('document.scripts.length')).toBe(1);
      expect(await page.evaluate('document.querySelectorAll("img, iframe, link, svg, object, embed, base, form").length')).toBe(0);
      expect(await page.evaluate('document.querySelectorAll("meta[http-equiv]").length')).toBe(1); // our CSP
      const text = (await page.evaluate('document.body.textContent')) as string;
      for (const p of PAYLOADS.slice(0, 7)) expect(text).toContain(p);
      // Bidi controls shown as escapes, never as the characters; the CI marker is inert text here.
      expect(text).toContain('\\u202etxt.exe\\u202c');
      expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      expect(text).toContain('[[ATTACHMENT|/etc/passwd]]');
      expect(page.url()).toBe(pathToFileURL(file).href);
      await page.context().close();
    });

    it('keeps a 5000-character token inside the viewport, every section unfolded, wide or narrow', async () => {
      for (const width of [1280, 700]) {
        const { page, problems } = await open(file, { width });
        await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
        const sizes = (await page.evaluate(
          `({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth, token: document.body.textContent.includes(${JSON.stringify(LONG_TOKEN)}) })`,
        )) as { scroll: number; viewport: number; token: boolean };
        expect(sizes.token).toBe(true);
        expect(sizes.scroll, `width ${width}`).toBeLessThanOrEqual(sizes.viewport);
        expect(problems).toEqual([]);
        await page.context().close();
      }
    });

    it('filters by outcome, area and severity hide and show the right rows', async () => {
      const { page, problems } = await open(file);
      const rows = () => Promise.all(['pass', 'fail', 'inconclusive', 'waived', 'not-applicable'].map((o) => count(page, `#targets tr[data-o="${o}"]`)));
      expect(await rows()).toEqual([3, 6, 3, 3, 3]);
      expect(await count(page, 'section.finding')).toBe(2);

      await tick(page, 'o', 'pass');
      expect(await rows()).toEqual([0, 6, 3, 3, 3]);
      await tick(page, 'o', 'fail');
      expect(await rows()).toEqual([0, 0, 3, 3, 3]);
      expect(await count(page, 'section.finding')).toBe(0);
      await tick(page, 'o', 'pass');
      await tick(page, 'o', 'fail');
      expect(await rows()).toEqual([3, 6, 3, 3, 3]);

      // Area: headers holds HDR-01, HDR-02, HDR-07; tls holds TLS-01.
      await tick(page, 'a', 'headers');
      expect(await count(page, '#targets tr[data-a="headers"]')).toBe(0);
      expect(await count(page, '#targets tr[data-a="tls"]')).toBe(3);
      expect(await count(page, 'section.finding')).toBe(0);
      await tick(page, 'a', 'headers');
      // Severity: HDR-01 and HDR-02 are medium; the internal error (SSH-03) too.
      await tick(page, 's', 'medium');
      expect(await count(page, '#targets tr[data-s="medium"]')).toBe(0);
      expect(await count(page, '#internal-errors tr[data-s="medium"]')).toBe(0);
      expect(await count(page, '#targets tr[data-s="low"]')).toBe(3);
      expect(await count(page, 'section.finding')).toBe(1);
      await tick(page, 's', 'medium');
      expect(await count(page, '#targets tr[data-s="medium"]')).toBe(6);
      expect(await count(page, '#internal-errors tr[data-o="internal-error"]')).toBe(1);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('prints: the filter bar hidden, folded evidence shown, page.pdf() gives a PDF', async () => {
      const { page, problems } = await open(file);
      // A filter in force carries over into print: what the reader chose to see is what prints.
      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate('getComputedStyle(document.getElementById("filters")).display')).toBe('none');
      // Evidence folded on screen (failures' evidence is closed) is printed.
      expect(await page.evaluate('document.querySelector("#failures details:not([open]) pre").checkVisibility()')).toBe(true);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(20_000);
      await page.emulateMedia({ media: 'screen' });
      expect(await page.evaluate('document.querySelector("#failures details:not([open]) pre").checkVisibility()')).toBe(false);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('without script shows every row and no filter bar', async () => {
      const { page, problems } = await open(file, { javaScriptEnabled: false });
      expect(await page.isVisible('#filters')).toBe(false);
      expect(await count(page, '#targets tr[data-o]')).toBe(18);
      expect(await count(page, 'section.finding')).toBe(2);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  });

  describe('a large report (7 targets: folded sections packed) with text from a hostile server', () => {
    let file: string;
    beforeAll(() => {
      file = write('hostile-large.html', renderHtml(hostileScan(4)));
    });
    const unpacked = (page: Page) => until(page, `'unpacked' in document.documentElement.dataset`);
    const packedLeft = (page: Page) => page.evaluate('document.querySelectorAll(".later").length') as Promise<number>;
    /** Opens every <details>, again as bodies put in place bring more, until none is left packed. */
    const unfoldAll = async (page: Page) => {
      for (let round = 0; round < 3; round++) {
        await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
        await until(page, '!document.querySelector(".later")');
      }
    };
    const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;

    it('puts a section in place when opened; fully unfolded, their text shows as text and nothing of theirs runs', async () => {
      const { page, problems } = await open(file);
      await unpacked(page);
      expect(await page.evaluate('document.getElementById("later")')).toBeNull();
      // 7 targets and 2 failing checks, all folded and packed.
      expect(await packedLeft(page)).toBe(9);
      expect(await count(page, '#targets tr[data-o]')).toBe(0);
      await page.click('#t3 > summary');
      await page.waitForSelector('#t3 tr[data-o]');
      expect(await count(page, '#t3 tr[data-o]')).toBe(6);
      expect(await packedLeft(page)).toBe(8);
      await unfoldAll(page);
      await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
      expect(await count(page, '#targets tr[data-o]')).toBe(42);
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
      expect(await page.evaluate('document.scripts.length')).toBe(1);
      expect(await page.evaluate('document.querySelectorAll("img, iframe, link, svg, object, embed, base, form, template").length')).toBe(0);
      const text = (await page.evaluate('document.body.textContent')) as string;
      for (const p of [...PAYLOADS.slice(0, 7), ...INERT_BREAKERS.slice(0, 4), LONG_TOKEN]) expect(text).toContain(p);
      // U+2028 and NUL (the packing's separator) arrive as the visible escapes core/safe-text.ts made of them.
      expect(text).toContain('\\u2028\n  \\x00\n');
      expect(text).not.toMatch(/[\0\u2028]/);
      const sizes = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })')) as {
        scroll: number;
        viewport: number;
      };
      expect(sizes.scroll).toBeLessThanOrEqual(sizes.viewport);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('filters reach cases not yet put in place', async () => {
      const { page, problems } = await open(file);
      await unpacked(page);
      await tick(page, 'o', 'pass');
      await tick(page, 's', 'low');
      await page.click('#t5 > summary');
      await page.waitForSelector('#t5 tr[data-o]');
      // In place but hidden: pass (HDR-02) by outcome, HDR-07 by severity.
      expect(await page.evaluate('document.querySelectorAll("#t5 tr[data-o]").length')).toBe(6);
      expect(await count(page, '#t5 tr[data-o="pass"]')).toBe(0);
      expect(await count(page, '#t5 tr[data-s="low"]')).toBe(0);
      expect(await count(page, '#t5 tr[data-o]')).toBe(4);
      await tick(page, 'o', 'pass');
      await tick(page, 's', 'low');
      expect(await count(page, '#t5 tr[data-o]')).toBe(6);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('a link into a packed section puts it in place, opens it and scrolls to it, also as the URL opened', async () => {
      const { page, problems } = await open(file);
      await unpacked(page);
      await page.click('#t4 > summary');
      // The row of a failure links to its evidence under Failures, packed too.
      const link = '#t4 tr[data-o="fail"] a[href^="#f"]';
      await page.waitForSelector(link);
      const target = ((await page.getAttribute(link, 'href')) ?? '').slice(1);
      await page.click(link);
      await until(page, `document.getElementById(${JSON.stringify(target)})?.open === true`);
      expect(await page.isVisible(`[id="${target}"] pre.obs`)).toBe(true);
      expect(await page.evaluate(`document.getElementById(${JSON.stringify(target)}).getBoundingClientRect().top < innerHeight`)).toBe(true);
      // The last anchor packed (a failure of the second failing check), as the address a reader was sent: found after unpacking.
      const deep = (await page.evaluate('[...document.querySelectorAll(".later[data-ids]")].pop().dataset.ids.split(" ").pop()')) as string;
      expect(deep).toMatch(/^f\d+$/);
      const again = await browser.newContext();
      const second = await again.newPage();
      await second.goto(`${pathToFileURL(file).href}#${deep}`, { waitUntil: 'load' });
      await until(second, `!!document.getElementById(${JSON.stringify(deep)})?.checkVisibility()`);
      expect(problems).toEqual([]);
      await again.close();
      await page.context().close();
    });

    it('prints complete: print media puts every section in place, and page.pdf() prints what a fully unfolded page prints', async () => {
      const { page, problems } = await open(file);
      await unpacked(page);
      await page.emulateMedia({ media: 'print' });
      await until(page, '!document.querySelector(".later")');
      // Folded on screen, shown in print: a target's cases and a failure's evidence.
      expect(await count(page, '#t6 tr[data-o]')).toBe(6);
      expect(await page.evaluate('document.querySelector("#failures details:not([open]) pre").checkVisibility()')).toBe(true);
      await page.emulateMedia({ media: 'screen' });
      await page.context().close();
      // A fresh page printed as is (beforeprint does the unfolding) against one unfolded by hand first.
      const printed = await open(file);
      await unpacked(printed.page);
      const asIs = await printed.page.pdf({ format: 'A4' });
      expect(await packedLeft(printed.page)).toBe(0);
      await unfoldAll(printed.page);
      const unfolded = await printed.page.pdf({ format: 'A4' });
      const noScript = await open(file, { javaScriptEnabled: false });
      const summaryOnly = await noScript.page.pdf({ format: 'A4' });
      expect(pdfPages(asIs)).toBe(pdfPages(unfolded));
      expect(pdfPages(asIs)).toBeGreaterThan(3 * pdfPages(summaryOnly));
      expect([...problems, ...printed.problems, ...noScript.problems]).toEqual([]);
      await printed.page.context().close();
      await noScript.page.context().close();
    });

    it('a browser that cannot unpack says so in each folded section instead of leaving it empty', async () => {
      const context = await browser.newContext();
      await context.addInitScript('delete window.DecompressionStream');
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await until(page, '[...document.querySelectorAll(".later")].every((p) => p.textContent.includes("could not unpack"))');
      await page.click('#t2 > summary');
      expect(await page.isVisible('#t2 >> text=could not unpack this section')).toBe(true);
      expect(await page.evaluate('document.querySelectorAll(".later").length')).toBe(9);
      await context.close();
    });

    it('without script says the folded sections need it, and still shows the cover, summary and failures', async () => {
      const { page, problems } = await open(file, { javaScriptEnabled: false });
      expect(await page.evaluate('document.body.innerText')).toContain('Folded sections need script');
      expect(await count(page, '#summary tbody tr')).toBe(5 + 7); // by severity, by target
      expect(await count(page, 'section.finding')).toBe(2);
      expect(await page.evaluate('document.querySelectorAll(".later").length')).toBe(9);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  });

  it('a scan of a server whose banner and page carry script: the report runs none of it', async () => {
    // Written as raw bytes on loopback: the Server header and the body are the attack.
    const body = `<html><title>${PAYLOADS[0]}</title>${PAYLOADS[2]}</html>`;
    const head = `HTTP/1.1 200 OK\r\nServer: nginx ${PAYLOADS[1]}\r\nX-Powered-By: PHP ${PAYLOADS[3]}\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
    const server = createServer((c) => {
      c.on('error', () => undefined);
      c.once('data', () => c.end(head + body));
    });
    const port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
    try {
      const targets = join(dir, 'hostile.yaml');
      writeFileSync(targets, `targets:\n  - name: hostile\n    url: http://127.0.0.1:${port}/\n    timeouts: { connectMs: 1000, requestMs: 3000 }\n`);
      const out = join(dir, 'hostile-scan');
      const r = await mageprobe(['scan', targets, '--only', 'HDR-01,HDR-02,HDR-07', '--out', out]);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).toContain('server: nginx &lt;/style&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt;');
      const { page, problems } = await open(join(out, 'report.html'));
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
      expect(problems).toEqual([]);
      expect(await page.evaluate('document.body.textContent')).toContain(`nginx ${PAYLOADS[1]}`);
      await page.context().close();
    } finally {
      server.close();
    }
  });

  it('the demo report renders, and its filters hide and show rows', async () => {
    const out = join(dir, 'demo');
    const r = await mageprobe(['demo', '--out', out]);
    expect(r.stdout + r.stderr).toContain('report.html');
    const { page, problems } = await open(join(out, 'report.html'));
    expect(problems).toEqual([]);
    const fails = await count(page, '#targets tr[data-o="fail"]');
    const passes = await count(page, '#targets tr[data-o="pass"]');
    expect(fails).toBeGreaterThan(10);
    expect(passes).toBeGreaterThan(0);
    await tick(page, 'o', 'fail');
    expect(await count(page, '#targets tr[data-o="fail"]')).toBe(0);
    expect(await count(page, 'section.finding')).toBe(0);
    expect(await count(page, '#targets tr[data-o="pass"]')).toBe(passes);
    await tick(page, 'o', 'fail');
    expect(await count(page, '#targets tr[data-o="fail"]')).toBe(fails);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
