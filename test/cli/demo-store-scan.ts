import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type DemoStore, startDemoStore } from '../../demo/store.js';
import { demoTargetEntry } from './run-cli.js';

/**
 * For a describe block of CLI scans: a scratch directory, and a targets file in it naming the
 * demo store on loopback (started before the block, stopped after) under each of `names`.
 */
export function demoStoreScan(prefix: string, names: readonly string[] = ['demo']) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const targets = join(dir, 'targets.yaml');
  let store: DemoStore | undefined;
  beforeAll(async () => {
    store = await startDemoStore();
    writeFileSync(targets, `targets:\n${names.map((name) => demoTargetEntry(store!, name)).join('')}`);
  });
  afterAll(() => store?.stop());
  return { dir, targets, out: (name: string) => join(dir, name) };
}
