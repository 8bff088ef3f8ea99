import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { factsYaml, writtenHere } from '../../reporters/facts-yaml.js';
import { hostileScan } from './hostile-scan.js';

// reporters/facts-yaml.ts writes evidence facts itself, where it can, as the yaml package would:
// every comparison here is against yaml's own output, byte for byte.
const yaml = (facts: unknown) => stringify(facts, { lineWidth: 0 });

const recorded = (
  JSON.parse(readFileSync(new URL('../fixtures/recorded-evidence-facts.json', import.meta.url), 'utf8')) as {
    evidence: { check: string; facts: Record<string, unknown> }[];
  }
).evidence;

/** Strings that sit on each of yaml's decisions: plain, quoted single or double, a literal block and its indicators. */
const TRICKY = [
  '',
  ' ',
  'a',
  'plain text',
  'nginx/1.18.0',
  'Mon, 30 Nov 2026 20:29:13 GMT',
  'text/html; charset=UTF-8',
  'max-age=31536000; includeSubDomains',
  'key: value',
  'ends with colon:',
  'a:b',
  'http://x/',
  '- item',
  '-',
  '--',
  '-1',
  '? q',
  '?',
  '?x',
  '# comment',
  'a #b',
  'a#b',
  ' leading',
  'trailing ',
  'tab\tinside',
  '\tleading tab',
  'trailing tab\t',
  '&anchor',
  '*alias',
  '!tag',
  '|pipe',
  '>gt',
  "'single'",
  '"double"',
  `it's`,
  'say "hi"',
  `both ' and "`,
  '%directive',
  '@at',
  '`tick',
  '[flow',
  ']',
  '{x}',
  'a, b',
  'a,b',
  '---',
  '--- doc',
  '...',
  'a --- b',
  'true',
  'False',
  'TRUE',
  'yes',
  'no',
  'on',
  'null',
  'Null',
  'NULL',
  '~',
  '42',
  '+42',
  '-0',
  '007',
  '0o17',
  '0x1F',
  '0xG',
  '1.5',
  '.5',
  '5.',
  '1e3',
  '1E-3',
  '.inf',
  '-.Inf',
  '.nan',
  '.NaN',
  '1_000',
  '2026-11-30',
  '12:30',
  'back\\slash',
  'é ü ß 日本',
  '\u00a0nbsp',
  '\u2028',
  'line\u2029sep',
  '\u202e bidi',
  'ctl\u0001',
  'esc\u001b[31m',
  'nel\u0085',
  'cr\r\nlf',
  'lone \ud800',
  'two\nlines',
  'two\nlines\n',
  'two\nlines\n\n',
  'two\nlines\n\n\n',
  '\nleading newline',
  '\n\nleading newlines',
  ' space then\nnewline',
  '\n  indented after newline',
  '  two spaces\nx',
  'blank line\n\nbetween',
  'trailing spaces  \nx',
  'x\n  ',
  'x\n\t',
  'x\n ',
  'x  \n',
  'x \n\n',
  '\n',
  '\n\n',
  ' \n',
  '#\n#',
  '- a\n- b',
  'a: b\nc: d',
  '--- x\ny',
  '%x\ny',
  'x\n---\ny',
  '<html>\n<body>\n</body>\n</html>\n',
  'A'.repeat(1100),
  `"${'q'.repeat(1030)}`,
];

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'Z', '0', '1', '.', '-', ':', ' ', '#', "'", '"', '\n', '\t', ',', '[', '}', '?', '&', '!', '%', '~', 'e', 'x', 'é', '\\'];

