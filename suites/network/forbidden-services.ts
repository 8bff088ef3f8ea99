import { portsOfKinds, type ServiceKind } from '../../catalogue/ports.js';
import type { Check } from '../../core/check.js';
import { fail, inconclusive } from '../../core/verdict.js';
import { describe, exposureOf, localErrors, noneReachable, openOfKinds, openPortEvidence, scanEvidence, silentHost } from './exposure-fact.js';

export interface ForbiddenServices {
  readonly id: string;
  readonly kinds: readonly ServiceKind[];
  /** In the failure message: "<short> port(s) reachable". */
  readonly short: string;
  /** In the pass message: "no <long> reachable". */
  readonly long: string;
}

/**
 * A check that no service of the given kinds answers from here, on its usual port or on any
 * port where its handshake was seen; unauthenticated ones are named first.
 */
export function forbiddenServicesCheck(spec: ForbiddenServices): Check {
  return {
    id: spec.id,
    async run(ctx) {
      const x = await exposureOf(ctx);
      const watched = portsOfKinds(spec.kinds);
      const scanned = scanEvidence(x, watched);
      const silent = silentHost(x);
      if (silent) return inconclusive(silent, [scanned]);
      const hits = openOfKinds(x, spec.kinds);
      if (hits.length) {
        const open = hits.filter((op) => op.identity.identified && op.identity.access === 'unauthenticated');
        const rest = hits.filter((op) => !open.includes(op));
        const parts = [
          ...(open.length ? [`${open.length} without authentication: ${open.map(describe).join('; ')}`] : []),
          ...(rest.length ? [`${open.length ? 'also ' : ''}${rest.map(describe).join('; ')}`] : []),
        ];
        return fail(`${spec.short} port(s) reachable: ${parts.join('; ')}`, [scanned, ...hits.map((op) => openPortEvidence(x, op))]);
      }
      const errors = localErrors(x);
      if (errors) return inconclusive(errors, [scanned]);
      return noneReachable(x, watched, spec.long, scanned);
    },
  };
}
