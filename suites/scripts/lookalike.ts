import { isIP } from 'node:net';
import { domainToUnicode } from 'node:url';
import {
  CONFUSABLE_CHARS,
  CONFUSABLE_SEQUENCES,
  lookalikeDistance,
  TWO_LEVEL_SUFFIXES,
  WELL_KNOWN_PROVIDERS,
  type WellKnownProvider,
} from '../../catalogue/skimmer-indicators.js';

/** A host that imitates a well-known provider's (SCR-04). */
export interface LookAlike {
  readonly provider: string;
  /** The provider's domain it imitates. */
  readonly imitates: string;
  readonly how: string;
}

/** The letters a reader sees: confusable sequences and characters folded (UTS #39 skeleton, abridged). */
export function skeleton(label: string): string {
  let s = label;
  for (const [from, to] of CONFUSABLE_SEQUENCES) s = s.split(from).join(to);
  return [...s].map((c) => CONFUSABLE_CHARS[c] ?? c).join('');
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[x.length]![y.length]!;
}

/** The registrable domain, simply: the last two labels, or three under a known second level (co.uk). */
export function registrable(host: string): string {
  const labels = host.split('.');
  const n = TWO_LEVEL_SUFFIXES.has(labels.slice(-2).join('.')) ? 3 : 2;
  return labels.slice(-n).join('.');
}

const under = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);
const isGenuine = (host: string) => WELL_KNOWN_PROVIDERS.some((p) => p.domains.some((d) => under(host, d)));

type Rule = (brand: string, domain: string, host: string, wanted: { brand: string; domain: string }) => string | undefined;

// Each rule sees the host's brand label and registrable domain, Unicode (IDN decoded), lower-case.
const RULES: readonly Rule[] = [
  (_b, _d, host, w) => (`.${host}.`.includes(`.${w.domain}.`) ? `contains ${w.domain} but is not under it` : undefined),
  (b, d, _h, w) => (b === w.brand && d !== w.domain ? `the same name under another suffix (${d} for ${w.domain})` : undefined),
  (b, _d, _h, w) => (b !== w.brand && skeleton(b) === skeleton(w.brand) ? `homoglyphs of ${w.domain} (${b} reads as ${w.brand})` : undefined),
  (b, _d, _h, w) =>
    b.startsWith(`${w.brand}-`) || b.endsWith(`-${w.brand}`) || b.includes(`-${w.brand}-`) ? `${w.brand} with a hyphenated word added (${b})` : undefined,
  (b, _d, _h, w) => {
    const n = Math.min(editDistance(b, w.brand), editDistance(skeleton(b), skeleton(w.brand)));
    return n >= 1 && n <= lookalikeDistance(w.brand) ? `${n} letter(s) away from ${w.domain} (${b} for ${w.brand})` : undefined;
  },
];

/**
 * Whether a host imitates a well-known analytics, CDN or payment host. A host on a provider's own
 * domain is genuine; IP literals imitate nothing. Punycode (xn--) is decoded first, so a Cyrillic
 * "а" in paypаl.com is compared as the reader sees it.
 */
export function lookalikeOf(hostname: string): LookAlike | undefined {
  const ascii = hostname.toLowerCase().replace(/\.$/, '');
  if (isIP(ascii.replace(/^\[|\]$/g, '')) || isGenuine(ascii)) return undefined;
  const host = domainToUnicode(ascii) || ascii;
  const domain = registrable(host);
  const brand = domain.split('.')[0] ?? '';
  for (const p of WELL_KNOWN_PROVIDERS) {
    for (const d of p.domains) {
      const wanted = { brand: d.split('.')[0]!, domain: d };
      for (const rule of RULES) {
        const how = rule(brand, domain, host, wanted);
        if (how) return { provider: (p satisfies WellKnownProvider).name, imitates: d, how };
      }
    }
  }
  return undefined;
}
