import type { CaseRecord } from '../core/case-record.js';

/**
 * Targets whose own URL redirects to another origin, said once per target for the whole
 * scan: every web check of such a target is inconclusive ("scan that URL"), and the
 * operator should hear the one cause once, not only in each check's message. Read from
 * the evidence the HTTP probe records on an off-target redirect (probes/http/evidence.ts).
 */
export function movedTargetWarnings(cases: readonly CaseRecord[]): string[] {
  const moved = new Map<string, { url: string; to: string; checks: Set<string> }>();
  for (const c of cases) {
    for (const e of c.verdict.evidence) {
      const to = (e.facts.redirectsOffTarget as { targetMovedTo?: unknown } | undefined)?.targetMovedTo;
      if (typeof to !== 'string') continue;
      const entry = moved.get(c.target) ?? { url: c.url, to, checks: new Set<string>() };
      entry.checks.add(c.check.id);
      moved.set(c.target, entry);
    }
  }
  return [...moved].map(
    ([target, m]) => `${target}: ${m.url} redirects to ${m.to} — scan that URL (${m.checks.size} checks could not judge the store at this one)`,
  );
}
