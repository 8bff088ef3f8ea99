import { randomBytes } from 'node:crypto';

/** A lower-case token no site has a page for (not-found baselines, echo markers). */
export function randomToken(bytes = 8): string {
  return `mp${randomBytes(bytes).toString('hex')}`;
}

/** A random decimal ID no store has (numeric routes); always this many digits. */
export const RANDOM_ID_DIGITS = 12;
export function randomId(): string {
  return String(Math.floor(10 ** (RANDOM_ID_DIGITS - 1) + Math.random() * 8 * 10 ** (RANDOM_ID_DIGITS - 1)));
}

/**
 * What randomToken() and randomId() put into a request path, as it appears in evidence: scan-to-scan
 * diffs mask it, since it differs on every scan of an unchanged server. A random ID is only masked as a
 * whole path segment, so a store's own numbers elsewhere in the evidence still count.
 */
export const RANDOM_IN_PATH = new RegExp(`mp[0-9a-f]{12,}|(?<=/)\\d{${RANDOM_ID_DIGITS}}(?=[/?#"]|$)`, 'g');
