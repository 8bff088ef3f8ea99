import { CHECKS, type Severity } from '../catalogue/checks.js';
import type { CaseRecord } from '../core/case-record.js';
import { OUTCOMES, type ScanResult } from '../core/results.js';
import { SEVERITIES } from '../core/scan-diff.js';
import type { Outcome } from '../core/verdict.js';

/**
 * What report.html and summary.md both summarise: the targets in scan order with their counts,
 * the failures from the most severe down. Computed from a result already neutralised.
 */

/** Outcomes in the order a reader wants them: what needs action first. */
export const OUTCOME_ORDER: readonly Outcome[] = ['fail', 'inconclusive', 'waived', 'pass', 'not-applicable'];
/** Most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = [...SEVERITIES].reverse();

export type Counts = Record<Outcome | 'internal-error', number>;

export interface TargetOverview {
  readonly name: string;
  /** Position in the scan (targets file order): anchors use it, never the name. */
  readonly index: number;
  /** From its cases; a target whose every check crashed has none. */
  readonly url?: string;
  readonly address?: string;
  readonly counts: Counts;
  readonly cases: readonly CaseRecord[];
}

export const emptyCounts = (): Counts => Object.fromEntries([...OUTCOMES, 'internal-error'].map((o) => [o, 0])) as Counts;

/** Every target the scan accounted for (cases, then targets known only from an internal error), in scan order. */
export function targetsOverview(result: ScanResult): TargetOverview[] {
  const byName = new Map<string, { name: string; url?: string; address?: string; counts: Counts; cases: CaseRecord[] }>();
  const entry = (name: string) => {
    let t = byName.get(name);
    if (!t) {
      t = { name, counts: emptyCounts(), cases: [] };
      byName.set(name, t);
    }
    return t;
  };
  for (const c of result.cases) {
    const t = entry(c.target);
    t.url ??= c.url;
    if (c.address) t.address ??= c.address;
    t.counts[c.verdict.outcome]++;
    t.cases.push(c);
  }
  for (const e of result.internalErrors) if (e.target !== undefined) entry(e.target).counts['internal-error']++;
  return [...byName.values()].map((t, index) => ({ ...t, index }));
}

/** Outcome counts per severity, most severe first; internal errors counted under their check's severity. */
export function severityOverview(result: ScanResult): { readonly severity: Severity; readonly counts: Counts }[] {
  const rows = new Map(SEVERITY_ORDER.map((s) => [s, emptyCounts()]));
  for (const c of result.cases) rows.get(c.check.severity)![c.verdict.outcome]++;
  for (const e of result.internalErrors) if (e.check) rows.get(e.check.severity)!['internal-error']++;
  return SEVERITY_ORDER.map((severity) => ({ severity, counts: rows.get(severity)! }));
}

const checkRank = new Map(CHECKS.map((c, i) => [c.id, i]));
const severityRank = (s: Severity) => SEVERITY_ORDER.indexOf(s);

/** Failing cases grouped by check, most severe check first, then catalogue order; targets in scan order within. */
export function failuresByCheck(result: ScanResult): { readonly check: CaseRecord['check']; readonly cases: readonly CaseRecord[] }[] {
  const groups = new Map<string, CaseRecord[]>();
  for (const c of result.cases) {
    if (c.verdict.outcome !== 'fail') continue;
    const list = groups.get(c.check.id);
    if (list) list.push(c);
    else groups.set(c.check.id, [c]);
  }
  return [...groups.values()]
    .map((cases) => ({ check: cases[0]!.check, cases }))
    .sort(
      (a, b) =>
        severityRank(a.check.severity) - severityRank(b.check.severity) ||
        (checkRank.get(a.check.id) ?? CHECKS.length) - (checkRank.get(b.check.id) ?? CHECKS.length),
    );
}

/** The host of a target URL, for "target (host)"; the URL itself when it does not parse. */
export function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
