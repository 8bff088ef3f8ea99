import { type AuthorisedScript, type Inventory, urlPatternRegex } from '../../core/inventory.js';
import type { SeenScript } from '../../probes/browser/page-facts.js';

/** Where a seen script stands against the inventory (SCR-01). */
export type Authorisation =
  | { readonly kind: 'authorised'; readonly by: AuthorisedScript }
  | { readonly kind: 'unlisted' }
  /** Entries name it but pin another body: the script changed since it was approved. */
  | { readonly kind: 'pin-changed'; readonly pins: readonly AuthorisedScript[] };

// Most specific first: the entry named as the authorisation in the evidence.
const SPECIFICITY: readonly AuthorisedScript['match']['by'][] = ['url', 'inlineSha256', 'urlPattern', 'origin'];

const originOf = (s: SeenScript) => s.origin ?? (s.url && URL.canParse(s.url) ? new URL(s.url).origin : undefined);

/** Whether an entry names the script: URL-based entries by its URL, hash entries by the text's sha256. */
export function names(entry: AuthorisedScript, s: SeenScript): boolean {
  const m = entry.match;
  switch (m.by) {
    case 'url':
      return s.url === m.url;
    case 'urlPattern':
      return s.url !== undefined && urlPatternRegex(m).test(s.url);
    case 'origin':
      return s.url !== undefined && originOf(s) === m.origin;
    case 'inlineSha256':
      return s.kind !== 'external' && s.sha256 === m.sha256;
  }
}

/**
 * A pin is a demand: when any entry naming the script pins a hash, one of the pins must equal the
 * body's sha256 (several pins allow a version rollout), whatever unpinned entries also name it.
 */
export function authorise(s: SeenScript, inventory: Inventory): Authorisation {
  const naming = inventory.scripts.filter((e) => names(e, s));
  const pins = naming.filter((e) => e.sha256 !== undefined);
  if (pins.length) {
    const kept = pins.find((e) => e.sha256 === s.sha256);
    return kept ? { kind: 'authorised', by: kept } : { kind: 'pin-changed', pins };
  }
  const best = [...naming].sort((a, b) => SPECIFICITY.indexOf(a.match.by) - SPECIFICITY.indexOf(b.match.by))[0];
  return best ? { kind: 'authorised', by: best } : { kind: 'unlisted' };
}

/** Origins the inventory authorises scripts from: origin entries and the origins of exact URLs. */
export function inventoriedOrigins(inventory: Inventory): ReadonlySet<string> {
  return new Set(inventory.scripts.flatMap((e) => (e.match.by === 'origin' ? [e.match.origin] : e.match.by === 'url' ? [new URL(e.match.url).origin] : [])));
}
