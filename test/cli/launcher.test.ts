import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const REPO = new URL('../..', import.meta.url).pathname;
const SOURCES = ['cli', 'core', 'catalogue', 'probes', 'reporters', 'suites', 'demo', 'acceptance'];
const asRoot = process.getuid?.() === 0;

// bin/mageprobe.js in a copy of the package (its own node_modules/.cache; the packages linked), so
// these runs neither see nor disturb the bundle and code caches other tests' runs use.
let root: string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function launch(args: readonly string[], user?: string): Promise<Run> {
  const bin = join(root, 'bin', 'mageprobe.js');
  const [cmd, argv] = user ? ['runuser', ['-u', user, '--', 'node', bin, ...args]] : ['node', [bin, ...args]];
  try {
    const { stdout, stderr } = await exec(cmd, argv, { cwd: root, timeout: 120_000, maxBuffer: 8 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as Run;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const cacheDir = () => join(root, 'node_modules', '.cache', 'mageprobe');
const bundleDir = () => {
  const built = readdirSync(cacheDir()).filter((d) => d.startsWith('cli-') && !d.endsWith('.tmp'));
  expect(built).toHaveLength(1);
  return join(cacheDir(), built[0]!);
};
/** The code caches written so far, by command. */
const codeCaches = () =>
  readdirSync(bundleDir())
    .filter((f) => f.endsWith('.v8cache'))
    .map((f) => f.slice(0, f.indexOf('.')))
    .sort();
const codeCache = (command: string) => join(bundleDir(), readdirSync(bundleDir()).find((f) => f.startsWith(`${command}.`) && f.endsWith('.v8cache'))!);

describe('bin/mageprobe.js', { timeout: 300_000 }, () => {
  let expected: Run;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'mageprobe-launcher-'));
    chmodSync(root, 0o755);
    for (const d of [...SOURCES, 'bin']) cpSync(join(REPO, d), join(root, d), { recursive: true });
    cpSync(join(REPO, 'package.json'), join(root, 'package.json'));
    mkdirSync(join(root, 'node_modules'));
    for (const p of readdirSync(join(REPO, 'node_modules'))) if (p !== '.cache') symlinkSync(join(REPO, 'node_modules', p), join(root, 'node_modules', p));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds one CommonJS bundle, and each command writes its own code cache once, when it went to its end', async () => {
    expected = await launch(['checks']);
    expect(expected.code).toBe(0);
    expect(expected.stdout).toContain('HDR-01');
    expect(readdirSync(bundleDir())).toContain('main.cjs');
    expect(codeCaches()).toEqual(['checks']);
    const written = statSync(codeCache('checks'));

    // Accepted: used as it is, not written again.
    expect(await launch(['checks'])).toEqual(expected);
    expect(statSync(codeCache('checks')).mtimeMs).toBe(written.mtimeMs);

    // import() from the cached script (Node 20 loses the script's own): tsx, then a team's TypeScript check file.
    const team = await launch(['checks', '--checks', join(REPO, 'test/acceptance/fixtures/shared-home.check.ts')]);
    expect(team.code).toBe(0);
    expect(team.stdout).toContain('SHARE-01');

    const schema = await launch(['schema']);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.stdout)).toHaveProperty('$schema');
    expect(codeCaches()).toEqual(['checks', 'schema']);

    // A scan that stops at its targets file (exit 2) compiled almost none of a scan: nothing kept.
    const missing = await launch(['scan', join(root, 'missing.yaml'), '--out', join(root, 'out')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.yaml');
    expect(codeCaches()).toEqual(['checks', 'schema']);
  });

  it('replaces a code cache V8 rejects (another Node wrote it, or it is damaged), and runs the same', async () => {
    writeFileSync(codeCache('checks'), Buffer.alloc(4096, 7));
    expect(await launch(['checks'])).toEqual(expected);
    const rewritten = readFileSync(codeCache('checks'));
    expect(rewritten.equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(rewritten.length).toBeGreaterThan(10_000);
  });

  it.skipIf(!asRoot)('runs uncached where it cannot write the code cache, with the same output and exit code', async () => {
    rmSync(codeCache('checks'));
    expect(await launch(['checks'], 'nobody')).toEqual(expected);
    expect(codeCaches()).toEqual(['schema']);
    expect((await launch(['scan', join(root, 'missing.yaml')], 'nobody')).code).toBe(2);
  });

  it.skipIf(!asRoot)('runs the sources through tsx where it cannot write the bundle', async () => {
    rmSync(cacheDir(), { recursive: true });
    expect(await launch(['checks'], 'nobody')).toEqual(expected);
    expect(() => readdirSync(cacheDir())).toThrow();
  });

  it("keeps a partial scan's code caches apart from a full scan's, on both threads", async () => {
    // Loopback only: the internal checks send nothing, NET-01 scans 127.0.0.1.
    const file = join(root, 'loopback.yaml');
    writeFileSync(file, 'targets:\n  - name: loopback\n    url: http://127.0.0.1:9/\n');
    const partial = await launch(['scan', file, '--out', join(root, 'partial'), '--only', 'internal,NET-01']);
    expect(partial.stdout).toContain('NET-01');
    expect(codeCaches().filter((c) => c.startsWith('areas') || c.startsWith('scan'))).toEqual(['areas-only', 'scan-only']);
  });

  it('says so when its own build check refuses the bundle, and runs the sources the same', async () => {
    // An import() left in the bundle would fail under a code cache (core/esm-import.ts): refused.
    const main = join(root, 'cli', 'main.ts');
    const source = readFileSync(main, 'utf8');
    writeFileSync(main, `${source}\nexport const lateImport = () => import('vitest');\n`);
    try {
      const run = await launch(['checks']);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(expected.stdout);
      expect(run.stderr).toContain('mageprobe: no bundle built, running the sources (slower):');
      expect(run.stderr).toContain('import() of vitest');
    } finally {
      writeFileSync(main, source);
    }
  });
});