function generated(count: number, seed: number): unknown[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const str = () => (r() < 0.5 ? pick(TRICKY) : Array.from({ length: 1 + Math.floor(r() * 8) }, () => pick(PIECES)).join('') + (r() < 0.2 ? pick(TRICKY) : ''));
  const scalar = (): unknown => {
    const k = r();
    if (k < 0.55) return str();
    if (k < 0.75) return pick([0, 1, -1, 42, 18.65, -0, 1e21, 1e-7, 0.1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    if (k < 0.85) return r() < 0.5;
    if (k < 0.95) return null;
    return undefined;
  };
  const value = (depth: number): unknown => {
    const k = r();
    if (depth > 3 || k < 0.5) return scalar();
    if (k < 0.75) return Array.from({ length: Math.floor(r() * 4) }, () => value(depth + 1));
    return object(depth + 1);
  };
  const object = (depth: number): Record<string, unknown> =>
    Object.fromEntries(
      Array.from({ length: Math.floor(r() * 5) }, () => [r() < 0.7 ? pick(['status', 'headers', 'server', 'x-a', '80', 'a b']) : str(), value(depth)]),
    );
  return Array.from({ length: count }, () => object(0));
}

describe('evidence facts as YAML (reporters/facts-yaml.ts)', () => {
  it('writes every recorded evidence shape itself, as yaml does', () => {
    expect(recorded.length).toBeGreaterThan(100);
    for (const { check, facts } of recorded) expect([check, writtenHere(facts)]).toEqual([check, yaml(facts)]);
  });

  it('writes a hostile server’s facts as yaml does: markup, bidi controls, a 5000-character token, a body of many lines', () => {
    const facts = hostileScan().cases.flatMap((c) => c.verdict.evidence.map((e) => e.facts));
    expect(facts.length).toBeGreaterThan(0);
    // The body excerpt holds a NUL: that one goes to yaml whole, and reads the same.
    for (const f of facts) expect(factsYaml(f)).toBe(yaml(f));
  });

  it('writes each tricky string as yaml does, as a value, a list item and a key', () => {
    let here = 0;
    for (const s of TRICKY) {
      for (const facts of [{ v: s }, { list: [s, { k: s }] }, { [s]: 1 }, { nested: { deeper: { v: s } } }]) {
        const own = writtenHere(facts);
        if (own !== undefined) here++;
        expect(factsYaml(facts)).toBe(yaml(facts));
        if (own !== undefined) expect(own).toBe(yaml(facts));
      }
    }
    // Most are written here: the comparison is not all fallback.
    expect(here).toBeGreaterThan(TRICKY.length * 3);
  });

  it('writes generated nestings of objects, lists, numbers, booleans, null and tricky strings as yaml does', () => {
    let here = 0;
    const all = generated(4000, 20261130);
    for (const facts of all) {
      const own = writtenHere(facts);
      if (own !== undefined) {
        here++;
        expect(own).toBe(yaml(facts));
      } else expect(factsYaml(facts)).toBe(yaml(facts));
    }
    expect(here).toBeGreaterThan(all.length / 2);
  });

  it('leaves to yaml what it would anchor, convert or escape', () => {
    const shared = { a: 1 };
    const cases: unknown[] = [
      { one: shared, two: shared },
      { list: [shared, shared] },
      { when: new Date('2026-11-30T10:00:00Z') },
      { raw: Buffer.from('ab') },
      { map: new Map([['k', 'v']]) },
      { big: 10n },
      { holes: [1, undefined, 3] },
      { '': 'empty key' },
      { [`${'k'.repeat(1100)}`]: 'long key' },
      { 'two\nlines': 'multi-line key' },
      { esc: 'a\u001bb' },
    ];
    for (const facts of cases) {
      expect(writtenHere(facts)).toBeUndefined();
      expect(factsYaml(facts)).toBe(yaml(facts));
    }
  });

  it('writes empty facts, lists and objects in flow style as yaml does', () => {
    for (const facts of [{}, { a: [] }, { a: {} }, { a: [[], {}] }, { a: [[1, [2]], { b: [] }] }, { skipped: undefined }]) {
      expect(writtenHere(facts)).toBe(yaml(facts));
    }
  });
});
