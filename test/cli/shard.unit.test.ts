import { describe, expect, it } from 'vitest';
import { parseShard, shardAssignment, targetsOfShard } from '../../cli/shard.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `shop-${i}`);

/** Fisher–Yates with a fixed LCG, so the "other file order" is the same on every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('--shard I/N', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    ['4/4', { index: 4, count: 4 }],
    [' 3/7 ', { index: 3, count: 7 }],
  ])('accepts %j', (spec, shard) => {
    expect(parseShard(spec)).toEqual(shard);
  });

  it.each([
    ['0/4', 'I must be between 1 and 4'],
    ['5/4', 'I must be between 1 and 4'],
    ['2/0', 'N must be at least 1'],
    ['0/0', 'N must be at least 1'],
    ['2', 'not of the form I/N'],
    ['-1/4', 'not of the form I/N'],
    ['1.5/4', 'not of the form I/N'],
    ['1/2/3', 'not of the form I/N'],
    ['a/b', 'not of the form I/N'],
    ['', 'not of the form I/N'],
  ])('refuses %j in one line saying why', (spec, why) => {
    const r = parseShard(spec);
    expect(r).toEqual({ error: `--shard ${spec}: ${why}; write I/N with 1 ≤ I ≤ N, e.g. --shard 2/4` });
    expect((r as { error: string }).error).not.toContain('\n');
  });
});

describe('shard assignment', () => {
  it.each([1, 2, 3, 4, 7, 10])('puts every target in exactly one of %i shards, sizes differing by at most one', (count) => {
    const all = names(23);
    const parts = Array.from({ length: count }, (_, i) =>
      targetsOfShard(
        all.map((name) => ({ name })),
        { index: i + 1, count },
      ).map((t) => t.name),
    );
    expect(parts.flat().sort()).toEqual([...all].sort());
    const sizes = parts.map((p) => p.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('depends on the names only, not on their order in the file', () => {
    const all = names(40);
    const reference = shardAssignment(all, 4);
    for (const seed of [1, 2, 3]) expect(shardAssignment(shuffled(all, seed), 4)).toEqual(reference);
  });

  it('keeps the file order within a shard', () => {
    const all = names(12).map((name) => ({ name }));
    const part = targetsOfShard(all, { index: 2, count: 3 });
    const positions = part.map((t) => all.indexOf(t));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('is the same on every machine and run (SHA-256 of the name, dealt in turn)', () => {
    // Pinned: every job of a pipeline, on whatever runner, must compute this same split. By hand:
    // `printf %s NAME | sha256sum` ranks prod 587d…, b2b 65a4…, eu 8c4e…, staging b4b3…, us b990…
    expect(Object.fromEntries(shardAssignment(['shop-prod', 'shop-staging', 'shop-eu', 'shop-us', 'shop-b2b'], 2))).toEqual({
      'shop-prod': 1,
      'shop-b2b': 2,
      'shop-eu': 1,
      'shop-staging': 2,
      'shop-us': 1,
    });
  });

  it("puts a server's targets (store views) in one shard, so its politeness holds across jobs", () => {
    // 30 targets on 12 servers: server k holds k % 4 + 1 views.
    const all = names(12).flatMap((server, k) => Array.from({ length: (k % 4) + 1 }, (_, v) => ({ name: `${server}-view${v}`, host: `${server}.test` })));
    for (const count of [2, 3, 5]) {
      const parts = Array.from({ length: count }, (_, i) => targetsOfShard(all, { index: i + 1, count }));
      expect(
        parts
          .flat()
          .map((t) => t.name)
          .sort(),
      ).toEqual(all.map((t) => t.name).sort());
      for (const part of parts) for (const t of part) expect(part.filter((u) => u.host === t.host)).toHaveLength(all.filter((u) => u.host === t.host).length);
      // Balanced within the largest server's share (4 views).
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(4);
    }
    // An address names the server before the host name does, in one spelling.
    const views = [
      { name: 'de', host: 'de.shop.test', address: '198.18.0.5' },
      { name: 'fr', host: 'fr.shop.test', address: '198.18.0.5' },
      { name: 'uk', host: 'UK.SHOP.TEST' },
      { name: 'uk-b2b', host: 'uk.shop.test' },
    ];
    for (const count of [2, 3, 4]) {
      const shardOf = (name: string) => [1, 2, 3, 4].find((index) => targetsOfShard(views, { index, count }).some((t) => t.name === name));
      expect(shardOf('fr')).toBe(shardOf('de'));
      expect(shardOf('uk-b2b')).toBe(shardOf('uk'));
    }
  });

  it('leaves a shard empty when there are more shards than targets, and none scans a target twice', () => {
    const all = names(2).map((name) => ({ name }));
    const parts = [1, 2, 3].map((index) => targetsOfShard(all, { index, count: 3 }).map((t) => t.name));
    expect(parts.map((p) => p.length).sort()).toEqual([0, 1, 1]);
    expect(parts.flat().sort()).toEqual(['shop-0', 'shop-1']);
  });
});
