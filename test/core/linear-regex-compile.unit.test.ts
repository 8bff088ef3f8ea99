import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { compileAllCreated } from '../../core/linear-regex.js';

const ROOT = join(import.meta.dirname, '../..');
/** Every module that may make a pattern; vitest entries (*.suite.ts) declare tests when loaded, so they are left out. */
const DIRS = ['catalogue', 'core', 'probes', 'suites', 'acceptance'];

function modules(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modules(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.suite.ts') ? [join(dir, e.name)] : [],
  );
}

// Patterns compile on first use (core/linear-regex.ts): this is where syntax RE2 lacks is caught.
it('every pattern the sources make compiles under RE2', async () => {
  const files = DIRS.flatMap(modules);
  for (const f of files) await import(join(ROOT, f));
  expect(files.map((f) => relative(ROOT, join(ROOT, f)))).toContain('catalogue/signatures.ts');
  expect(compileAllCreated()).toBeGreaterThan(100);
}, 60_000);
