import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../core/results.js';
import { startDemoStore, DEMO_HOST, type DemoStore } from '../../demo/store.js';

const exec = promisify(execFile);
const BIN = new URL('../../bin/mageprobe.js', import.meta.url).pathname;
const XSD = new URL('../fixtures/junit-10.xsd', import.meta.url).pathname;

async function mageprobe(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('node', [BIN, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const xmllint = (file: string) => exec('xmllint', ['--noout', '--schema', XSD, file]);

describe('mageprobe CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-cli-'));
  let store: DemoStore;
  let listener: Server;
  let connections = 0;
  let quietPort: number;

  beforeAll(async () => {
    store = await startDemoStore();
    listener = createServer((s) => {
      connections++;
      s.destroy();
    });
    quietPort = await new Promise<number>((r) => listener.listen(0, '127.0.0.1', () => r((listener.address() as AddressInfo).port)));
  });
  afterAll(async () => {
    await store.stop();
    listener.close();
  });

  const demoTargets = (extra = '') => {
    const file = join(dir, `targets-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(
      file,
      `targets:
  - name: demo
    url: https://${DEMO_HOST}:${store.httpsPort}/
    address: 127.0.0.1
    http: { port: ${store.httpPort} }
    timeouts: { connectMs: 1000, requestMs: 3000 }
${extra}`,
    );
    return file;
  };

  it('exits 2 naming file, line and field for a bad targets file, before any traffic', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, `targets:\n  - name: ok\n    url: http://127.0.0.1:${quietPort}/\n  - name: typo\n    url: https://shop.example.com/\n    adress: 203.0.113.1\n`);
    const r = await mageprobe(['scan', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:6:5: targets[1].adress: unknown key "adress"`);
    expect(connections).toBe(0);
  });

  it('exits 2 on an unknown --only or --target, and on a missing file', async () => {
    expect((await mageprobe(['scan', demoTargets(), '--only', 'HDR-99'])).code).toBe(2);
    expect((await mageprobe(['scan', demoTargets(), '--target', 'nope'])).code).toBe(2);
    expect((await mageprobe(['scan', join(dir, 'absent.yaml')])).code).toBe(2);
  });

  it('exits 0 when nothing fails, 1 when a check fails', async () => {
    const out = join(dir, 'pass');
    const passed = await mageprobe(['scan', demoTargets(), '--only', 'HDR-02', '--out', out]);
    expect(passed.code, passed.stdout + passed.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ScanResult;
    expect(results.cases.map((c) => [c.check.id, c.verdict.outcome])).toEqual([['HDR-02', 'pass']]);
    expect((await mageprobe(['scan', demoTargets(), '--only', 'HDR-01', '--out', join(dir, 'fail')])).code).toBe(1);
  });

  it('reports a waived failure as skipped with its justification; an expired waiver is ignored', async () => {
    const waiver = (expires: string) => `    waivers:\n      - { check: HDR-01, justification: framing needed by the payment iframe until SEC-9, expires: ${expires} }\n`;
    const out = join(dir, 'waived');
    const waived = await mageprobe(['scan', demoTargets(waiver('2099-12-31')), '--only', 'HDR-01', '--out', out]);
    expect(waived.code, waived.stdout + waived.stderr).toBe(0);
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(xml).toContain('<skipped message="waived: waived until 2099-12-31: framing needed by the payment iframe until SEC-9 (found: X-Frame-Options is absent');
    await xmllint(join(out, 'junit.xml'));
    expect((await mageprobe(['scan', demoTargets(waiver('2020-01-01')), '--only', 'HDR-01', '--out', join(dir, 'expired')])).code).toBe(1);
  });

  it('exits 3 when nothing fails but something is inconclusive, and writes <error> for it', async () => {
    const file = join(dir, 'silent.yaml');
    // The listener accepts and hangs up at once: no HTTP answer, so headers cannot be judged.
    writeFileSync(file, `targets:\n  - name: mute\n    url: http://127.0.0.1:${quietPort}/\n    timeouts: { connectMs: 500, requestMs: 1000 }\n`);
    const out = join(dir, 'silent');
    const r = await mageprobe(['scan', file, '--only', 'HDR-02', '--out', out]);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(xml).toMatch(/<error message="GET http:\/\/127\.0\.0\.1:\d+\/: no answer \(reset/);
    await xmllint(join(out, 'junit.xml'));
  });

  it('demo writes schema-valid JUnit with failing HDR cases that show the observed headers', async () => {
    const out = join(dir, 'demo');
    const r = await mageprobe(['demo', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
    await xmllint(join(out, 'junit.xml'));
    expect(xml).toMatch(/<testcase name="HDR-04 [^"]+" classname="demo-store\.headers"[^>]*>\s*<failure message="X-XSS-Protection is &quot;0&quot;/);
    expect(xml).toContain('server: nginx/1.18.0');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<b>HDR-04<\/b>[\s\S]*?>fail<\/td>/);
    expect(r.stdout).toMatch(/demo-store\s+\d+\s+\d+/);
  });
});
