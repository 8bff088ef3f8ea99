/**
 * report.html for a fleet: renders a synthetic scan of N targets × every check
 * (bench/report-synthetic.ts), prints the render time and the bytes of report.html,
 * summary.md and results.json, then opens report.html in headless Chromium (Debian's
 * /usr/bin/chromium, file: URL) and prints how long it takes to load, to unpack the folded
 * sections a large report carries packed (reporters/html/inert.ts: until then a section opened
 * shows "Unpacking…"), to react to a filter, to open one target and all of them, and to ready
 * everything for print. "Usable" is the later of the load event and unpacked: the summary, the
 * filters and every section work from then on.
 * CPU times are printed beside wall times: on a shared machine the wall time says more about the neighbours.
 *   npx tsx bench/report-size.ts [targets=200]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderHtml } from '../reporters/html.js';
import { renderJson } from '../reporters/json.js';
import { renderSummaryMd } from '../reporters/summary-md.js';
import { syntheticScan } from './report-synthetic.js';

const targets = Number(process.argv[2] ?? 200);
const scan = syntheticScan(targets);
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};
const cpuMs = (f: () => unknown) => {
  const before = process.cpuUsage();
  f();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
};
const [html, htmlMs] = time(() => renderHtml(scan));
const htmlCpuMs = cpuMs(() => renderHtml(scan));
const [md, mdMs] = time(() => renderSummaryMd(scan));
const json = renderJson(scan);
const mb = (s: string) => `${(Buffer.byteLength(s) / 1e6).toFixed(2)} MB`;
console.log(`${targets} targets × ${scan.cases.length / targets} checks = ${scan.cases.length} cases`);
console.log(`report.html  ${mb(html).padStart(9)}  rendered in ${htmlMs.toFixed(0)} ms wall, ${htmlCpuMs.toFixed(0)} ms CPU (second run)`);
console.log(`summary.md   ${mb(md).padStart(9)}  rendered in ${mdMs.toFixed(0)} ms`);
console.log(`results.json ${mb(json).padStart(9)}  (for comparison)`);

const dir = mkdtempSync(join(tmpdir(), 'mp-report-bench-'));
const file = join(dir, 'report.html');
writeFileSync(file, html);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // The renderer's own CPU time (CDP Performance.getMetrics ThreadTime: its main thread), which a busy machine does not inflate as it does wall time.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const threadSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN;
  const cpuBefore = await threadSeconds();
  const started = performance.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const loadMs = performance.now() - started;
  const loadCpuMs = ((await threadSeconds()) - cpuBefore) * 1000;
  // Page time (since navigation start) at which the packed sections are unpacked; none packed: at load.
  const unpackedAt = (await page.evaluate(`new Promise((done) => {
    const packed = !!document.getElementById('later');
    const poll = () => (!packed || 'unpacked' in document.documentElement.dataset ? done(performance.now()) : requestAnimationFrame(poll));
    poll();
  })`)) as number;
  const usableCpuMs = ((await threadSeconds()) - cpuBefore) * 1000;
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  if (process.env.BENCH_METRICS) console.log(metrics);
  // Browser-side code as strings: the project compiles without the DOM library.
  const nav = (await page.evaluate(`(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd, nodes: document.getElementsByTagName('*').length };
  })()`)) as { domContentLoaded: number; load: number; nodes: number };
  // A click through to the next painted frame.
  const untilPainted = (click: string) =>
    page.evaluate(`new Promise((done) => {
      const t = performance.now();
      document.querySelector(${JSON.stringify(click)}).click();
      requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));
    })`) as Promise<number>;
  const filterMs = await untilPainted('#filters input[data-f="o"][value="pass"]');
  const middle = Math.floor(targets / 2);
  const openOneMs = await untilPainted(`#t${middle} > summary`);
  const rows = (await page.evaluate(`document.querySelectorAll('#t${middle} tr[data-o]').length`)) as number;
  const openMs = await untilPainted('#filters button[data-fold="open"]');
  const printMs = (await page.evaluate(`new Promise((done) => {
    const t = performance.now();
    dispatchEvent(new Event('beforeprint'));
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));
  })`)) as number;
  const printed = (await page.evaluate(`({ elements: document.getElementsByTagName('*').length, left: document.querySelectorAll('.later').length })`)) as {
    elements: number;
    left: number;
  };
  console.log(
    `chromium: load ${loadMs.toFixed(0)} ms wall, ${loadCpuMs.toFixed(0)} ms renderer main-thread CPU (DOMContentLoaded ${nav.domContentLoaded.toFixed(0)} ms, load event ${nav.load.toFixed(0)} ms), ${nav.nodes} elements`,
  );
  console.log(
    `chromium: usable (load and unpacked) at ${Math.max(nav.load, unpackedAt).toFixed(0)} ms page time, ${usableCpuMs.toFixed(0)} ms renderer main-thread CPU from navigation`,
  );
  console.log(
    `chromium: untick "pass" ${filterMs.toFixed(0)} ms to the next frame; open target ${middle} (${rows} rows) ${openOneMs.toFixed(0)} ms; open all ${targets} targets ${openMs.toFixed(0)} ms`,
  );
  console.log(`chromium: ready for print (beforeprint) ${printMs.toFixed(0)} ms, ${printed.elements} elements, ${printed.left} sections left packed`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
