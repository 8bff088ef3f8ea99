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
 * Written as a JS literal for readability; RE2 compiles its source, so syntax RE2 lacks
 * (lookaround, backreferences, `[^]`) fails when the module loads, never during a scan.
 * RE2 differs from RegExp in small ways: `\s` is [\t\n\f\r ], and `^`, `$` and `.` know
 * only \n as a line end (a \r before it is an ordinary character).
 */
export class LinearRegex {
  private readonly re: RE2JS;

  constructor(private readonly literal: RegExp) {
    let flags = 0;
    for (const f of literal.flags) {
      if (f === 'i') flags |= RE2JS.CASE_INSENSITIVE;
      else if (f === 'm') flags |= RE2JS.MULTILINE;
      else if (f === 's') flags |= RE2JS.DOTALL;
      // `g` and `y` carry state between calls, `u`/`v`/`d` change the syntax: none is needed here.
      else throw new Error(`linear(${String(literal)}): flag "${f}" is not supported (replaceAll replaces every match)`);
    }
    this.re = RE2JS.compile(literal.source, flags);
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

/** `linear(/^\s*\[core\]\s*$/m)`: the literal's source and flags, compiled by RE2. */
export const linear = (literal: RegExp): LinearRegex => new LinearRegex(literal);
