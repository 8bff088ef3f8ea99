import type { Target } from './target.js';

/**
 * The server a target is on, for per-server politeness: its address, else its host name (already
 * bare and lower-cased by URL parsing), in one spelling: an IPv6 address's hex digits' case does
 * not split a server. Names that resolve alike are not known to share one.
 */
export function serverOf(target: Pick<Target, 'address' | 'host'>): string {
  return (target.address ?? target.host).toLowerCase();
}
