import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../cli/manifest.js';
import { demoStoreScan } from './demo-store-scan.js';
import { mageprobe } from './run-cli.js';

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

// The demo store on loopback fails HDR-01 (medium). The manifest records the exit code the
// process returns, --fail-on and --min-severity included, not the default rule's.
describe('manifest.json records the exit code the scan returns', { timeout: 180_000 }, () => {
  const { out, targets } = demoStoreScan('mp-exitcode-');

  it('under --min-severity and --fail-on new as under the default rule', async () => {
    const runs: [string, string[], number][] = [
      ['any', [], 1],
      // HDR-01 is medium: below the floor, so nothing fails.
      ['high', ['--min-severity', 'high'], 0],
      // HDR-01 failed in the baseline too: nothing new.
      ['new', ['--baseline', join(out('any'), 'results.json'), '--fail-on', 'new'], 0],
    ];
    for (const [name, args, code] of runs) {
      const r = await mageprobe(['scan', targets, '--only', 'HDR-01', '--out', out(name), ...args]);
      expect(r.code, `${name}: ${r.stdout}${r.stderr}`).toBe(code);
      expect(manifest(out(name)).exitCode, name).toBe(code);
      expect(manifest(out(name)).outcomes.fail, name).toBe(1);
      expect(manifest(out(name)).files.map((f) => f.name)).toContain('summary.md');
    }
  });
});
