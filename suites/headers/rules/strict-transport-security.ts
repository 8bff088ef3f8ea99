import { linesOf, oversized, trimTabSpace, type FieldLines, type Oversized } from './field-values.js';

/**
 * Strict-Transport-Security as a browser reads it.
 *
 * Which field: RFC 6797 §8.1 says a UA processes only the first STS field, and Chromium
 * (URLRequestHttpJob takes the first) and Firefox (nsHttpHeaderArray keeps the first, test
 * DuplicateHSTS) do so. But a proxy or CDN on the way may combine the lines into one field
 * (RFC 9110 §5.3), and then a directive repeated across them invalidates the header. So the
 * verdict must not depend on the path the response took: identical copies (the application's
 * header plus nginx's add_header) are one policy to every reader and count once; distinct
 * lines are judged as the one field they combine into (joined with ";"), so
 * `max-age=31536000` + `max-age=0` is invalid exactly as `max-age=31536000; max-age=0` is.
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
  | { readonly kind: 'invalid'; readonly value: string; readonly why: string; readonly lines: readonly string[] }
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
  if (lines.length === 0) return { kind: 'absent' };
  const value = [...new Set(lines.map(trimTabSpace))].join('; ');
  const parsed = parseDirectives(value);
  if ('why' in parsed) return { kind: 'invalid', value, why: parsed.why, lines };
  const d = parsed.directives;
  const maxAge = d.get('max-age');
  if (maxAge === undefined) return { kind: 'invalid', value, why: 'no max-age directive (required, RFC 6797 §6.1.1)', lines };
  if (maxAge.value === undefined || !/^[0-9]+$/.test(maxAge.value)) {
    return { kind: 'invalid', value, why: `max-age ${maxAge.value === undefined ? 'has no value' : `"${maxAge.value}" is not a whole number of seconds`}`, lines };
  }
  const sub = d.get('includesubdomains');
  if (sub && (sub.quoted || sub.value)) return { kind: 'invalid', value, why: 'includeSubDomains takes no value', lines };
  return { kind: 'valid', value, maxAge: Number(maxAge.value), includeSubDomains: sub !== undefined, preload: d.has('preload'), lines };
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
