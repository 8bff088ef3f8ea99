import { EXFILTRATION_KINDS } from '../../catalogue/skimmer-indicators.js';
import type { Check } from '../../core/check.js';
import { type Evidence, evidence } from '../../core/evidence.js';
import type { Verdict } from '../../core/verdict.js';
import type { SeenConnection } from '../../probes/browser/page-facts.js';
import { describeLoader, encodedLoader } from './encoded-loader.js';
import { judgeScripts } from './facts.js';
import { lookalikeOf } from './lookalike.js';
import { conclude, noInventory, PageFindings, type ScriptFacts, scriptName, sortVisits, storeHostname } from './visits.js';

/**
 * SCR-04 (PCI DSS 11.6.1: alert on "indicators of compromise" on payment pages as received by the
 * consumer browser): no connection to an origin that is neither the store's (same host) nor in the
 * inventory's `connections:`; no script or connection host imitating a well-known provider's,
 * inventoried or not (a draft taken from a compromised store lists the skimmer too); no inline or
 * run-time script that decodes hidden text and loads it.
 */
export const scr04: Check = { id: 'SCR-04', run: (ctx) => judgeScripts(ctx, judgeSkimmerIndicators) };

/** Connections that go to the network (data: and blob: URLs have the opaque origin "null"). */
const networked = (c: SeenConnection) => c.origin !== 'null' && URL.canParse(c.origin);

export function judgeSkimmerIndicators(facts: ScriptFacts): Verdict {
  const inv = facts.inventory;
  if (!inv) return noInventory(facts, 'PCI DSS 11.6.1');
  const sorted = sortVisits(facts.visits, 'scripts');
  const storeHost = storeHostname(facts.store);
  const allowed = new Map(inv.connections.map((c) => [c.origin, c]));
  const findings = new PageFindings();
  const seen: Evidence[] = [];
  for (const v of sorted.judged) {
    const foreign = v.connections.filter((c) => networked(c) && new URL(c.origin).hostname !== storeHost && !allowed.has(c.origin));
    const byOrigin = new Map<string, SeenConnection[]>();
    for (const c of foreign) byOrigin.set(c.origin, [...(byOrigin.get(c.origin) ?? []), c]);
    for (const [origin, conns] of byOrigin) {
      const kinds = [...new Set(conns.map((c) => c.kind))];
      const why = kinds.flatMap((k) => (EXFILTRATION_KINDS[k] ? [EXFILTRATION_KINDS[k]] : []));
      findings.add(
        `connect ${origin} ${kinds.join()}`,
        v.path,
        (on) =>
          `connection to ${origin} (${kinds.join(', ')}) ${on}, neither the store's host nor in the inventory's connections${why.length ? `; ${why.join('; ')}` : ''}`,
      );
      seen.push(
        evidence(`${v.path}: ${kinds.join(', ')} to ${origin}, not the store's and not inventoried`, { page: v.finalUrl ?? v.path, connections: conns }),
      );
    }
    const hosts = [
      ...v.scripts.flatMap((s) => (s.url ? [{ what: 'script', url: s.url, origin: new URL(s.url).origin, host: new URL(s.url).hostname }] : [])),
      ...v.connections.filter(networked).map((c) => ({ what: `${c.kind} connection`, url: c.url, origin: c.origin, host: new URL(c.origin).hostname })),
    ];
    const flagged = new Set<string>();
    for (const h of hosts) {
      const like = h.host === storeHost || flagged.has(h.origin) ? undefined : lookalikeOf(h.host);
      if (!like) continue;
      flagged.add(h.origin);
      findings.add(`lookalike ${h.origin}`, v.path, (on) => `${h.what} origin ${h.origin} ${on} is a look-alike of ${like.provider}: ${like.how}`);
      seen.push(evidence(`${v.path}: ${h.origin} imitates ${like.imitates} (${like.provider})`, { page: v.finalUrl ?? v.path, url: h.url, lookalike: like }));
    }
    for (const s of v.scripts) {
      const loader = encodedLoader(s);
      if (!loader) continue;
      findings.add(`loader ${s.sha256}`, v.path, (on) => `${scriptName(s)} ${on} is an encoded loader: ${describeLoader(loader)}`);
      seen.push(
        evidence(`${v.path}: encoded loader sha256-${s.sha256}`, {
          page: v.finalUrl ?? v.path,
          kind: s.kind,
          sha256: s.sha256,
          excerpt: s.excerpt,
          ...loader,
          ...(s.initiator ? { initiator: s.initiator } : {}),
        }),
      );
    }
  }
  const connections = sorted.judged.reduce((n, v) => n + v.connections.length, 0);
  return conclude(
    sorted,
    'PCI DSS 11.6.1',
    findings.list(),
    seen,
    `no skimmer indicators on ${sorted.judged.length} payment page(s): ${connections} connection(s) all to the store or inventoried origins, no look-alike hosts, no encoded loaders`,
  );
}
