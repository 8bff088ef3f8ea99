/**
 * Text that every match of a pattern must contain, read from the pattern's source: when a
 * server's answer lacks it, the pattern cannot match and RE2 need not run (nor even compile).
 * Most catalogue patterns never match a given answer (a WAF's block page, a leaked file's
 * markers), and String.includes is far cheaper than RE2's automaton in JavaScript.
 *
 * Exact by construction: the reader takes only what is certainly literal — characters of the
 * top-level sequence, outside groups and classes, not under a quantifier — and gives up on
 * anything it does not know (an unknown escape, a stray brace, RE2-only syntax). Each top-level
 * alternative must yield one literal; a match contains at least one of them.
 */
export interface RequiredText {
  /** The pattern has the `i` flag: the literals are lower case and the text is folded to match. */
  readonly caseless: boolean;
  /** One literal per top-level alternative. */
  readonly anyOf: readonly string[];
}

/** Shorter literals would rarely rule a text out. */
const MIN_LENGTH = 3;
/** A quantifier, with its lazy mark: it applies to the atom just before it. */
const QUANTIFIER = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/;
/** Escapes of one character class or assertion: they end a run. */
const CLASS_ESCAPES = new Set('dDwWsSbB');
/** Escapes of one control character, the same in RE2 and RegExp. Any other letter or digit after `\` is not read. */
const CONTROL_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };
/** Characters that never stand for themselves where they appear outside a class. */
const OPERATORS = new Set('.^$');

/** The literals a match must contain, or undefined if the source does not show them plainly. */
export function requiredText(source: string, flags: string): RequiredText | undefined {
  const caseless = flags.includes('i');
  const anyOf: string[] = [];
  let best = '';
  let run = '';
  let lastIsLiteral = false;
  const endRun = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < source.length; ) {
    const quantifier = QUANTIFIER.exec(source.slice(i, i + 24));
    if (quantifier) {
      // The atom before it may be absent or repeated: it is no longer part of a fixed run.
      if (lastIsLiteral) run = run.slice(0, -1);
      endRun();
      lastIsLiteral = false;
      i += quantifier[0].length;
      continue;
    }
    const c = source[i]!;
    lastIsLiteral = false;
    if (c === '|') {
      endRun();
      anyOf.push(best);
      best = '';
      i++;
    } else if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined || next.charCodeAt(0) > 0x7f) return undefined;
      if (CONTROL_ESCAPES[next]) {
        run += CONTROL_ESCAPES[next];
        lastIsLiteral = true;
      } else if (/[A-Za-z0-9]/.test(next)) {
        if (!CLASS_ESCAPES.has(next)) return undefined;
        endRun();
      } else {
        run += next;
        lastIsLiteral = true;
      }
      i += 2;
    } else if (c === '(') {
      // A group as a whole: its content is not read. `(?` with a letter may set flags (RE2's `(?i)`).
      if (/^\(\?[A-Za-z-]/.test(source.slice(i, i + 3)) && source[i + 2] !== 'P') return undefined;
      const close = groupEnd(source, i);
      if (close < 0) return undefined;
      endRun();
      i = close + 1;
    } else if (c === '[') {
      const close = classEnd(source, i);
      if (close < 0) return undefined;
      endRun();
      i = close + 1;
    } else if (OPERATORS.has(c)) {
      endRun();
      i++;
    } else if (c === ')' || c === ']' || c === '{' || c === '}') {
      // Literal in both syntaxes here, but read differently by the two parsers in places: not worth it.
      return undefined;
    } else if (c.charCodeAt(0) > 0x7f) {
      // Outside ASCII, case folding and UTF-16 pairs (a quantifier after an astral character) differ.
      endRun();
      i++;
    } else {
      run += caseless ? c.toLowerCase() : c;
      lastIsLiteral = true;
      i++;
    }
  }
  endRun();
  anyOf.push(best);
  return anyOf.every((l) => l.length >= MIN_LENGTH) ? { caseless, anyOf } : undefined;
}

/** Index of the `)` that closes the group opening at `start`, or -1. */
function groupEnd(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = classEnd(source, i);
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Index of the `]` that closes the class opening at `start`; -1 where RE2 and RegExp might read it differently (`[]…]`, `[[:alpha:]]`). */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') return -1;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') return -1;
    else if (c === ']') return i;
  }
  return -1;
}

/** Whether `text` holds one of the literals; false means the pattern cannot match it. */
export function mayMatch(required: RequiredText, text: string): boolean {
  const haystack = required.caseless ? folded(text) : text;
  return required.anyOf.some((literal) => haystack.includes(literal));
}

// One text is usually tried against many patterns in a row (every WAF signature on one answer).
let lastText = '';
let lastFolded = '';

/**
 * The text as RE2's case-insensitive matching sees ASCII letters: each character RE2 lets match
 * an ASCII letter becomes that letter in lower case. toLowerCase() does so for all of them
 * (K, the Kelvin sign, included) except ſ (long s), which RE2 folds with s.
 */
function folded(text: string): string {
  if (text !== lastText) {
    const lower = text.toLowerCase();
    lastFolded = lower.includes('ſ') ? lower.replaceAll('ſ', 's') : lower;
    lastText = text;
  }
  return lastFolded;
}
