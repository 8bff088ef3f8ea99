import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm run test:unit` runs *.unit.test.ts as any user, without the lab: such a file must not
// reach, directly or through other test helpers, what needs root or servers.
const ROOT = resolve(new URL('..', import.meta.url).pathname);
const NEEDS_LAB = [/^test\/lab\//, /^demo\/store\.ts$/, /-lab\.ts$/, /lab-servers\.ts$/, /-server\.ts$/];
// Helpers in test/lab/ that only run openssl to make certificates: any user may.
const ROOT_FREE = new Set(['test/lab/exec.ts', 'test/lab/pki.ts', 'test/lab/tls-certs.ts']);
const IMPORT = /\bfrom\s+'(\.[^']+)'|\bimport\(\s*'(\.[^']+)'\s*\)/g;

const unitFiles = (readdirSync(join(ROOT, 'test'), { recursive: true }) as string[]).filter((f) => f.endsWith('.unit.test.ts')).map((f) => `test/${f}`);

/** Relative imports in `text` of the file `from`, as paths from the package root (.js → .ts, as tsx resolves them). */
function importsIn(from: string, text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => relative(ROOT, resolve(ROOT, dirname(from), m[1] ?? m[2]!)).replace(/\.js$/, '.ts'));
}

const needsLab = (path: string) => !ROOT_FREE.has(path) && NEEDS_LAB.some((re) => re.test(path));

/** Every lab module a file reaches through test/ helpers and demo/. */
function labReachedFrom(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || !existsSync(join(ROOT, file))) return [];
  seen.add(file);
  return importsIn(file, readFileSync(join(ROOT, file), 'utf8')).flatMap((i) => [
    ...(needsLab(i) ? [i] : []),
    ...(/^(test|demo)\//.test(i) ? labReachedFrom(i, seen) : []),
  ]);
}

describe('unit test files', () => {
  it('exist (the unit run is not empty)', () => {
    expect(unitFiles.length).toBeGreaterThan(10);
  });

  it.each(unitFiles)('%s reaches no lab helper or demo store', (file) => {
    expect(labReachedFrom(file)).toEqual([]);
  });

  it('the rule catches lab imports and lets the certificate makers through', () => {
    const q = "'";
    const text = ['../lab/netns.js', './sshd-lab.js', '../lab/pki.js', '../../core/targets.js'].map((p) => `import { x } from ${q}${p}${q};`).join('\n');
    expect(importsIn('test/ssh/example.unit.test.ts', text).filter(needsLab)).toEqual(['test/lab/netns.ts', 'test/ssh/sshd-lab.ts']);
    expect(labReachedFrom('test/network/identify.test.ts')).toContain('test/lab/netns.ts');
  });
});
