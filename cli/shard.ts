import { createHash } from 'node:crypto';
import { serverOf } from '../core/server-key.js';

/** One CI job's part of a scan: shard `index` of `count`, both from 1 as `--shard 2/4` writes them. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

const SPEC = /^(\d{1,6})\/(\d{1,6})$/;

/** Reads `--shard I/N`; returns the reason, as one line, when it is not 1 ≤ I ≤ N. */
export function parseShard(spec: string): Shard | { readonly error: string } {
  const m = SPEC.exec(spec.trim());
  const bad = (why: string) => ({ error: `--shard ${spec}: ${why}; write I/N with 1 ≤ I ≤ N, e.g. --shard 2/4` });
  if (!m) return bad('not of the form I/N');
  const [index, count] = [Number(m[1]), Number(m[2])];
  if (count < 1) return bad('N must be at least 1');
  if (index < 1 || index > count) return bad(`I must be between 1 and ${count}`);
  return { index, count };
}

/** What the split reads of a target: its name, and the server it is on (core/server-key.ts). */
export interface ShardEntry {
  readonly name: string;
  /** Targets on one server go to one shard, so its per-server politeness holds across jobs; default: the name. */
  readonly server?: string;
}

/**
 * Which shard (1..count) each target name belongs to. A server's targets (store views of one
 * Magento) form one group; groups are ranked by the smallest SHA-256 of their names and dealt
 * out in turn: each to the shard holding fewest targets, on a tie the next in turn after the
 * last one used. So the split depends on names and servers only (not on their order in the
 * file, nor on the machine), every name lands in exactly one shard, a server's targets in the
 * same one, and shard sizes differ by at most one when every target has a server of its own (by
 * at most the largest group otherwise). Every job of a pipeline must see the same set of
 * targets: adding one may move others.
 */
export function shardAssignment(entries: readonly (string | ShardEntry)[], count: number): Map<string, number> {
  const groups = new Map<string, { names: string[]; hash: string }>();
  for (const e of entries) {
    const { name, server } = typeof e === 'string' ? { name: e, server: undefined } : e;
    const key = server ?? `\0${name}`;
    const hash = createHash('sha256').update(name).digest('hex');
    const group = groups.get(key);
    if (!group) groups.set(key, { names: [name], hash });
    else if (!group.names.includes(name)) {
      group.names.push(name);
      if (hash < group.hash) group.hash = hash;
    }
  }
  const ranked = [...groups.values()].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  const sizes = new Array<number>(count).fill(0);
  const assigned = new Map<string, number>();
  let next = 0;
  for (const g of ranked) {
    // In turn from where the last one went, to the least filled: singletons are dealt round-robin.
    let shard = next;
    for (let k = 1; k < count; k++) {
      const i = (next + k) % count;
      if (sizes[i]! < sizes[shard]!) shard = i;
    }
    sizes[shard]! += g.names.length;
    for (const name of g.names) assigned.set(name, shard + 1);
    next = (shard + 1) % count;
  }
  return assigned;
}

/** The targets this shard scans, in their file order: a target, and a server, is always probed from one job. */
export function targetsOfShard<T extends { readonly name: string; readonly address?: string; readonly host?: string }>(
  targets: readonly T[],
  shard: Shard,
): T[] {
  const assigned = shardAssignment(
    targets.map((t) => (t.host === undefined ? t.name : { name: t.name, server: serverOf({ host: t.host, ...(t.address ? { address: t.address } : {}) }) })),
    shard.count,
  );
  return targets.filter((t) => assigned.get(t.name) === shard.index);
}
