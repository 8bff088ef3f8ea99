import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../core/results.js';

const BIN = new URL('../../bin/mageprobe.js', import.meta.url).pathname;

describe('a console reader that goes away (`mageprobe scan … | head -1`)', () => {
  it('takes the console output, not the scan: reports written, its own exit code, no internal error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-epipe-'));
    // The internal checks send nothing: no traffic at all.
    writeFileSync(join(dir, 'targets.yaml'), 'targets:\n  - name: shop\n    url: http://127.0.0.1:9/\n');
    const child = spawn('node', [BIN, 'scan', join(dir, 'targets.yaml'), '--only', 'internal', '--out', join(dir, 'out')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader leaves before the first line: every write to stdout meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as ScanResult;
    expect(result.internalErrors).toEqual([]);
    expect(result.cases.length).toBeGreaterThan(5);
  }, 60_000);
});
