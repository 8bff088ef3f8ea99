import { CSP_DIRECTIVES } from '../../../catalogue/security-headers.js';
import { type FieldLines, linesOf, type Oversized, oversized } from './field-values.js';

/** One policy as CSP Level 3 "parse a serialized CSP" builds it. */
export interface CspPolicy {
  readonly disposition: 'enforce' | 'report';
  /** The serialized policy as received. */
  readonly serialized: string;
  /** Directive name (lower-cased) → its value split on whitespace; the first occurrence wins. */
  readonly directives: ReadonlyMap<string, readonly string[]>;
  /** Names no current browser acts on: misspelt, removed or invented; browsers skip them. */
  readonly unknown: readonly string[];
  /** Names given again later in the policy; CSP3 ignores the repeats. */
  readonly repeated: readonly string[];
}

const ASCII_WHITESPACE = /[\t\n\f\r ]+/;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * CSP3 "parse a serialized CSP": strictly split on ";", trim ASCII whitespace, skip empty and non-ASCII
 * tokens; the name is the token up to whitespace, lower-cased; a repeated name is ignored.
 */
export function parseSerializedCsp(serialized: string, disposition: CspPolicy['disposition']): CspPolicy {
  const directives = new Map<string, readonly string[]>();
  const repeated: string[] = [];
  for (const raw of serialized.split(';')) {
    if (NON_ASCII.test(raw)) continue;
    const token = raw.trim();
    if (!token) continue;
    const [first = '', ...value] = token.split(ASCII_WHITESPACE);
    const name = first.toLowerCase();
    if (directives.has(name)) repeated.push(name);
    else directives.set(name, value);
  }
  const unknown = [...directives.keys()].filter((n) => !CSP_DIRECTIVES.has(n));
  return { disposition, serialized, directives, unknown, repeated };
}

/**
 * CSP3 "parse a response's Content Security Policies": every policy of every field line
 * (the header is a comma-separated list, RFC 9110 §5.3), keeping those with a non-empty
 * directive set. All of them apply at once, so the most restrictive wins.
 */
export function cspPolicies(v: FieldLines, disposition: CspPolicy['disposition']): readonly CspPolicy[] | Oversized {
  const big = oversized(v);
  if (big) return big;
  const policies: CspPolicy[] = [];
  for (const line of linesOf(v)) {
    for (const entry of line.split(',')) {
      if (entry.trim() === '') continue; // no directives: nothing to parse
      const policy = parseSerializedCsp(entry, disposition);
      if (policy.directives.size > 0) policies.push(policy);
    }
  }
  return policies;
}

/**
 * Whether a policy restricts anything: at least one directive browsers recognise that is
 * not only about reporting (report-uri / report-to alone enforce nothing).
 */
export const enforcesSomething = (p: CspPolicy): boolean => [...p.directives.keys()].some((n) => CSP_DIRECTIVES.get(n) === 'restricts');

/**
 * A frame-ancestors source that lets any web origin frame the page (CSP3 "does url match
 * expression in origin with redirect count"): `*`; the scheme-sources `https:` and `http:`
 * (which CSP3 also matches to https), matching every host; a host-source whose host is `*`
 * (`https://*`, `*:443`) or a whole top-level domain (`https://*.com`). Other scheme-sources
 * (`data:`, `blob:`) match only ancestors of that scheme, and every ancestor must match, so
 * an attacker's https page still cannot frame the store.
 */
export function allowsAnyOrigin(source: string): boolean {
  const s = source.toLowerCase();
  if (s === '*') return true;
  if (s === 'https:' || s === 'http:') return true;
  if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return false;
  if (s.startsWith("'")) return false;
  const afterScheme = s.includes('://') ? s.slice(s.indexOf('://') + 3) : s;
  const host = afterScheme.split(/[:/]/, 1)[0] ?? '';
  return host === '*' || (host.startsWith('*.') && !host.slice(2).includes('.'));
}

/** frame-ancestors of one enforced policy: which sources it lists, and whether any origin may frame. */
export interface FrameAncestors {
  readonly policy: CspPolicy;
  readonly sources: readonly string[];
  /**
   * Framing restricted: no source matches every origin. An empty list and `'none'` match
   * nothing (CSP3 "does url match source list": an empty list does not match).
   */
  readonly restricts: boolean;
}

/** Every enforced policy's frame-ancestors; report-only policies never block framing. */
export function frameAncestors(policies: readonly CspPolicy[]): readonly FrameAncestors[] {
  return policies.flatMap((policy) => {
    const sources = policy.disposition === 'enforce' ? policy.directives.get('frame-ancestors') : undefined;
    return sources ? [{ policy, sources, restricts: !sources.some(allowsAnyOrigin) }] : [];
  });
}
