import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type DemoStore, startDemoStore } from '../../demo/store.js';
import { demoTargetEntry } from './run-cli.js';

/**
 * For a describe block of CLI scans: a scratch directory, and a targets file in it naming a demo
 * store on loopback (started before the block, stopped after) under each of `names`, each on a
 * loopback address of its own (127.0.0.1, .2, …): several stores are several servers.
 */
export function demoStoreScan(prefix: string, names: readonly string[] = ['demo']) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const targets = join(dir, 'targets.yaml');
  let stores: DemoStore[] = [];
  beforeAll(async () => {
    stores = await Promise.all(names.map((_, i) => startDemoStore(`127.0.0.${i + 1}`)));
    writeFileSync(targets, `targets:\n${names.map((name, i) => demoTargetEntry(stores[i]!, name)).join('')}`);
  });
  afterAll(() => Promise.all(stores.map((s) => s.stop())));
  return { dir, targets, out: (name: string) => join(dir, name) };
}
