import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../reporters/html.js';
import { mageprobe } from '../cli/run-cli.js';
import { hostileScan, LONG_TOKEN, PAYLOADS } from './hostile-scan.js';

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
