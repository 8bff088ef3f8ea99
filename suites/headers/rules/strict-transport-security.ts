import { type FieldLines, linesOf, type Oversized, oversized, trimTabSpace } from './field-values.js';

/**
 * Strict-Transport-Security as a browser reads it.
 *
 * Which field: RFC 6797 §8.1 says a UA processes only the first STS field, and Chromium
 * (URLRequestHttpJob takes the first) and Firefox (nsHttpHeaderArray keeps the first, test
 * DuplicateHSTS) do so; we judge the first field too. One exception keeps the verdict the
 * same whether a directive is repeated in one field or across two: max-age or
 * includeSubDomains in more than one distinct line makes the header invalid, as it would in
 * one line (§6.1 rule 2) and as it becomes when a proxy combines the lines (RFC 9110 §5.3).
 * Identical copies (the application's header plus nginx's add_header) are one policy to
 * every reader and count once.
 *
 * Grammar of that field: RFC 6797 §6.1 — `[ directive ] *( ";" [ directive ] )`,
 * directive = token [ "=" ( token / quoted-string ) ], implied whitespace around tokens,
 * names case-insensitive. Any data outside the grammar (a comma, an unterminated quote,
 * `max-age=31536000abc`) makes UAs ignore the whole field (§6.1 rule 4). max-age is
 * required (§6.1.1) and a whole number; max-age or includeSubDomains twice invalidates
 * the field (§6.1 rule 2, as Chromium's ParseHSTSHeader enforces); includeSubDomains takes
 * no value; unknown directives are ignored (§6.1 rule 5).
 */
export type Hsts =
  | { readonly kind: 'absent' }
  | Oversized
  | { readonly kind: 'invalid'; readonly value: string; readonly why: string; readonly lines: readonly string[]; readonly acrossLines?: true }
  | {
      readonly kind: 'valid';
      readonly value: string;
      readonly maxAge: number;
      readonly includeSubDomains: boolean;
      readonly preload: boolean;
      readonly lines: readonly string[];
    };

export function strictTransportSecurity(v: FieldLines): Hsts {
  const big = oversized(v);
  if (big) return big;
  const lines = linesOf(v);
  const distinct = [...new Set(lines.map(trimTabSpace))];
  const value = distinct[0];
  if (value === undefined) return { kind: 'absent' };
  const repeated = repeatedAcross(distinct);
  if (repeated)
    return {
      kind: 'invalid',
      value: distinct.join(' + '),
      why: `${repeated} appears in ${distinct.length} different field lines (RFC 6797 §6.1: each directive at most once)`,
      lines,
      acrossLines: true,
    };
  const parsed = parseDirectives(value);
  if ('why' in parsed) return { kind: 'invalid', value, why: parsed.why, lines };
  const d = parsed.directives;
  const maxAge = d.get('max-age');
  if (maxAge === undefined) return { kind: 'invalid', value, why: 'no max-age directive (required, RFC 6797 §6.1.1)', lines };
  if (maxAge.value === undefined || !/^[0-9]+$/.test(maxAge.value)) {
    return {
      kind: 'invalid',
      value,
      why: `max-age ${maxAge.value === undefined ? 'has no value' : `"${maxAge.value}" is not a whole number of seconds`}`,
      lines,
    };
  }
  const sub = d.get('includesubdomains');
  if (sub && (sub.quoted || sub.value)) return { kind: 'invalid', value, why: 'includeSubDomains takes no value', lines };
  return { kind: 'valid', value, maxAge: Number(maxAge.value), includeSubDomains: sub !== undefined, preload: d.has('preload'), lines };
}

/** A directive browsers act on that more than one distinct line sets, if any. */
function repeatedAcross(distinct: readonly string[]): string | undefined {
  if (distinct.length < 2) return undefined;
  const seen = new Map<string, number>();
  for (const line of distinct) {
    const parsed = parseDirectives(line);
    if ('directives' in parsed) for (const name of parsed.directives.keys()) if (SINGLE.has(name)) seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  return [...seen].find(([, n]) => n > 1)?.[0];
}

interface Directive {
  readonly value: string | undefined;
  readonly quoted: boolean;
}

/** Directives whose repetition invalidates the field (the ones browsers act on). */
const SINGLE = new Set(['max-age', 'includesubdomains']);

// RFC 9110 §5.6.2 tchar.
const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;
const isTchar = (c: string | undefined) => c !== undefined && TCHAR.test(c);

/** One left-to-right pass over the field; fails at the first character outside the grammar. */
function parseDirectives(value: string): { directives: Map<string, Directive> } | { why: string } {
  const directives = new Map<string, Directive>();
  const s = value;
  let i = 0;
  const skipOws = () => {
    while (s[i] === ' ' || s[i] === '\t') i++;
  };
  const token = () => {
    const start = i;
    while (isTchar(s[i])) i++;
    return s.slice(start, i);
  };
  const unexpected = (what: string) => ({ why: `unexpected ${JSON.stringify(s[i])} ${what} at character ${i + 1}` });
  for (;;) {
    skipOws();
    if (i >= s.length) break;
    if (s[i] === ';') {
      i++;
      continue;
    }
    const name = token();
    if (!name) return unexpected('where a directive name should start');
    skipOws();
    let val: string | undefined;
    let quoted = false;
    if (s[i] === '=') {
      i++;
      skipOws();
      if (s[i] === '"') {
        quoted = true;
        let text = '';
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\') i++;
          if (i < s.length) text += s[i];
          i++;
        }
        if (i >= s.length) return { why: `unterminated quoted value of ${name}` };
        i++;
        val = text;
      } else {
        val = token();
      }
      skipOws();
    }
    if (i < s.length && s[i] !== ';') return unexpected(`after ${name}${val !== undefined ? `=${val}` : ''}`);
    const key = name.toLowerCase();
    if (SINGLE.has(key) && directives.has(key)) return { why: `${name} appears twice (RFC 6797 §6.1: each directive at most once)` };
    if (!directives.has(key)) directives.set(key, { value: val, quoted });
  }
  return { directives };
}
