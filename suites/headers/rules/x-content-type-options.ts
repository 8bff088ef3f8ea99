import { type FieldLines, getDecodeSplit, type Oversized, oversized } from './field-values.js';

/**
 * Fetch "determine nosniff": only the first value of the combined, comma-split field
 * counts, as an ASCII case-insensitive match for "nosniff"; later values are never read.
 */
export type ContentTypeOptions =
  | { readonly kind: 'absent' }
  | Oversized
  | { readonly kind: 'nosniff' | 'other'; readonly first: string; readonly values: readonly string[] };

export function contentTypeOptions(v: FieldLines): ContentTypeOptions {
  const big = oversized(v);
  if (big) return big;
  const values = getDecodeSplit(v);
  if (values === null) return { kind: 'absent' };
  const first = values[0]!;
  return { kind: first.toLowerCase() === 'nosniff' ? 'nosniff' : 'other', first, values };
}
