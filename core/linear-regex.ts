import { RE2JS } from 're2js';

/**
 * A regular expression whose matching time is linear in its input, whatever the pattern
 * and whatever the input: RE2's automata (re2js, a pure-JS port of RE2/J) never backtrack.
 * V8's RegExp does, so one nested quantifier such as `(?:#.*\n|\s*\n)*` let a 45-byte
 * `.env` hold a check for minutes (issue 8), and no socket timeout interrupts a
 * synchronous match.
 *
 * Every pattern applied to server-supplied text is one of these: the catalogue tables are
 * typed LinearRegex, never RegExp, so a new entry cannot bring a backtracking one back.
 * Each caller also caps the characters it scans (a named constant beside it), so a match
 * costs at most that cap times a constant.
 *
 * Written as a JS literal for readability; RE2 compiles its source on first use (a scan uses a
 * fraction of the tables: compiling all at load cost a one-host audit ~0.1 s of CPU), so syntax
 * RE2 lacks (lookaround, backreferences, `[^]`) is caught by a unit test that compiles every
 * pattern created (`compileAllCreated`), never during a scan.
 * RE2 differs from RegExp in small ways: `\s` is [\t\n\f\r ], and `^`, `$` and `.` know
 * only \n as a line end (a \r before it is an ordinary character).
 */
export class LinearRegex {
  private compiled: RE2JS | undefined;
  private readonly reFlags: number;

  constructor(private readonly literal: RegExp) {
    let flags = 0;
    for (const f of literal.flags) {
      if (f === 'i') flags |= RE2JS.CASE_INSENSITIVE;
      else if (f === 'm') flags |= RE2JS.MULTILINE;
      else if (f === 's') flags |= RE2JS.DOTALL;
      // `g` and `y` carry state between calls, `u`/`v`/`d` change the syntax: none is needed here.
      else throw new Error(`linear(${String(literal)}): flag "${f}" is not supported (replaceAll replaces every match)`);
    }
    this.reFlags = flags;
    created.push(this);
  }

  private get re(): RE2JS {
    this.compiled ??= RE2JS.compile(this.literal.source, this.reFlags);
    return this.compiled;
  }

  test(text: string): boolean {
    return this.re.test(text);
  }

  /** The first match, shaped like RegExp's (index, groups by number; unmatched groups undefined). */
  exec(text: string): LinearMatch | null {
    // test() runs RE2's DFA (no captures), several times faster than the capturing NFA:
    // hostile text usually does not match, and then the NFA never runs.
    if (!this.re.test(text)) return null;
    return this.re.exec(text) as LinearMatch | null;
  }

  /** Every non-overlapping match, left to right. */
  matchAll(text: string): IterableIterator<LinearMatch> {
    return this.re.matchAll(text) as IterableIterator<LinearMatch>;
  }

  /** Replaces every match; `$1` in a string names a group (missing groups give ""), `$$` is a dollar. */
  replaceAll(text: string, replacement: string | ((match: string, ...groups: (string | undefined)[]) => string)): string {
    return this.re.matcher(text).replaceAll(replacement as string);
  }

  /** The pattern as written, for evidence and for tests that compare it with RegExp. */
  get source(): string {
    return this.literal.source;
  }

  get flags(): string {
    return this.literal.flags;
  }

  toString(): string {
    return String(this.literal);
  }
}

export interface LinearMatch {
  readonly 0: string;
  readonly [group: number]: string | undefined;
  readonly index: number;
  readonly length: number;
}

/** Every pattern made in this process, for the test that compiles them all. */
const created: LinearRegex[] = [];

/** Compiles every pattern made so far (throws on syntax RE2 lacks); returns how many. */
export function compileAllCreated(): number {
  for (const r of created) r.test('');
  return created.length;
}

/** `linear(/^\s*\[core\]\s*$/m)`: the literal's source and flags, compiled by RE2 on first use. */
export const linear = (literal: RegExp): LinearRegex => new LinearRegex(literal);
