import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTarget } from '../../core/targets.js';
import { chromiumPath, LEAN_FEATURES, launchChromium, PLAYWRIGHT_FEATURES } from '../../probes/browser/chromium.js';
import type { PaymentPageVisit, SeenScript } from '../../probes/browser/page-facts.js';
import { pageLimitMs, visitPaymentPages } from '../../probes/browser/visit.js';
import { httpClientFor } from '../../probes/http/client.js';
import { BUNDLE, type PaymentLab, startPaymentLab } from '../lab/payment-stores.js';

/** The lab's Chromium processes: descendants of this worker whose command is the browser. */
function browserProcesses(): { pid: number; pssKb: number }[] {
  const parent = new Map<number, number>();
  const info = new Map<number, { comm: string; pssKb: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(after[1]));
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // PSS: shared pages split between the processes that map them, so the sum is the browser's real footprint.
      const pss = /chrom/i.test(comm) ? /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/smaps_rollup`, 'utf8'))?.[1] : undefined;
      info.set(Number(name), { comm, pssKb: Number(pss ?? 0) });
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = parent.get(pid); p && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...info].filter(([pid, i]) => /chrom/i.test(i.comm) && mine(pid)).map(([pid, i]) => ({ pid, pssKb: i.pssKb }));
}

/** The browser's helpers (renderer, zygote) exit a moment after its main process. */
const browserGone = () => expect.poll(browserProcesses, { timeout: 3_000, interval: 100 }).toEqual([]);

const byPath = (visits: readonly PaymentPageVisit[], path: string) => visits.find((v) => v.path === path)!;
const external = (v: PaymentPageVisit) => v.scripts.filter((s): s is SeenScript & { url: string } => s.kind === 'external' && !!s.url);

describe('visitPaymentPages: a real browser on the payment lab', () => {
  let lab: PaymentLab;
  let clean: readonly PaymentPageVisit[];
  let compromised: readonly PaymentPageVisit[];
  let peakPssMb = 0;
  let wallMs = 0;

  beforeAll(async () => {
    lab = await startPaymentLab();
    clean = await visitPaymentPages(lab.clean);
    // Reading smaps_rollup stalls the process read, so sample once a second.
    const sampler = setInterval(() => (peakPssMb = Math.max(peakPssMb, browserProcesses().reduce((n, p) => n + p.pssKb, 0) / 1024)), 1_000);
    const started = performance.now();
    compromised = await visitPaymentPages(lab.compromised);
    wallMs = performance.now() - started;
    clearInterval(sampler);
  });
  afterAll(() => lab?.close());

  it('loads the four default payment pages, following /checkout/ to /checkout/index/ on the store', () => {
    expect(clean.map((v) => [v.path, v.status, v.problem])).toEqual([
      ['/', 200, undefined],
      ['/checkout/cart/', 200, undefined],
      ['/checkout/', 200, undefined],
      ['/customer/account/login/', 200, undefined],
    ]);
    expect(byPath(clean, '/checkout/').finalUrl).toBe(`${lab.origins.store}/checkout/index/`);
    expect(byPath(clean, '/checkout/').evidence.facts.redirects).toEqual([`${lab.origins.store}/checkout/`]);
    const perPage = (visits: readonly PaymentPageVisit[]) => visits.map((v) => v.evidence.facts.elapsedMs as number).join(', ');
    console.log(
      `browser probe: ms per page: clean ${perPage(clean)}, compromised ${perPage(compromised)}; compromised store, 4 pages incl. launch ${Math.round(wallMs)} ms; peak browser PSS ${Math.round(peakPssMb)} MB, test worker RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
    );
  });

  it('lists the RequireJS modules injected after load, the inline init script and the PSP script whose SRI matched', () => {
    const checkout = byPath(clean, '/checkout/');
    const urls = external(checkout).map((s) => new URL(s.url).pathname);
    for (const module of [
      'Magento_Theme/js/theme.js',
      'Magento_Customer/js/customer-data.js',
      'Magento_Checkout/js/view/payment.js',
      'Magento_Checkout/js/model/quote.js',
    ]) {
      expect(urls.some((u) => u.endsWith(`/${module}`))).toBe(true);
    }
    const inline = checkout.scripts.filter((s) => s.kind === 'inline');
    expect(inline).toHaveLength(1);
    expect(inline[0]!.excerpt).toContain('require(["Magento_Theme/js/theme"');
    const psp = external(checkout).find((s) => s.origin === lab.origins.psp)!;
    expect(psp.url).toBe(`${lab.origins.psp}/v3/checkout.js`);
    expect(psp.sri).toMatchObject({ present: true, matched: true, integrity: expect.stringMatching(/^sha384-/) });
    // The store's own modules carry no integrity attribute.
    expect(external(checkout).find((s) => s.url.endsWith('/theme.js'))!.sri).toEqual({ present: false });
    // sha256 is of the text as executed, base64 like an SRI/CSP hash.
    expect(psp.sha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('records a script made at run time (new Function) as dynamic, naming the module that made it', () => {
    const dynamic = byPath(clean, '/checkout/').scripts.filter((s) => s.kind === 'dynamic');
    expect(dynamic).toHaveLength(1);
    expect(dynamic[0]!.excerpt).toContain('Order total');
    expect(dynamic[0]!.initiator).toMatch(/Magento_Checkout\/js\/view\/payment\.js$/);
  });

  it('sees nothing but the store and the PSP on the clean store', () => {
    for (const v of clean) {
      expect(new Set(v.scripts.flatMap((s) => (s.origin ? [s.origin] : [])))).toEqual(
        new Set(v.path === '/checkout/' ? [lab.origins.store, lab.origins.psp] : [lab.origins.store]),
      );
      expect(v.connections.every((c) => c.origin === lab.origins.store)).toBe(true);
    }
  });

  it("records the document's security-impacting headers with lower-case names", () => {
    const h = byPath(clean, '/checkout/').headers;
    expect(h['content-security-policy-report-only']).toContain(`script-src 'self' 'unsafe-inline' 'unsafe-eval' ${lab.origins.psp}`);
    expect(h['content-security-policy']).toBe("frame-ancestors 'self'; upgrade-insecure-requests");
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['strict-transport-security']).toBe('max-age=31536000');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['permissions-policy']).toBe(`payment=(self "${lab.origins.psp}")`);
    // Only security-impacting ones: not content-type, date, connection.
    expect(h['content-type']).toBeUndefined();
  });

  it('reads form actions and fetch/XHR targets as connections', () => {
    const login = byPath(clean, '/customer/account/login/');
    expect(login.connections).toContainEqual({ kind: 'form-action', url: `${lab.origins.store}/customer/account/loginPost/`, origin: lab.origins.store });
    const checkout = byPath(clean, '/checkout/');
    expect(checkout.connections.find((c) => c.kind === 'fetch')).toMatchObject({
      url: `${lab.origins.store}/customer/section/load/?sections=cart,customer`,
      initiator: expect.stringMatching(/customer-data\.js$/),
    });
    expect(checkout.connections.find((c) => c.kind === 'xhr')?.url).toMatch(/estimate-shipping-methods$/);
  });

  it('never sends anything but GET/HEAD: the checkout XHR POST and the CSP report were refused in the browser', () => {
    expect(lab.seen.filter((s) => s.startsWith('GET clean /static/')).length).toBeGreaterThanOrEqual(18);
    expect(lab.seen.filter((s) => !/^(GET|HEAD) /.test(s))).toEqual([]);
    expect(lab.seen.some((s) => /estimate-shipping-methods|csp_reporter|loginPost|saveOrder/.test(s))).toBe(false);
    expect(byPath(clean, '/checkout/').evidence.facts.refusedRequests).toContainEqual(
      `POST ${lab.origins.store}/rest/default/V1/guest-carts/lab-cart-1/estimate-shipping-methods`,
    );
  });

  it('compromised store: the run-time script from the look-alike origin and its WebSocket to the exfil origin', () => {
    expect(compromised.map((v) => [v.path, v.problem])).toEqual(clean.map((v) => [v.path, undefined]));
    const checkout = byPath(compromised, '/checkout/');
    const skimmer = external(checkout).find((s) => s.origin === lab.origins.lookalike)!;
    expect(skimmer.url).toBe(`${lab.origins.lookalike}/analytics.js`);
    expect(skimmer.sri).toEqual({ present: false });
    expect(skimmer.initiator).toMatch(/Magento_Theme\/js\/theme\.js$/);
    expect(skimmer.excerpt).toContain('new WebSocket');
    const ws = checkout.connections.filter((c) => c.kind === 'websocket');
    expect(ws).toEqual([
      {
        kind: 'websocket',
        url: `${lab.origins.exfil.replace('https', 'wss')}/c`,
        origin: lab.origins.exfil,
        initiator: `${lab.origins.lookalike}/analytics.js`,
      },
    ]);
    expect(lab.seen).toContain('GET exfil /c (websocket)');
    // The theme module changed: same URL as the clean store's, another hash.
    const theme = (v: PaymentPageVisit) => external(v).find((s) => s.url.endsWith('/theme.js'))!.sha256;
    expect(theme(checkout)).not.toBe(theme(byPath(clean, '/checkout/')));
    // Not on the home page: this skimmer only wakes on checkout paths.
    expect(external(byPath(compromised, '/')).some((s) => s.origin === lab.origins.lookalike)).toBe(false);
  });

  it('the skimmer is invisible to a static fetch of the page and its modules', async () => {
    const client = httpClientFor(lab.compromised);
    try {
      for (const path of ['/checkout/index/', '/static/version1700000000/frontend/Magento/luma/en_US/Magento_Theme/js/theme.js']) {
        const r = await client.request({ path });
        expect(r.ok && r.exchange.status).toBe(200);
        const text = r.ok ? r.exchange.body.toString('utf8').toLowerCase() : '';
        expect(text.length).toBeGreaterThan(100);
        for (const needle of [new URL(lab.origins.lookalike).hostname, 'googie', new URL(lab.origins.exfil).hostname, 'websocket'])
          expect(text).not.toContain(needle);
      }
    } finally {
      await client.close();
    }
  });

  it('tells inline from run-time scripts, sees through a //# sourceURL disguise, ignores debugger;, records beacon, EventSource, pixel and fetch', async () => {
    const [v] = await visitPaymentPages(lab.pages(['/lab/tricks/']));
    expect(v!.problem).toBeUndefined();
    // Each script's own text starts with its assignment; the page's inline script quotes them all.
    const kindOf = (start: string) => v!.scripts.filter((s) => s.excerpt.startsWith(start)).map((s) => s.kind);
    expect(kindOf('window.__a = 1; /*eval-marker*/')).toEqual(['dynamic']);
    expect(kindOf('window.__b = 2; /*injected-inline-marker*/')).toEqual(['dynamic']);
    expect(kindOf('window.__c = 3; /*disguised-marker*/')).toEqual(['dynamic']);
    // A browser-extension sourceURL is the page's own claim: recorded like any other disguise.
    expect(kindOf('window.__e = 5; fetch(')).toEqual(['dynamic']);
    expect(v!.scripts.filter((s) => s.url?.includes('cdn.trusted.test'))).toEqual([]);
    expect(kindOf('window.__d=4;/*data-marker*/')).toEqual(['dynamic']);
    // The page's own script is the one inline script (it contains the other markers too).
    expect(v!.scripts.filter((s) => s.kind === 'inline')).toHaveLength(1);
    const exfil = lab.origins.exfil;
    expect(v!.connections).toEqual(
      expect.arrayContaining([
        { kind: 'beacon', url: `${exfil}/b`, origin: exfil, initiator: `${lab.origins.store}/lab/tricks/` },
        // Chromium names no script for these two: the image loads, and the stream opens, after the script ran.
        { kind: 'eventsource', url: `${lab.origins.store}/lab/events`, origin: lab.origins.store },
        { kind: 'other', url: `${exfil}/p.gif?c=4111`, origin: exfil },
        { kind: 'fetch', url: `${lab.origins.psp}/v3/config.json`, origin: lab.origins.psp, initiator: `${lab.origins.store}/lab/tricks/` },
        // Named by the URL the script gave itself, not passed over for the page that eval'd it.
        { kind: 'fetch', url: `${lab.origins.psp}/v3/ext.json`, origin: lab.origins.psp, initiator: 'chrome-extension://abcdefghijklmnop/skim.js' },
      ]),
    );
    // The beacon is a POST: refused in the browser, never sent.
    expect(v!.evidence.facts.refusedRequests).toContainEqual(`POST ${exfil}/b`);
    expect(lab.seen.filter((s) => !/^(GET|HEAD) /.test(s))).toEqual([]);
    expect(lab.seen).toContain('GET exfil /p.gif?c=4111');
  });

  it('records a PSP script whose SRI does not match as matched:false (the browser refused it)', async () => {
    const [v] = await visitPaymentPages(lab.pages(['/lab/psp-changed/']));
    const psp = external(v!).filter((s) => s.origin === lab.origins.psp);
    expect(psp).toHaveLength(1);
    expect(psp[0]!.url).toBe(`${lab.origins.psp}/v3/checkout-next.js`);
    expect(psp[0]!.sri).toMatchObject({ present: true, matched: false, integrity: expect.stringMatching(/^sha384-/) });
    // The body the browser received and refused, not the one the store pinned.
    const pinned = external(byPath(clean, '/checkout/')).find((s) => s.origin === lab.origins.psp)!;
    expect(psp[0]!.sha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(psp[0]!.sha256).not.toBe(pinned.sha256);
  });

  it('scripts beyond the recording cap make the visit partial (unusable, saying what was lost), not complete', async () => {
    const [v] = await visitPaymentPages(lab.pages(['/lab/many-scripts/']));
    expect(v!.status).toBe(200);
    expect(v!.problem).toEqual({
      kind: 'unusable',
      detail: expect.stringMatching(/^recorded only in part: \d+ script\(s\) beyond the first 1000 not recorded$/),
    });
    // 1010 evals and the inline script that made them, less the 1000 kept.
    expect(Number(/(\d+) script/.exec(v!.problem!.detail)![1])).toBeGreaterThanOrEqual(11);
    // Our own guard takes a slot or two of the cap before it is recognised and left out.
    expect(v!.scripts.length).toBeGreaterThanOrEqual(990);
  });

  it('a 2 MB bundle is hashed whole, with its first 64 KiB kept for the loader scan and a 400-character excerpt', async () => {
    const [v] = await visitPaymentPages(lab.pages(['/lab/big-script/']));
    expect(v!.problem).toBeUndefined();
    const bundle = external(v!).find((s) => s.url.endsWith('/lab/bundle.js'))!;
    expect(bundle.sha256).toBe(createHash('sha256').update(BUNDLE).digest('base64'));
    expect(bundle.head).toBe(BUNDLE.slice(0, 64 * 1024));
    expect(bundle.excerpt).toBe(BUNDLE.replace(/\s+/g, ' ').slice(0, 400));
  });

  it('a script whose connection was dropped makes the visit partial, naming it: a customer would have run it', async () => {
    const [v] = await visitPaymentPages(lab.pages(['/lab/script-reset/']));
    expect(v!.status).toBe(200);
    expect(v!.problem).toEqual({
      kind: 'unusable',
      detail: expect.stringMatching(
        /^recorded only in part: 1 script\(s\) did not arrive: https:\/\/shop\.lab\.test:\d+\/lab\/reset\.js \(net::ERR_[A-Z_]+\)$/,
      ),
    });
    // What did run is still recorded.
    expect(external(v!).map((s) => new URL(s.url).pathname)).toContain('/static/version1700000000/frontend/Magento/luma/en_US/requirejs/require.js');
  });

  it("a script cut short before its Content-Length makes the visit partial too (what a proxy in the scanner's path can do)", async () => {
    const [v] = await visitPaymentPages(lab.pages(['/lab/script-truncated/']));
    expect(v!.problem).toEqual({
      kind: 'unusable',
      detail: expect.stringMatching(
        /^recorded only in part: 1 script\(s\) did not arrive: https:\/\/shop\.lab\.test:\d+\/lab\/truncated\.js \(net::ERR_(CONTENT_LENGTH_MISMATCH|INCOMPLETE_CHUNKED_ENCODING)\)$/,
      ),
    });
  });

  it('an integrity attribute without valid sha256/384/512 metadata is not a match: the browser ran the script unchecked', async () => {
    const [v] = await visitPaymentPages(lab.pages(['/lab/psp-no-metadata/']));
    expect(v!.problem).toBeUndefined();
    const psp = external(v!).filter((s) => s.origin === lab.origins.psp);
    expect(psp).toHaveLength(1);
    expect(psp[0]!.sri).toEqual({ present: true, integrity: 'md5-Zm9v sha1-YmFy not-a-hash', matched: false });
  });

  it('an off-target redirect is unusable, names where it went, and is not followed', async () => {
    const before = lab.seen.length;
    const [v] = await visitPaymentPages(lab.pages(['/lab/moved/']));
    expect(v!.problem).toEqual({ kind: 'unusable', detail: expect.stringContaining('https://www.shop-elsewhere.test/checkout/') });
    expect(v!.scripts).toEqual([]);
    expect(lab.seen.slice(before)).toEqual(['GET clean /lab/moved/']);
  });

  it('a WebSocket opens and is recorded, but its data never leaves the browser', async () => {
    const [v] = await visitPaymentPages(lab.pages(['/lab/ws-send/']));
    expect(v!.problem).toBeUndefined();
    expect(v!.connections).toContainEqual(expect.objectContaining({ kind: 'websocket', url: `${lab.origins.exfil.replace('https', 'wss')}/c` }));
    expect(lab.seen).toContain('GET exfil /c (websocket)');
    expect(lab.seen.filter((s) => s.startsWith('WS-DATA'))).toEqual([]);
    // Our guard is not recorded as a page script: the one inline script is the page's.
    expect(v!.scripts.map((s) => s.kind)).toEqual(['inline']);
  });

  it('a popup never opens and an out-of-process iframe obeys the same GET/HEAD-only rule', async () => {
    const before = lab.seen.length;
    const [v] = await visitPaymentPages(lab.pages(['/lab/escape/']));
    const seen = lab.seen.slice(before);
    // The cross-site iframe loaded and ran (its GET pixel arrived), its POST did not.
    expect(seen).toContain(`GET psp /frame.html?to=${encodeURIComponent(`${lab.origins.exfil}/f`)}`);
    expect(seen).toContain('GET exfil /f?ran=1');
    expect(seen.filter((s) => !/^(GET|HEAD) /.test(s))).toEqual([]);
    expect(v!.evidence.facts.refusedRequests).toContainEqual(`POST ${lab.origins.exfil}/f`);
    // The popup never reached its server.
    expect(seen.some((s) => s.includes('/popup'))).toBe(false);
  });

  it('a 404 page is unusable, not a payment page seen', async () => {
    const [v] = await visitPaymentPages(lab.pages(['/lab/no-such-page/']));
    expect(v!.status).toBe(404);
    expect(v!.problem).toEqual({ kind: 'unusable', detail: expect.stringContaining('answered 404: not the payment page') });
  });

  it('a 503 page is unusable', async () => {
    const [v] = await visitPaymentPages(lab.pages(['/lab/maintenance/']));
    expect(v!.status).toBe(503);
    expect(v!.problem).toEqual({ kind: 'unusable', detail: expect.stringMatching(/503: server error.*Retry-After: 3600/) });
  });

  it('a page that never finishes loading ends within the per-page limit, unusable', async () => {
    const target = lab.pages(['/lab/never-loads/']);
    const started = performance.now();
    const [v] = await visitPaymentPages(target);
    const ms = performance.now() - started;
    expect(v!.problem).toEqual({ kind: 'unusable', detail: expect.stringContaining(`did not finish loading within ${pageLimitMs(target) / 1000} s`) });
    expect(v!.evidence.facts.elapsedMs).toBeLessThanOrEqual(pageLimitMs(target) + 2_500);
    expect(ms).toBeLessThan(pageLimitMs(target) + 8_000);
    await browserGone();
  });

  it("trusts only the target's caFile: without it the lab certificate is refused, never ignored", async () => {
    const target = makeTarget({ name: 'no-ca', url: `${lab.origins.store}/`, address: lab.clean.address!, paymentPages: ['/'] });
    const [v] = await visitPaymentPages(target);
    expect(v!.problem).toEqual({ kind: 'unusable', detail: expect.stringContaining('ERR_CERT_AUTHORITY_INVALID') });
    expect(v!.scripts).toEqual([]);
  });

  it('stops at the request budget: later pages are unusable, not skipped silently', async () => {
    const target = makeTarget({
      name: 'budget',
      url: `${lab.origins.store}/`,
      address: lab.clean.address!,
      caFile: lab.clean.caFile!,
      politeness: { requestBudget: 10 },
      paymentPages: ['/', '/checkout/cart/', '/customer/account/login/'],
    });
    const before = lab.seen.length;
    const visits = await visitPaymentPages(target);
    expect(visits[0]!.problem).toBeUndefined();
    // The second page ran out part-way: its requests past the budget were refused in the browser.
    expect(visits[1]!.problem).toEqual({ kind: 'unusable', detail: expect.stringMatching(/request\(s\) to the target refused: request budget/) });
    expect(visits[2]!.problem).toEqual({ kind: 'unusable', detail: expect.stringContaining('request budget of 10') });
    expect(lab.seen.slice(before).filter((s) => / clean /.test(s)).length).toBeLessThanOrEqual(10);
  });

  it('an abort closes the browser and leaves the remaining pages unusable', async () => {
    const ac = new AbortController();
    // Abort once the never-loading page is being served, whatever the browser's launch took.
    const seenBefore = lab.seen.length;
    const watch = setInterval(() => {
      if (!lab.seen.slice(seenBefore).includes('GET clean /lab/never-loads/')) return;
      clearInterval(watch);
      ac.abort();
    }, 50);
    const started = performance.now();
    const target = lab.pages(['/lab/never-loads/', '/']);
    const visits = await visitPaymentPages(target, { signal: ac.signal });
    // Well before the never-loading page's own limit would end it.
    expect(performance.now() - started).toBeLessThan(pageLimitMs(target));
    expect(visits.map((v) => v.problem?.kind)).toEqual(['unusable', 'unusable']);
    expect(visits[0]!.problem!.detail).toBe('the scan stopped (target time budget spent) while this page loaded');
    expect(visits[1]!.problem!.detail).toBe('the scan stopped (target time budget spent) before this page was loaded');
    await browserGone();
  });

  it('runs one browser at a time: concurrent targets wait their turn, and a target stopped while waiting launches none', async () => {
    await browserGone();
    // A launch: a browser process this worker started itself (the Debian wrapper's own shells and
    // the browser's helpers are its descendants).
    const parentOf = (pid: number) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      } catch {
        return undefined;
      }
    };
    const mains = () => browserProcesses().filter((p) => parentOf(p.pid) === process.pid).length;
    let most = 0;
    const sampler = setInterval(() => (most = Math.max(most, mains())), 50);
    const stop = new AbortController();
    const [first, second, stopped] = await Promise.all([
      visitPaymentPages(lab.pages(['/', '/checkout/cart/'])),
      visitPaymentPages(lab.pages(['/checkout/', '/customer/account/login/'], 'compromised')),
      (async () => {
        const waiting = visitPaymentPages(lab.pages(['/']), { signal: stop.signal });
        setTimeout(() => stop.abort(), 200);
        return waiting;
      })(),
    ]);
    clearInterval(sampler);
    expect(most).toBe(1);
    expect([...first, ...second].map((v) => [v.path, v.status, v.problem])).toEqual([
      ['/', 200, undefined],
      ['/checkout/cart/', 200, undefined],
      ['/checkout/', 200, undefined],
      ['/customer/account/login/', 200, undefined],
    ]);
    expect(stopped.map((v) => v.problem)).toEqual([
      { kind: 'unusable', detail: "the scan stopped (target time budget spent) before this page was loaded (waiting for another target's browser)" },
    ]);
  });

  it('closes the browser after a scan', async () => {
    await browserGone();
  });
});

