import type { Target } from './target.js';

/**
 * The server a target is on, for per-server politeness: its address, else its host name, in one
 * spelling (a name's case and an IPv6 literal's brackets do not split a server). Names that
 * resolve alike are not known to share one.
 */
export function serverOf(target: Pick<Target, 'address' | 'host'>): string {
  return (target.address ?? target.host).replace(/^\[|\]$/g, '').toLowerCase();
}
