import { type FieldLines, getDecodeSplit, type Oversized, oversized } from './field-values.js';

/**
 * What a browser makes of X-Frame-Options: HTML Living Standard, "check a navigation
 * response's adherence to `X-Frame-Options`", steps 3–10 (step 2, CSP precedence, is in
 * framing.ts). The values form a set, lower-cased, so identical copies — Magento's own
 * header plus nginx's add_header — count once.
 */
export type FrameOptions =
  | { readonly kind: 'absent' }
  | Oversized
  /** One value (after de-duplication): framing blocked everywhere, or outside the origin. */
  | { readonly kind: 'deny' | 'sameorigin'; readonly values: readonly string[]; readonly lines: number }
  /** Step 6: several different values, one of them deny/sameorigin/allowall — framing is blocked everywhere. */
  | { readonly kind: 'conflict'; readonly values: readonly string[]; readonly lines: number }
  /** Steps 7 and 10: nothing a browser acts on (allowall, obsolete ALLOW-FROM, unknown or empty values). */
  | { readonly kind: 'ignored'; readonly values: readonly string[]; readonly lines: number };

const KNOWN = new Set(['deny', 'sameorigin', 'allowall']);

export function frameOptions(v: FieldLines): FrameOptions {
  const big = oversized(v);
  if (big) return big;
  const raw = getDecodeSplit(v);
  if (raw === null) return { kind: 'absent' };
  const lines = typeof v === 'string' ? 1 : (v?.length ?? 0);
  const values = [...new Set(raw.map((x) => x.toLowerCase()))];
  if (values.length > 1) return { kind: values.some((x) => KNOWN.has(x)) ? 'conflict' : 'ignored', values, lines };
  const only = values[0]!;
  return only === 'deny' || only === 'sameorigin' ? { kind: only, values, lines } : { kind: 'ignored', values, lines };
}
