import type { CustomCheckSpec } from '../catalogue/checks.js';

/**
 * Declare mode: the CLI imports a team's check files to learn their IDs before any traffic, and
 * check() then records its spec instead of declaring vitest tests. Kept on globalThis so a file
 * that reaches this package by another path (its name, a relative path) still finds it.
 */
const KEY = Symbol.for('mageprobe.acceptance.declaring');

type Holder = { [KEY]?: CustomCheckSpec[] };

/** Where check() records its spec while the CLI reads a file, else undefined (inside vitest). */
export function declaring(): CustomCheckSpec[] | undefined {
  return (globalThis as Holder)[KEY];
}

/** Runs `load` (an import of one check file) in declare mode; returns what it declared. */
export async function declaredBy(load: () => Promise<unknown>): Promise<CustomCheckSpec[]> {
  const found: CustomCheckSpec[] = [];
  (globalThis as Holder)[KEY] = found;
  try {
    await load();
  } finally {
    delete (globalThis as Holder)[KEY];
  }
  return found;
}
