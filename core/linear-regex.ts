import { RE2JS } from 're2js';
import { mayMatch, type RequiredText, requiredText } from './required-text.js';

/** Every pattern declared with linear(), in declaration order. */
const DECLARED: LinearRegex[] = [];

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
 * Two ways to make one, by who wrote the pattern:
 * - `linear(/…/)` for patterns in our own modules. Compiling one costs RE2 about half a
 *   millisecond and a scan uses a fifth of the ~200 declared, so each compiles on first use.
 *   Every one is also listed in `declaredPatterns()`, and a unit test (test/core/
 *   linear-regex.unit.test.ts) imports every module that calls linear() and compiles them
 *   all: syntax RE2 lacks (lookaround, backreferences, `[^]`) fails that test, never a scan.
 * - `linearFromUser(…)` for patterns a user or a team supplies (inventory urlPattern,
 *   acceptance matchers): compiled at once, so a syntax error is reported where it is written.
 *
 * Before RE2 runs, a text that lacks a literal every match must hold (core/required-text.ts)
 * is answered "no match" with String.includes: most patterns never match a given answer.
 *
 * RE2 differs from RegExp in small ways: `\s` is [\t\n\f\r ], and `^`, `$` and `.` know
 * only \n as a line end (a \r before it is an ordinary character).
 */
export class LinearRegex {
  private compiled: RE2JS | undefined;
  private readonly re2Flags: number;
  /** Literals every match holds (core/required-text.ts), read on first use; null when the source shows none. */
  private required: RequiredText | null | undefined;

  private constructor(
    private readonly literal: RegExp,
    /** Written in our own code (linear()): its syntax error is a bug of ours, not a user's mistake. */
    private readonly ours: boolean,
  ) {
    let flags = 0;
    for (const f of literal.flags) {
      if (f === 'i') flags |= RE2JS.CASE_INSENSITIVE;
      else if (f === 'm') flags |= RE2JS.MULTILINE;
      else if (f === 's') flags |= RE2JS.DOTALL;
      // `g` and `y` carry state between calls, `u`/`v`/`d` change the syntax: none is needed here.
      else throw new Error(`linear(${String(literal)}): flag "${f}" is not supported (replaceAll replaces every match)`);
    }
    this.re2Flags = flags;
  }

  /** @internal Use `linear()` (our own patterns) or `linearFromUser()` (patterns users write). */
  static declare(literal: RegExp): LinearRegex {
    const re = new LinearRegex(literal, true);
    DECLARED.push(re);
    return re;
  }

  /** @internal Use `linearFromUser()`. */
  static compileNow(literal: RegExp): LinearRegex {
    const re = new LinearRegex(literal, false);
    re.compile();
    return re;
  }

  /** RE2's program for the pattern, compiled on first call; throws on syntax RE2 lacks. */
  compile(): RE2JS {
    try {
      this.compiled ??= RE2JS.compile(this.literal.source, this.re2Flags);
    } catch (e) {
      // RE2JSSyntaxException is no SyntaxError: from our own pattern, mid-scan, it would read as
      // the target's trouble (inconclusive). As a SyntaxError it is an internal error, loudly.
      if (this.ours) throw new SyntaxError(`linear(${String(this.literal)}): ${(e as Error).message}`, { cause: e });
      throw e;
    }
    return this.compiled;
  }

  /** True when `text` lacks a literal every match holds: then RE2 need not run, nor compile. */
  private cannotMatch(text: string): boolean {
    if (this.required === undefined) this.required = requiredText(this.literal.source, this.literal.flags) ?? null;
    return this.required !== null && !mayMatch(this.required, text);
  }

  test(text: string): boolean {
    return !this.cannotMatch(text) && this.compile().test(text);
  }

  /** The first match, shaped like RegExp's (index, groups by number; unmatched groups undefined). */
  exec(text: string): LinearMatch | null {
    if (this.cannotMatch(text)) return null;
    const re = this.compile();
    // test() runs RE2's DFA (no captures), several times faster than the capturing NFA:
    // hostile text usually does not match, and then the NFA never runs.
    if (!re.test(text)) return null;
    return re.exec(text) as LinearMatch | null;
  }

  /** Every non-overlapping match, left to right. */
  matchAll(text: string): IterableIterator<LinearMatch> {
    if (this.cannotMatch(text)) return ([] as LinearMatch[]).values();
    return this.compile().matchAll(text) as IterableIterator<LinearMatch>;
  }

  /** Replaces every match; `$1` in a string names a group (missing groups give ""), `$$` is a dollar. */
  replaceAll(text: string, replacement: string | ((match: string, ...groups: (string | undefined)[]) => string)): string {
    if (this.cannotMatch(text)) return text;
    return this.compile()
      .matcher(text)
      .replaceAll(replacement as string);
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

/**
 * `linear(/^\s*\[core\]\s*$/m)`: a pattern of our own, declared once at module level (it is
 * listed for the unit test that compiles every one). RE2 compiles the literal's source and
 * flags on first use; an unsupported flag is refused at once.
 */
export const linear = (literal: RegExp): LinearRegex => LinearRegex.declare(literal);

/**
 * A pattern from a user's or a team's file (inventory urlPattern, acceptance matchers),
 * compiled by RE2 now: syntax RE2 lacks throws here, where the pattern is read, not mid-scan.
 * A RegExp object only carries the source and flags to RE2; V8 never matches with it.
 */
export const linearFromUser = (pattern: RegExp): LinearRegex => LinearRegex.compileNow(pattern);

/** The patterns declared with linear() by the modules loaded so far (for the unit test that compiles them all). */
export const declaredPatterns = (): readonly LinearRegex[] => DECLARED;
