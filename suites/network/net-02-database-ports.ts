import { portsOfKinds } from '../../catalogue/ports.js';
import type { Check } from '../../core/check.js';
import { fail, inconclusive } from '../../core/verdict.js';
import { DATABASE_KINDS, describe, exposureOf, localErrors, noneReachable, openOfKinds, openPortEvidence, scanEvidence, silentHost } from './exposure-fact.js';

/** NET-02: no database answers from here, on its usual port or on any port where its handshake was seen. */
export const net02: Check = {
  id: 'NET-02',
  async run(ctx) {
    const x = await exposureOf(ctx);
    const dbPorts = portsOfKinds(DATABASE_KINDS);
    const scanned = scanEvidence(x, dbPorts);
    const silent = silentHost(x);
    if (silent) return inconclusive(silent, [scanned]);
    const hits = openOfKinds(x, DATABASE_KINDS);
    if (hits.length) {
      return fail(`database port(s) reachable: ${hits.map(describe).join('; ')}`, [scanned, ...hits.map((op) => openPortEvidence(x, op))]);
    }
    const errors = localErrors(x);
    if (errors) return inconclusive(errors, [scanned]);
    return noneReachable(x, dbPorts, 'database', scanned);
  },
};
