import { createHash } from 'node:crypto';

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

/**
 * Which shard (1..count) each target name belongs to. Names are ranked by their SHA-256 and dealt
 * out in turn, so the split depends on the names only (not on their order in the file, nor on
 * the machine), every name lands in exactly one shard, and shard sizes differ by at most one.
 * Every job of a pipeline must see the same set of targets: adding one may move others.
 */
export function shardAssignment(names: readonly string[], count: number): Map<string, number> {
  const ranked = [...new Set(names)]
    .map((name) => ({ name, hash: createHash('sha256').update(name).digest('hex') }))
    .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  return new Map(ranked.map((r, i) => [r.name, (i % count) + 1]));
}

/** The targets this shard scans, in their file order: a target is always probed from one job. */
export function targetsOfShard<T extends { readonly name: string }>(targets: readonly T[], shard: Shard): T[] {
  const assigned = shardAssignment(
    targets.map((t) => t.name),
    shard.count,
  );
  return targets.filter((t) => assigned.get(t.name) === shard.index);
}
