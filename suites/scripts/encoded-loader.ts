import { DECODERS, LOADER_SCAN_CHARS, LOADERS } from '../../catalogue/skimmer-indicators.js';
import type { SeenScript } from '../../probes/browser/page-facts.js';

/** What makes a script an encoded loader (SCR-04): a decoder and a loader in the same text. */
export interface EncodedLoader {
  readonly decoders: readonly string[];
  readonly loaders: readonly string[];
}

/**
 * Inline and run-time scripts only: libraries served as files (jQuery, RequireJS) legitimately
 * hold both fromCharCode and createElement('script'); a skimmer's loader is injected text. The
 * browser's excerpt is what is scanned, at most LOADER_SCAN_CHARS of it, with linear-time patterns.
 */
export function encodedLoader(s: SeenScript): EncodedLoader | undefined {
  if (s.kind === 'external') return undefined;
  const text = s.excerpt.slice(0, LOADER_SCAN_CHARS);
  const decoders = DECODERS.filter((d) => d.pattern.test(text)).map((d) => d.name);
  if (!decoders.length) return undefined;
  const loaders = LOADERS.filter((l) => l.pattern.test(text)).map((l) => l.name);
  return loaders.length ? { decoders, loaders } : undefined;
}
