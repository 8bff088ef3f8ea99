/**
 * Server-supplied text made safe to show. A banner, header or error page may carry ESC/BEL
 * sequences (ECMA-48 OSC/CSI: retitle or clear a terminal, rewrite a CI log), C1 controls
 * (8-bit CSI U+009B), bidi overrides that make a report read differently from what it holds
 * (Unicode TR9; CVE-2021-42574 "Trojan Source"), or characters XML 1.0 forbids (§2.2 Char).
 * Each is shown as a visible escape (`\x1b`, `\u202e`) so the evidence stays readable and
 * honest. Every reporter passes what it renders through `neutralise` first.
 */

// C0 (but tab and newline), DEL, C1, Arabic letter mark, LRM/RLM, line/paragraph separators,
// LRE…RLO, LRI…PDI, the non-characters U+FFFE/FFFF and lone surrogates (no UTF-8 encoding).
const UNSAFE_IN_TEXT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufffe\uffff\u{d800}-\u{dfff}]/gu;
// The same plus tab and newline, for text that must stay on one line (messages, labels).
const UNSAFE_IN_LINE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufffe\uffff\u{d800}-\u{dfff}]/gu;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(ch: string): string {
  if (SHORT[ch]) return SHORT[ch];
  const code = ch.codePointAt(0)!;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

// Printable ASCII (and tab and newline) holds none of the above: most text is only checked.
const PRINTABLE_ASCII_LINE = /^[\x20-\x7e]*$/;
const PRINTABLE_ASCII_TEXT = /^[\t\n\x20-\x7e]*$/;

/** One line of text: every control, newline included, shown as an escape. */
export function safeLine(s: string): string {
  return PRINTABLE_ASCII_LINE.test(s) ? s : s.replace(UNSAFE_IN_LINE, visible);
}

/** Multi-line text (a body excerpt): keeps newline and tab, escapes every other control. */
export function safeText(s: string): string {
  return PRINTABLE_ASCII_TEXT.test(s) ? s : s.replace(UNSAFE_IN_TEXT, visible);
}

/**
 * A copy of `value` with every string (object keys too: header names come from servers)
 * neutralised. Strings are one line, except under evidence `facts`, where body excerpts and
 * multi-line banners keep their newlines, and under an internal error's `detail` (its stack). Idempotent, so a reporter may apply it to text
 * another reporter already made safe.
 */
export function neutralise<T>(value: T): T {
  return walk(value, safeLine) as T;
}

/** Fields whose text keeps its lines: evidence facts (body excerpts, banners), an internal error's stack. */
const MULTI_LINE_KEYS = new Set(['facts', 'detail']);

/**
 * Each object's copy, per way of cleaning its strings: every reporter neutralises the same scan
 * (its cases, their evidence), and results are readonly once made, so a second walk over an
 * object gives the copy the first made. Copies map to themselves (idempotence, without a walk).
 */
const COPIES = new Map<(s: string) => string, WeakMap<object, unknown>>([
  [safeLine, new WeakMap()],
  [safeText, new WeakMap()],
]);

function walk(value: unknown, clean: (s: string) => string): unknown {
  if (typeof value === 'string') return clean(value);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const copies = COPIES.get(clean)!;
  const known = copies.get(value);
  if (known !== undefined) return known;
  const copy = copyOf(value, clean);
  copies.set(value, copy);
  if (copy !== null && typeof copy === 'object') copies.set(copy, copy);
  return copy;
}

function copyOf(value: object, clean: (s: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, clean));
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return walk(toJSON.call(value), clean);
  // A loop rather than Object.fromEntries(Object.entries(…)): no array per entry, on every object
  // of every report. Defined, not assigned, so a key named "__proto__" stays a key.
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const key = safeLine(k);
    const cleaned = walk((value as Record<string, unknown>)[k], MULTI_LINE_KEYS.has(k) ? safeText : clean);
    if (key === '__proto__') Object.defineProperty(copy, key, { value: cleaned, enumerable: true, writable: true, configurable: true });
    else copy[key] = cleaned;
  }
  return copy;
}

/**
 * GitLab reads `[[ATTACHMENT|path]]` in JUnit output as a file of the CI job to attach
 * (case-insensitive), and Jenkins' junit-attachments and test-results-parser read
 * `[[PROPERTY|key=value]]` as case metadata; a server that gets a marker into our evidence
 * must neither pick files nor set fields.
 */
export function defuseCiMarkers(s: string): string {
  return s.includes('[[') ? s.replace(/\[\[(attachment|property)\|/gi, '[[$1\\|') : s;
}
