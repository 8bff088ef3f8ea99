import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../core/results.js';
import { demoStoreScan } from './demo-store-scan.js';
import { mageprobe } from './run-cli.js';

const results = (dir: string) => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Required<ScanResult>;

// The demo store on loopback: HDR-01 fails there (no X-Frame-Options), HDR-02 passes.
describe('scan --baseline, --fail-on, --min-severity', { timeout: 180_000 }, () => {
  const { dir, out, targets } = demoStoreScan('mp-baseline-');

  it('two scans with one change give exactly that change as new; --fail-on new exits 0 when nothing new appeared', async () => {
    const first = await mageprobe(['scan', targets, '--only', 'HDR-02', '--out', out('a')]);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(results(out('a')).changes).toBeUndefined();

    // The one change: HDR-01 (failing on the demo store) joins the scan.
    const second = await mageprobe(['scan', targets, '--only', 'HDR-01,HDR-02', '--baseline', out('a/results.json'), '--fail-on', 'new', '--out', out('b')]);
    expect(second.code, second.stdout + second.stderr).toBe(1);
    const b = results(out('b')).changes;
    expect(b.counts).toEqual({ new: 1, changed: 0, resolved: 0, gone: 0, unchanged: 1 });
    expect(b.cases).toEqual([{ target: 'demo', check: 'HDR-01', severity: 'medium', status: 'new', outcome: 'fail', newFailure: true }]);
    expect(b.baseline.path).toBe(out('a/results.json'));
    expect(b.baseline.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.baseline.startedAt).toBe(results(out('a')).startedAt);
    expect(second.stdout).toMatch(
      /Changes since baseline \(.*\): new 1 · changed 0 · resolved 0 · gone 0 · unchanged 1\n! NEW +\[medium\] demo HDR-01: absent → fail/,
    );
    const html = readFileSync(join(out('b'), 'report.html'), 'utf8');
    expect(html.indexOf('<h2>Changes since baseline</h2>')).toBeGreaterThan(-1);
    expect(html.indexOf('<h2>Changes since baseline</h2>')).toBeLessThan(html.indexOf('<h2>All cases</h2>'));
    // Marked by class: the page's CSP refuses inline style attributes.
    expect(html).toContain('<b class="newfail">new failure</b></td><td>demo</td><td><b>HDR-01</b>');

    // Nothing new: HDR-01 still fails, so the usual rule exits 1, --fail-on new exits 0.
    const third = await mageprobe(['scan', targets, '--only', 'HDR-01,HDR-02', '--baseline', out('b/results.json'), '--fail-on', 'new', '--out', out('c')]);
    expect(third.code, third.stdout + third.stderr).toBe(0);
    const c = results(out('c')).changes;
    expect(c.counts).toEqual({ new: 0, changed: 0, resolved: 0, gone: 0, unchanged: 2 });
    expect(c.cases).toEqual([]);
    expect(results(out('c')).cases.find((x) => x.check.id === 'HDR-01')!.verdict.outcome).toBe('fail');
    const anyFailure = await mageprobe(['scan', targets, '--only', 'HDR-01,HDR-02', '--baseline', out('b/results.json'), '--out', out('d')]);
    expect(anyFailure.code).toBe(1);
    // HDR-01 is medium: under --min-severity high it does not make the scan fail.
    const high = await mageprobe(['scan', targets, '--only', 'HDR-01', '--min-severity', 'high', '--out', out('e')]);
    expect(high.code, high.stdout + high.stderr).toBe(0);
  });

  it('refuses a bad --baseline, --fail-on or --min-severity with one line and exit 2, before any traffic', async () => {
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{"cases": []}');
    const cases: [string[], RegExp][] = [
      [['--baseline', join(dir, 'missing.json')], /missing\.json/],
      [['--baseline', dir], /not a regular file|directory/i],
      [['--baseline', notJson], /not a mageprobe results\.json/],
      [['--baseline', targets], /not JSON/],
      [['--fail-on', 'new'], /--fail-on new: needs --baseline/],
      [['--fail-on', 'some'], /--fail-on: "some" is not one of any, new/],
      [['--min-severity', 'severe'], /--min-severity: "severe" is not one of info, low, medium, high, critical/],
    ];
    for (const [args, message] of cases) {
      const o = out(`refused-${Math.random().toString(36).slice(2)}`);
      const r = await mageprobe(['scan', targets, '--only', 'HDR-02', ...args, '--out', o]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(o)).toBe(false);
    }
  });
});
