import { existsSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { draftInventory } from '../core/inventory-draft.js';
import { loadTargetsFile } from '../core/targets.js';
import { visitPaymentPages } from '../probes/browser/visit.js';

/** A usage problem of `mageprobe inventory`, shown as one line (exit 2). */
export class InventoryOptionError extends Error {}

export interface InventoryOptions {
  readonly targetsFile: string;
  readonly targets: readonly string[];
  /** Undefined when --out was not given. */
  readonly out: string | undefined;
  readonly signal?: AbortSignal;
  readonly log: (line: string) => void;
}

/**
 * `mageprobe inventory TARGETS.yaml --target NAME --out FILE`: loads the target's payment pages
 * in the browser and writes a draft inventory for the team to justify. The target's own
 * `inventory:` file is not read (it may not exist yet) and an existing --out file is never
 * overwritten: it may hold reviewed justifications. Exit 0 written, 3 nothing seen.
 */
export async function runInventory(opts: InventoryOptions): Promise<number> {
  if (opts.out === undefined) throw new InventoryOptionError('inventory: --out FILE is required (where to write the draft)');
  const targets = loadTargetsFile(opts.targetsFile, { inventories: false });
  if (opts.targets.length > 1) throw new InventoryOptionError('inventory: one --target at a time (one inventory per target)');
  const name = opts.targets[0] ?? (targets.length === 1 ? targets[0]!.name : undefined);
  if (name === undefined) throw new InventoryOptionError(`inventory: --target NAME is required (${opts.targetsFile} has ${targets.length} targets)`);
  const target = targets.find((t) => t.name === name);
  if (!target) throw new InventoryOptionError(`no target named ${name} in ${opts.targetsFile}`);
  const exists = () => new InventoryOptionError(`${opts.out} exists: choose another --out (it may hold reviewed justifications)`);
  if (existsSync(opts.out)) throw exists();
  const visits = await visitPaymentPages(target, opts.signal ? { signal: opts.signal } : {});
  const seen = visits.filter((v) => !v.problem || v.scripts.length > 0);
  if (!seen.length) {
    for (const v of visits) opts.log(`mageprobe: ${v.path}: ${v.problem?.detail ?? 'not seen'}`);
    opts.log(`mageprobe: nothing seen on ${target.name}'s payment pages: no draft written`);
    return 3;
  }
  const text = draftInventory(visits, { target: target.name, store: target.url, at: new Date() });
  try {
    writeFileSync(opts.out, text, { flag: 'wx' });
  } catch (e) {
    if ((e as { code?: string }).code === 'EEXIST') throw exists();
    throw e;
  }
  const scripts = new Set(visits.flatMap((v) => v.scripts.map((s) => s.url ?? s.sha256))).size;
  opts.log(`${opts.out}: draft inventory of ${target.name}: ${scripts} script(s) on ${seen.length} of ${visits.length} payment page(s).`);
  opts.log(
    `Fill in every justification, approvedBy and approvedOn, then add \`inventory: ${basename(opts.out)}\` to target ${target.name} (path relative to ${basename(opts.targetsFile)}) and run \`mageprobe validate ${opts.targetsFile}\`.`,
  );
  return 0;
}
