import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { declaredPatterns } from '../../core/linear-regex.js';
import { mayMatch, type RequiredText, requiredText } from '../../core/required-text.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const SOURCE_DIRS = ['cli', 'core', 'catalogue', 'probes', 'reporters', 'suites', 'demo', 'acceptance'];

const read = (re: RegExp) => requiredText(re.source, re.flags);

/** re2js's own prefilter (RE2's required-atoms tree, built from RE2's parse): read here as an independent oracle. */
interface Re2Prefilter {
  readonly type: 0 | 1 | 2 | 3; // NONE, EXACT, AND, OR
  readonly str: string;
  readonly subs: readonly Re2Prefilter[];
}

/** Whether every text that passes RE2's prefilter holds one of our literals (so ours rules out nothing RE2 could match). */
function implies(pf: Re2Prefilter | null, ours: RequiredText): boolean {
  if (!pf || pf.type === 0) return false;
  if (pf.type === 1) {
    const atom = ours.caseless ? pf.str.toLowerCase() : pf.str;
    return ours.anyOf.some((l) => atom.includes(l));
  }
  return pf.type === 2 ? pf.subs.some((s) => implies(s, ours)) : pf.subs.every((s) => implies(s, ours));
}

/** RE2's prefilter skips case-folded literals: the structure is read from the same source without `i`. */
const re2Prefilter = (re: RegExp): Re2Prefilter | null =>
  (RE2JS.compile(re.source, re.flags.includes('m') ? RE2JS.MULTILINE : 0) as unknown as { re2Input: { prefilter: Re2Prefilter | null } }).re2Input.prefilter;

/**
 * RE2 factors alternatives (MailHog|Mailpit is Mail(?:Hog|pit) to it), so its tree cannot show a
 * literal that spans the factored parts. Then each top-level alternative is checked alone: split
 * at each `|` outside groups, classes and escapes; that RE2 compiles every part proves the split
 * was at top level (a part cut inside a group or class, or after a backslash, is refused).
 */
function provenByRe2(re: RegExp, ours: RequiredText): boolean {
  if (implies(re2Prefilter(re), ours)) return true;
  const parts = topLevelAlternatives(re.source);
  if (parts.length !== ours.anyOf.length) return false;
  return parts.every((part, i) => {
    const one = new RegExp(part, re.flags);
    return implies(re2Prefilter(one), { caseless: ours.caseless, anyOf: [ours.anyOf[i]!] });
  });
}

function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(from, i));
      from = i + 1;
    }
  }
  return [...parts, source.slice(from)];
}

describe('requiredText: literals every match must contain, read from the source', () => {
  it('reads the fixed runs of each top-level alternative, the longest of each', () => {
    expect(read(/<title>Sucuri WebSite Firewall.{0,20}Access Denied|cdn\.sucuri\.net\/sucuri[-_]firewall/i)).toEqual({
      caseless: true,
      anyOf: ['<title>sucuri website firewall', 'cdn.sucuri.net/sucuri'],
    });
    expect(read(/\bMagento_[A-Z]\w+/)).toEqual({ caseless: false, anyOf: ['Magento_'] });
    expect(read(/^\s*\[core\]\s*$/m)).toEqual({ caseless: false, anyOf: ['[core]'] });
    expect(read(/\r\nEND\r?\n/)).toEqual({ caseless: false, anyOf: ['\r\nEND'] });
  });

  it('drops a character under a quantifier, and skips groups and classes', () => {
    expect(read(/abcd?efg/)).toEqual({ caseless: false, anyOf: ['abc'] });
    expect(read(/abc+defg/)).toEqual({ caseless: false, anyOf: ['defg'] });
    expect(read(/abcx{2,}yz/)).toEqual({ caseless: false, anyOf: ['abc'] });
    expect(read(/xy\.?abcd/)).toEqual({ caseless: false, anyOf: ['abcd'] });
    expect(read(/(?:unused)?abcd(efgh)[ijkl]mno/)).toEqual({ caseless: false, anyOf: ['abcd'] });
    expect(read(/abc*?defg/)).toEqual({ caseless: false, anyOf: ['defg'] });
  });

  it('gives nothing where an alternative has no literal of three characters, or the source is not plain', () => {
    expect(read(/abcdef|\d+/)).toBeUndefined();
    expect(read(/ab/)).toBeUndefined();
    expect(read(/(?:abc|def)/)).toBeUndefined();
    expect(read(/abc\x41def/)).toBeUndefined(); // an escape it does not know
    expect(read(/abc{def/)).toBeUndefined(); // a brace that is no quantifier
    expect(requiredText('abc(?i)def', '')).toBeUndefined(); // RE2's flag group
    expect(requiredText('abc[]x]def', '')).toBeUndefined(); // RE2 reads ] as the class's first member
    expect(read(/é?abc/)).toEqual({ caseless: false, anyOf: ['abc'] }); // non-ASCII ends a run
  });

  it('matches as RE2 folds case: every character RE2 lets match an ASCII letter passes the prefilter', () => {
    // Every code point but lone surrogates, each on its own line; those RE2 matches with some letter, case-insensitively.
    const all: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) all.push(String.fromCodePoint(cp));
    const letters = [...RE2JS.compile('^[a-z]$', RE2JS.CASE_INSENSITIVE | RE2JS.MULTILINE).matchAll(all.join('\n'))].map((m) => m[0]);
    // The orbits: 52 ASCII letters, the Kelvin sign with k, the long s with s.
    expect(letters).toEqual(expect.arrayContaining(['\u212A', '\u017F']));
    for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
      const re = RE2JS.compile(letter, RE2JS.CASE_INSENSITIVE);
      for (const c of letters.filter((c) => re.test(c))) {
        expect(mayMatch({ caseless: true, anyOf: [letter.repeat(3)] }, c.repeat(3)), `${c} as ${letter}`).toBe(true);
      }
    }
    expect(mayMatch({ caseless: true, anyOf: ['kiss'] }, 'xx\u212AI\u017FS')).toBe(true);
    expect(mayMatch({ caseless: true, anyOf: ['kiss'] }, 'KIS')).toBe(false);
    expect(mayMatch({ caseless: false, anyOf: ['Kiss'] }, 'kiss')).toBe(false);
  });

  it('every declared pattern it reads is implied by RE2 itself: its literals hold wherever RE2 would look', async () => {
    const declaring = SOURCE_DIRS.flatMap((dir) =>
      (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
        .map((f) => join(dir, f))
        .filter((f) => /\blinear\(/.test(readFileSync(join(ROOT, f), 'utf8'))),
    );
    for (const f of declaring) await import(pathToFileURL(join(ROOT, f)).href);
    const read = declaredPatterns().flatMap((p) => {
      const re = new RegExp(p.source, p.flags);
      const ours = requiredText(p.source, p.flags);
      return ours ? [{ re, ours }] : [];
    });
    // Most catalogue patterns carry a literal, and the oracle refuses a literal RE2 does not require.
    expect(read.length).toBeGreaterThan(120);
    expect(provenByRe2(/abcd?efg/, { caseless: false, anyOf: ['abcd'] })).toBe(false);
    expect(provenByRe2(/MailHog|Mailpit/i, { caseless: true, anyOf: ['mailhog', 'mailpix'] })).toBe(false);
    expect(provenByRe2(/MailHog|Mailpit/i, { caseless: true, anyOf: ['mailhog', 'mailpit'] })).toBe(true);
    expect(read.filter(({ re, ours }) => !provenByRe2(re, ours)).map(({ re, ours }) => `${String(re)} → ${JSON.stringify(ours.anyOf)}`)).toEqual([]);
  });
});
