import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { mageprobe } from '../cli/run-cli.js';
import { CLEAN_INVENTORY } from './payment-visits.js';

// The commands' input handling; drafting from a real browser is in scripts-lab.test.ts.
describe('mageprobe validate and inventory with script inventories', () => {
  let dir: string;
  let targets: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mageprobe-inventory-cli-'));
    targets = join(dir, 'targets.yaml');
    writeFileSync(
      targets,
      'targets:\n  - name: shop\n    url: https://shop.example.com/\n    inventory: shop.inventory.yaml\n  - name: other\n    url: https://other.example.com/\n',
    );
  });

  it('validate refuses an inventory entry without a justification, naming the inventory file and line', async () => {
    writeFileSync(join(dir, 'shop.inventory.yaml'), CLEAN_INVENTORY.replace(/justification: RequireJS base URL[^\n]*/, 'justification: ""'));
    const run = await mageprobe(['validate', targets]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `mageprobe: ${join(dir, 'shop.inventory.yaml')}:12:5: scripts[2].justification: a justification: why the payment page needs this (PCI DSS 6.4.3); the draft leaves it empty for you to fill in`,
    );
  });

  it('validate accepts a justified inventory and says so', async () => {
    writeFileSync(join(dir, 'shop.inventory.yaml'), CLEAN_INVENTORY);
    const run = await mageprobe(['validate', targets]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 target(s) valid: shop (inventory shop.inventory.yaml: 5 script(s), all justified), other');
  });

  it('inventory needs --out and --target, never overwrites a file, and ignores the unfinished inventory it drafts', async () => {
    writeFileSync(join(dir, 'shop.inventory.yaml'), 'scripts:\n  - url: https://x.example/a.js\n    justification: ""\n');
    expect((await mageprobe(['inventory', targets, '--target', 'shop'])).stderr).toContain('inventory: --out FILE is required');
    expect((await mageprobe(['inventory', targets, '--out', join(dir, 'new.yaml')])).stderr).toContain('--target NAME is required (');
    expect((await mageprobe(['inventory', targets, '--target', 'nope', '--out', join(dir, 'new.yaml')])).stderr).toContain('no target named nope');
    const kept = await mageprobe(['inventory', targets, '--target', 'shop', '--out', join(dir, 'shop.inventory.yaml')]);
    expect(kept.code).toBe(2);
    expect(kept.stderr).toContain('shop.inventory.yaml exists: choose another --out');
    expect(readFileSync(join(dir, 'shop.inventory.yaml'), 'utf8')).toContain('https://x.example/a.js');
  });
});