describe('launchChromium: a lean browser', () => {
  it("keeps Playwright's feature lists in one switch each with ours, and runs no spare, omnibox, GPU or network process", async () => {
    await browserGone();
    const launched = await launchChromium({ executablePath: chromiumPath(), hostRules: [], pinnedKeys: [] });
    if (!launched.ok) throw new Error(launched.detail);
    try {
      const page = await (await launched.browser.newContext()).newPage();
      await page.goto('data:text/html,<p>lean</p>');
      // Chromium's children rewrite their command line as one space-joined string.
      const commands = browserProcesses().map((p) => readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split(/[\0 ]/));
      const main = commands.filter((c) => !c.some((a) => a.startsWith('--type=')));
      expect(main).toHaveLength(1);
      // Chromium keeps only the last of each: two would mean Playwright's list changed under us.
      expect(main[0]!.filter((a) => a.startsWith('--disable-features='))).toEqual([
        `--disable-features=${[...PLAYWRIGHT_FEATURES.disabled, ...LEAN_FEATURES.disabled].join(',')}`,
      ]);
      expect(main[0]!.filter((a) => a.startsWith('--enable-features='))).toEqual([
        `--enable-features=${[...PLAYWRIGHT_FEATURES.enabled, ...LEAN_FEATURES.enabled].join(',')}`,
      ]);
      const kinds = commands.map((c) => c.find((a) => a.startsWith('--utility-sub-type=')) ?? c.find((a) => a.startsWith('--type=')) ?? 'browser').sort();
      // One renderer, the tab's: no omnibox WebUI, no spare; GPU and network service are threads of the browser.
      expect(kinds.filter((k) => k === '--type=renderer')).toHaveLength(1);
      expect(kinds).not.toContain('--type=gpu-process');
      expect(kinds).not.toContain('--utility-sub-type=network.mojom.NetworkService');
      const targets = (await (await launched.browser.newBrowserCDPSession()).send('Target.getTargets')).targetInfos;
      expect(targets.map((t) => t.type)).toEqual(['page']);
    } finally {
      await launched.browser.close();
    }
    await browserGone();
  });
});
