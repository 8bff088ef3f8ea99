import { linear } from '../../core/linear-regex.js';

/** One header that differs from the inventory's record of a payment page (SCR-03). */
export type HeaderChange =
  | { readonly change: 'added'; readonly name: string; readonly now: string }
  | { readonly change: 'removed'; readonly name: string; readonly recorded: string }
  | { readonly change: 'changed'; readonly name: string; readonly recorded: string; readonly now: string };

// CSP3 §2.3.1 nonce-source: a fresh nonce per response is how it works (Magento 2.4.7+ checkout
// sends one), not a change; the rest of the policy is compared as written.
const NONCE = linear(/'nonce-[^']*'/);
const CSP_HEADERS = new Set(['content-security-policy', 'content-security-policy-report-only']);

/** A header value as compared: nonces blanked in CSP, surrounding whitespace ignored. */
export function comparable(name: string, value: string): string {
  const v = value.trim();
  return CSP_HEADERS.has(name) ? NONCE.replaceAll(v, "'nonce-…'") : v;
}

/** What differs between the recorded and the received security headers of one page, by name. */
export function headerDrift(recorded: Readonly<Record<string, string>>, received: Readonly<Record<string, string>>): HeaderChange[] {
  const names = [...new Set([...Object.keys(recorded), ...Object.keys(received)])].sort();
  return names.flatMap((name): HeaderChange[] => {
    const was = recorded[name];
    const now = received[name];
    if (was === undefined) return [{ change: 'added', name, now: now! }];
    if (now === undefined) return [{ change: 'removed', name, recorded: was }];
    return comparable(name, was) === comparable(name, now) ? [] : [{ change: 'changed', name, recorded: was, now }];
  });
}
