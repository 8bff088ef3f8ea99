import { portsOfKinds } from '../../catalogue/ports.js';
import type { Check } from '../../core/check.js';
import { fail, inconclusive } from '../../core/verdict.js';
import { BACKEND_KINDS, describe, exposureOf, localErrors, noneReachable, openOfKinds, openPortEvidence, scanEvidence, silentHost } from './exposure-fact.js';

/** NET-03: no cache, search, queue or runtime backend answers from here; unauthenticated ones called out first. */
export const net03: Check = {
  id: 'NET-03',
  async run(ctx) {
    const x = await exposureOf(ctx);
    const backendPorts = portsOfKinds(BACKEND_KINDS);
    const scanned = scanEvidence(x, backendPorts);
    const silent = silentHost(x);
    if (silent) return inconclusive(silent, [scanned]);
    const hits = openOfKinds(x, BACKEND_KINDS);
    if (hits.length) {
      const open = hits.filter((op) => op.identity.identified && op.identity.access === 'unauthenticated');
      const lead = open.length ? `${open.length} without authentication: ${open.map(describe).join('; ')}; ` : '';
      const rest = hits.filter((op) => !open.includes(op));
      return fail(
        `backend port(s) reachable: ${lead}${rest.length ? `${open.length ? 'also ' : ''}${rest.map(describe).join('; ')}` : ''}`.replace(/; $/, ''),
        [scanned, ...hits.map((op) => openPortEvidence(x, op))],
      );
    }
    const errors = localErrors(x);
    if (errors) return inconclusive(errors, [scanned]);
    return noneReachable(x, backendPorts, 'cache, search, queue or runtime backend', scanned);
  },
};
