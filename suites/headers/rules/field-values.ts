/**
 * Header field values as the HTTP client hands them over: one string per field line (an
 * array when the field was sent more than once), or undefined when it was not sent.
 */
export type FieldLines = string | readonly string[] | undefined;

/**
 * Longest field value judged. Chromium refuses a response whose headers exceed 256 KiB
 * (ERR_RESPONSE_HEADERS_TOO_BIG), so nothing longer reaches a page; the cap also bounds
 * the work of every parser here, each of which makes one pass over its input.
 */
export const MAX_FIELD_CHARS = 256 * 1024;

/** A value too long to judge: the checks call it inconclusive, never pass. */
export interface Oversized {
  readonly kind: 'oversized';
  readonly chars: number;
}

export function linesOf(v: FieldLines): readonly string[] {
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

/** The field's total size when it is over the cap, else undefined. */
export function oversized(v: FieldLines): Oversized | undefined {
  const chars = linesOf(v).reduce((n, l) => n + l.length, 0);
  return chars > MAX_FIELD_CHARS ? { kind: 'oversized', chars } : undefined;
}

const isTabOrSpace = (c: string | undefined) => c === ' ' || c === '\t';

/** Strips HTTP tab or space from both ends (Fetch "HTTP tab or space"), without a regex. */
export function trimTabSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isTabOrSpace(s[start])) start++;
  while (end > start && isTabOrSpace(s[end - 1])) end--;
  return s.slice(start, end);
}

/**
 * Fetch §2.2.2 "get, decode, and split": the field lines joined with ", " (RFC 9110 §5.3
 * combining), then split on commas outside double-quoted strings, each value trimmed of
 * tab and space. Empty values are kept (`"a,"` gives `["a", ""]`), as browsers see them.
 * Null when the field is absent. One pass over the input.
 */
export function getDecodeSplit(v: FieldLines): string[] | null {
  const lines = linesOf(v);
  if (lines.length === 0) return null;
  const input = lines.join(', ');
  const n = input.length;
  const values: string[] = [];
  let start = 0;
  let i = 0;
  for (;;) {
    while (i < n && input[i] !== ',') {
      if (input[i] === '"') {
        // "Collect an HTTP quoted string" (extract-value false): the quotes stay in the value.
        i++;
        while (i < n && input[i] !== '"') i += input[i] === '\\' ? 2 : 1;
      }
      i++;
    }
    values.push(trimTabSpace(input.slice(start, Math.min(i, n))));
    if (i >= n) return values;
    start = ++i;
  }
}
