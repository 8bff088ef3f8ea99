import { KNOWN_REFERRER_POLICIES } from '../../../catalogue/security-headers.js';
import { type FieldLines, getDecodeSplit, type Oversized, oversized } from './field-values.js';

/**
 * Referrer Policy "parse a referrer policy from a Referrer-Policy header": the tokens
 * of every field line in order; the last token that is a referrer policy wins, unknown and
 * empty tokens are skipped (so a new policy can be listed after an older fallback).
 * Browsers compare tokens case-insensitively (Chromium, Gecko).
 */
export type ReferrerPolicy =
  | { readonly kind: 'absent' }
  | Oversized
  /** `policy` is undefined when no token is recognised: the header is then ignored. */
  | { readonly kind: 'sent'; readonly policy: string | undefined; readonly tokens: readonly string[]; readonly unknown: readonly string[] };

export function referrerPolicy(v: FieldLines): ReferrerPolicy {
  const big = oversized(v);
  if (big) return big;
  const tokens = getDecodeSplit(v);
  if (tokens === null) return { kind: 'absent' };
  const lower = tokens.map((t) => t.toLowerCase());
  const known = lower.filter((t) => KNOWN_REFERRER_POLICIES.includes(t));
  const unknown = lower.filter((t) => t !== '' && !KNOWN_REFERRER_POLICIES.includes(t));
  return { kind: 'sent', policy: known.at(-1), tokens, unknown };
}
