import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../core/results.js';

const exec = promisify(execFile);
const BIN = new URL('../../bin/mageprobe.js', import.meta.url).pathname;

/** A loopback store that counts every request and the most it ever had in flight at once. */
async function countingStore(delayMs: number) {
  const paths: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    paths.push(`${req.method} ${req.url}`);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    setTimeout(() => {
      inFlight--;
      if (req.url === '/')
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><head><title>Shop</title></head><body>Welcome</body></html>');
      else res.writeHead(404, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Not found</body></html>');
    }, delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    paths,
    maxInFlight: () => maxInFlight,
    stop: () => new Promise((r) => server.close(r)),
  };
}

async function scan(targetYaml: string, only: string, extra: readonly string[] = []): Promise<ScanResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-sharing-'));
  writeFileSync(join(dir, 'targets.yaml'), targetYaml);
  await exec('node', [BIN, 'scan', join(dir, 'targets.yaml'), '--only', only, '--out', join(dir, 'out'), ...extra]).catch((e: { code: number }) => {
    if (e.code !== 1 && e.code !== 3) throw e;
  });
  return JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as ScanResult;
}

describe('one engine per target (mageprobe scan against a loopback store)', () => {
  let store: Awaited<ReturnType<typeof countingStore>> | undefined;
  afterEach(async () => {
    await store?.stop();
    store = undefined;
  });

  it('headers, magento and paths share one home page fetch and one landing check', async () => {
    store = await countingStore(0);
    const result = await scan(`targets:\n  - name: shop\n    url: http://127.0.0.1:${store.port}/\n`, 'headers,magento,paths');
    expect(result.internalErrors).toEqual([]);
    expect(new Set(result.cases.map((c) => c.check.area))).toEqual(new Set(['headers', 'magento', 'paths']));
    // The landing check (where the target's URL leads), then the one home page every area judges.
    // Before: a landing per area and a home page per area (headers, magento, TLS-07's plain GET).
    expect(store.paths.filter((p) => p === 'GET /')).toEqual(['GET /', 'GET /']);
    // One not-found baseline for the target: its 12 random paths are asked once.
    expect(store.paths.filter((p) => /^GET \/app\/etc\/mp[0-9a-f]{12}\.php$/.test(p))).toHaveLength(1);
  }, 120_000);

  it("a team's own check judges the same home page on the same engine: no request of its own", async () => {
    store = await countingStore(0);
    const checks = new URL('../acceptance/fixtures/shared-home.check.ts', import.meta.url).pathname;
    const result = await scan(`targets:\n  - name: shop\n    url: http://127.0.0.1:${store.port}/\n`, 'HDR-02,SHARE-01', ['--checks', checks]);
    expect(result.internalErrors).toEqual([]);
    expect(result.cases.map((c) => `${c.check.id} ${c.verdict.outcome}`).sort()).toEqual(['HDR-02 fail', 'SHARE-01 pass']);
    // The landing check and the one home page, whether HDR-02 or SHARE-01 asked first.
    expect(store.paths.filter((p) => p === 'GET /')).toEqual(['GET /', 'GET /']);
  }, 120_000);

  it('politeness.requestBudget and politeness.concurrency hold across all areas of the target', async () => {
    store = await countingStore(20);
    const yaml = `targets:\n  - name: shop\n    url: http://127.0.0.1:${store.port}/\n    politeness: { requestBudget: 40, concurrency: 2 }\n`;
    const result = await scan(yaml, 'headers,magento,paths,methods,admin');
    expect(result.internalErrors).toEqual([]);
    // Per area, each of the five could have sent 40; the target received 40 in all.
    expect(store.paths.length).toBeLessThanOrEqual(40);
    expect(store.paths.length).toBeGreaterThan(30);
    expect(store.maxInFlight()).toBeLessThanOrEqual(2);
    const spent = result.cases.filter((c) => /request budget of 40/.test(c.verdict.message));
    expect(spent.length).toBeGreaterThan(0);
    expect(result.cases.filter((c) => c.verdict.outcome === 'fail').map((c) => c.check.id)).not.toContain('PATH-01');
  }, 120_000);

  it('targets on one server take turns: it never gets more than one target’s politeness.concurrency', async () => {
    store = await countingStore(20);
    // Two store views of one server, listed as two targets (one address, two names).
    const view = (name: string) => [`  - name: ${name}`, `    url: http://127.0.0.1:${store!.port}/`, '    politeness: { concurrency: 2 }'];
    const result = await scan(['targets:', ...view('default-view'), ...view('second-view'), ''].join('\n'), 'paths');
    expect(result.internalErrors).toEqual([]);
    expect(new Set(result.cases.map((c) => c.target))).toEqual(new Set(['default-view', 'second-view']));
    // Both targets' path probes reached it, never more than 2 at once (4 when both ran together).
    expect(store.paths.length).toBeGreaterThan(40);
    expect(store.maxInFlight()).toBeLessThanOrEqual(2);
  }, 120_000);
});
