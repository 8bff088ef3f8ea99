import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../catalogue/checks.js';
import type { ScanResult } from '../../core/results.js';
import { DEMO_HOST, type DemoStore, startDemoStore } from '../../demo/store.js';

const exec = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

/** Runs a command to its end, whatever its exit code (failing checks exit 1). */
const run = (cmd: string, args: string[], cwd: string) =>
  exec(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', CI: '1' }, timeout: 300_000 }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

/** Each case's outcome, message and evidence labels, the random paths a scan makes up (mp + 12 hex) masked. */
const verdicts = (file: string) => {
  const r = JSON.parse(readFileSync(file, 'utf8')) as ScanResult;
  const mask = (s: string) => s.replace(/mp[0-9a-f]{12}/g, 'mp…');
  return {
    result: r,
    byCase: Object.fromEntries(
      r.cases.map((c) => [
        `${c.target} ${c.check.id}`,
        { outcome: c.verdict.outcome, message: mask(c.verdict.message), evidence: c.verdict.evidence.map((e) => mask(e.label)) },
      ]),
    ),
  };
};

// A team's own project: its package.json, the documented three-line vitest.config.ts, a test of
// its own, and mageprobe linked into its node_modules. Plain `npx vitest run` there must judge the
// loopback demo store exactly as `mageprobe scan` does on the same targets file.
describe('mageprobe inside a team’s own vitest', () => {
  let store: DemoStore;
  let team: string;
  beforeAll(async () => {
    store = await startDemoStore();
    team = mkdtempSync(join(tmpdir(), 'mp-team-'));
    mkdirSync(join(team, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(ROOT, join(team, 'node_modules', 'mageprobe'));
    symlinkSync(join(ROOT, 'node_modules', 'vitest'), join(team, 'node_modules', 'vitest'));
    symlinkSync('../vitest/vitest.mjs', join(team, 'node_modules', '.bin', 'vitest'));
    writeFileSync(
      join(team, 'package.json'),
      JSON.stringify({ name: 'team-shop', private: true, type: 'module', devDependencies: { mageprobe: '*', vitest: '4.1.12' } }),
    );
    writeFileSync(
      join(team, 'vitest.config.ts'),
      `import { defineConfig } from 'vitest/config';\nimport { mageprobe } from 'mageprobe/vitest';\nexport default defineConfig(mageprobe({ targets: 'targets.yaml' }));\n`,
    );
    writeFileSync(join(team, 'own.test.ts'), `import { expect, it } from 'vitest';\nit('a test of the team’s own', () => expect(1 + 1).toBe(2));\n`);
    writeFileSync(
      join(team, 'targets.yaml'),
      `targets:
  - name: demo-store
    url: https://${DEMO_HOST}:${store.httpsPort}/
    address: 127.0.0.1
    http: { port: ${store.httpPort} }
    ports: { allowed: [${store.httpsPort}, ${store.httpPort}], scan: [${store.httpPort}, ${store.httpsPort}, ${store.sshPort}] }
    ssh: { port: ${store.sshPort} }
    timeouts: { connectMs: 2000, requestMs: 5000 }
`,
    );
  }, 60_000);
  afterAll(() => store?.stop());

  it('npx vitest run gives the verdicts and evidence of mageprobe scan, and the reporter writes junit.xml', async () => {
    const [viaVitest, viaCli] = [
      await run('npx', ['vitest', 'run'], team),
      await run('node', [join(ROOT, 'bin/mageprobe.js'), 'scan', 'targets.yaml', '--out', 'cli-out'], team),
    ];
    // The demo store fails checks on purpose: both say so.
    expect([viaVitest.code, viaCli.code], viaVitest.out).toEqual([1, 1]);
    const native = verdicts(join(team, 'reports', 'results.json'));
    const cli = verdicts(join(team, 'cli-out', 'results.json'));
    expect(native.result.internalErrors).toEqual([]);
    // Every catalogue check, once, for the one target.
    expect(Object.keys(native.byCase)).toHaveLength(CHECKS.length);
    expect(native.byCase).toEqual(cli.byCase);
    const junit = readFileSync(join(team, 'reports', 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase name="HDR-01 [^"]+" classname="demo-store\.headers"/);
    expect(junit).not.toContain('own.test');
    expect(existsSync(join(team, 'reports', 'report.html'))).toBe(true);
    // The team's own test ran in the same run.
    expect(viaVitest.out).toMatch(/Tests\s+\d+ failed \| \d+ passed/);
    expect(viaVitest.out).toContain('own.test.ts');
  }, 300_000);

  it('-t HDR-01 runs that check alone, judged as mageprobe scan judges it', async () => {
    const filtered = await run('npx', ['vitest', 'run', '-t', 'HDR-01'], team);
    expect(filtered.code, filtered.out).toBe(1);
    const native = verdicts(join(team, 'reports', 'results.json'));
    const cli = verdicts(join(team, 'cli-out', 'results.json'));
    expect(native.result.internalErrors).toEqual([]);
    expect(Object.keys(native.byCase)).toEqual(['demo-store HDR-01']);
    expect(native.byCase['demo-store HDR-01']).toEqual(cli.byCase['demo-store HDR-01']);
  }, 300_000);
});
