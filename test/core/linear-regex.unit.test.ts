import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { isProgrammingError } from '../../core/internal-error.js';
import { declaredPatterns, LinearRegex, linear, linearFromUser } from '../../core/linear-regex.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
/** Where the product's modules live (bin/mageprobe.js bundles the same folders). */
const SOURCE_DIRS = ['cli', 'core', 'catalogue', 'probes', 'reporters', 'suites', 'demo', 'acceptance'];

/** Every source module that calls linear(): found by its text, so a new file cannot be missed. */
const declaring = SOURCE_DIRS.flatMap((dir) =>
  (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f))
    .filter((f) => /\blinear\(/.test(readFileSync(join(ROOT, f), 'utf8'))),
);

describe('linear(): patterns of our own compile on first use, and every one is proven to compile here', () => {
  // First in the file: the tests below declare a pattern RE2 refuses on purpose.
  it('every pattern declared by any module compiles on RE2', async () => {
    // The handshakes, the web probes, the catalogue and the script suites all declare patterns.
    expect(declaring).toEqual(
      expect.arrayContaining(['catalogue/signatures.ts', 'probes/net/handshakes/banners.ts', 'probes/web/content.ts', 'suites/scripts/script-csp.ts']),
    );
    for (const f of declaring) await import(pathToFileURL(join(ROOT, f)).href);
    const all = declaredPatterns();
    // The count guards against importing nothing; a scan of a store declares about 200.
    expect(all.length).toBeGreaterThan(150);
    const refused = all.flatMap((re) => {
      try {
        re.compile();
        return [];
      } catch (e) {
        return [`${String(re)}: ${(e as Error).message}`];
      }
    });
    expect(refused).toEqual([]);
  });

  it('a declared pattern with syntax RE2 lacks is listed, and refused when compiled', () => {
    const backreference = linear(/(a)\1/);
    expect(declaredPatterns()).toContain(backreference);
    expect(() => backreference.compile()).toThrow(SyntaxError);
    // A SyntaxError is a bug of ours (core/internal-error.ts): the check crashes, never inconclusive.
    let thrown: unknown;
    try {
      backreference.test('aa');
    } catch (e) {
      thrown = e;
    }
    expect(isProgrammingError(thrown)).toBe(true);
  });

  it('a declared pattern matches like the RegExp it is written as', () => {
    const re = linear(/^(\d+)\.(\d+)$/m);
    expect(re.exec('x\n2.4\n')).toMatchObject({ 0: '2.4', 1: '2', 2: '4', index: 2 });
    expect(re.test('2.x')).toBe(false);
    expect(String(re)).toBe('/^(\\d+)\\.(\\d+)$/m');
  });

  it('answers without RE2 when the text lacks a literal every match holds, and the same as RE2 otherwise', () => {
    // A pattern RE2 refuses shows when RE2 runs: not for a text without "abc", which cannot match.
    const lookahead = linear(/abc(?=x)/);
    expect(lookahead.test('no such text')).toBe(false);
    expect(() => lookahead.test('abcx')).toThrow();
    const caseless = linear(/kiss (\w+)|mail(pit)/i);
    for (const text of ['KISS me', '\u212AI\u017FS me', 'kis me', 'Mailpit', 'MAIL pit', '']) {
      const re2 = RE2JS.compile(caseless.source, RE2JS.CASE_INSENSITIVE);
      expect(caseless.test(text), text).toBe(re2.test(text));
      expect(caseless.exec(text)?.[1], text).toBe(re2.exec(text)?.[1]);
      expect([...caseless.matchAll(text)].length, text).toBe([...re2.matchAll(text)].length);
      expect(caseless.replaceAll(text, '<$1$2>'), text).toBe(re2.matcher(text).replaceAll('<$1$2>'));
    }
  });

  it('stateful flags are refused at once, by both kinds', () => {
    expect(() => linear(/a/g)).toThrow(/flag "g"/);
    expect(() => linearFromUser(/a/y)).toThrow(/flag "y"/);
  });

  it('linearFromUser() refuses syntax RE2 cannot run in linear time where the pattern is made, and is not listed', () => {
    expect(() => linearFromUser(/(a)\1/)).toThrow();
    expect(() => linearFromUser(/(?=a)a/)).toThrow();
    // biome-ignore lint/correctness/noEmptyCharacterClassInRegex: [^] (any character) is the construct under test
    expect(() => linearFromUser(/[^]/)).toThrow();
    const user = linearFromUser(/^https:\/\/cdn\.test\//i);
    expect(user).toBeInstanceOf(LinearRegex);
    expect(user.test('HTTPS://cdn.test/x.js')).toBe(true);
    expect(declaredPatterns()).not.toContain(user);
  });
});
