import { DECODED_INTO_LOADER, DECODERS, LOADER_SCAN_CHARS, LOADERS } from '../../catalogue/skimmer-indicators.js';
import type { SeenScript } from '../../probes/browser/page-facts.js';

/** What makes a script an encoded loader (SCR-04): a decoder and a loader in the same text, or decoded text loaded directly. */
export type EncodedLoader = { readonly decoders: readonly string[]; readonly loaders: readonly string[] } | { readonly direct: readonly string[] };

/** The finding in words. */
export const describeLoader = (l: EncodedLoader): string =>
  'direct' in l
    ? `hands decoded text straight to a loader (${l.direct.join(', ')})`
    : `decodes with ${l.decoders.join(', ')} and runs or loads with ${l.loaders.join(', ')}`;

const names = (table: readonly { name: string; pattern: { test(s: string): boolean } }[], text: string) =>
  table.filter((i) => i.pattern.test(text)).map((i) => i.name);

/**
 * Inline and run-time scripts: a decoder and a loader anywhere in the text. Script files
 * (jQuery, RequireJS) legitimately hold both fromCharCode and createElement('script'), so there
 * only decoded text handed straight to a loader counts. The script's head (its first
 * LOADER_SCAN_CHARS as executed, not the 400-character excerpt a comment could fill) is what is
 * scanned, with linear-time patterns.
 */
export function encodedLoader(s: SeenScript): EncodedLoader | undefined {
  const text = (s.head ?? s.excerpt).slice(0, LOADER_SCAN_CHARS);
  if (s.kind === 'external') {
    const direct = names(DECODED_INTO_LOADER, text);
    return direct.length ? { direct } : undefined;
  }
  const decoders = names(DECODERS, text);
  if (!decoders.length) return undefined;
  const loaders = names(LOADERS, text);
  return loaders.length ? { decoders, loaders } : undefined;
}
