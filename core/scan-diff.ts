import { createHash } from 'node:crypto';
import type { Severity } from '../catalogue/checks.js';
import type { CaseRecord } from './case-record.js';
import { caseKey } from './case-record.js';
import { RANDOM_IN_PATH } from './random-token.js';
import { neutralise } from './safe-text.js';
import type { Outcome, Verdict } from './verdict.js';

/**
 * What changed since a baseline scan, case by case, keyed by (target, check ID).
 * - new: the case is in this scan but not in the baseline;
 * - resolved: it failed in the baseline and now passes or is not applicable (inconclusive is never
 *   resolved: nothing was shown);
 * - changed: another outcome (waived → fail when a waiver expired, fail → inconclusive…), or the same
 *   outcome with another evidence digest (see `verdictDigest`);
 * - unchanged: same outcome, same digest;
 * - gone: in the baseline but not in this scan although this scan ran that target and that check
 *   (e.g. its case became an internal error). A baseline case whose target or check this scan did not
 *   select at all is not compared (it is left out, not called gone).
 */
export const CHANGE_STATUSES = ['new', 'changed', 'resolved', 'gone', 'unchanged'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export interface CaseChange {
  readonly target: string;
  readonly check: string;
  readonly severity: Severity;
  readonly status: ChangeStatus;
  /** This scan's outcome; absent when the case is gone. */
  readonly outcome?: Outcome;
  /** The baseline's outcome; absent when the case is new. */
  readonly baselineOutcome?: Outcome;
  /** Fails now and did not fail in the baseline (new, or changed to fail): what `--fail-on new` alerts on. */
  readonly newFailure: boolean;
}

export interface ScanChanges {
  readonly baseline: { readonly path: string; readonly sha256: string; readonly startedAt: string };
  readonly counts: Record<ChangeStatus, number>;
  /** Every compared case but the unchanged ones (they are only counted), in this scan's order, gone ones last. */
  readonly cases: readonly CaseChange[];
}

/** Severities from the least to the most severe (the order `--min-severity` compares in). */
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
export const isSeverity = (s: string): s is Severity => (SEVERITIES as readonly string[]).includes(s);

/**
 * Fact keys (at any depth) and HTTP header names whose values differ between any two scans of the
 * same unchanged server; the digest leaves them out: times and durations (`at`, `elapsedMs`,
 * `durationMs`), response bodies of dynamic pages (`bodySha256`, `bodyExcerpt`, `bodyBytes`: form
 * keys, nonces) and per-response headers (`date`, `age`, `expires`, `last-modified`, `etag`,
 * `set-cookie` session ids, request ids, CDN trace ids, `server-timing`).
 */
const VOLATILE_KEYS = new Set([
  'at',
  'elapsedMs',
  'durationMs',
  'bodySha256',
  'bodyExcerpt',
  'bodyBytes',
  'date',
  'age',
  'expires',
  'last-modified',
  'etag',
  'set-cookie',
  'x-request-id',
  'x-amz-cf-id',
  'cf-ray',
  'server-timing',
]);

/**
 * sha256 over the verdict's outcome, message and evidence (label, address, facts), with the volatile
 * keys above dropped and the random tokens and IDs probes put into paths masked; a waiver adds its underlying verdict.
 * Same digest = the server showed the same thing.
 */
export function verdictDigest(v: Verdict): string {
  const stable = (x: Verdict): unknown => ({
    outcome: x.outcome,
    message: x.message,
    evidence: x.evidence.map((e) => ({ label: e.label, address: e.address ?? null, facts: e.facts })),
    ...(x.outcome === 'waived' ? { underlying: stable(x.underlying) } : {}),
  });
  // As results.json holds it (server text neutralised), so a live verdict and a read-back one compare.
  return createHash('sha256')
    .update(canonical(stable(neutralise(v))))
    .digest('hex');
}

/** JSON with sorted keys, volatile keys dropped, random paths masked. */
function canonical(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x.replace(RANDOM_IN_PATH, '…'));
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    // Undefined is absent, as after a trip through JSON.
    const keys = Object.keys(o)
      .filter((k) => !VOLATILE_KEYS.has(k) && o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(x) ?? 'null';
}

/**
 * Compares this scan's cases with the baseline's. `scanned` names what this scan ran (targets and
 * check IDs, including those whose cases crashed), so a baseline case outside it is not compared.
 */
export function diffScans(
  current: readonly CaseRecord[],
  baseline: readonly CaseRecord[],
  scanned: { readonly targets: readonly string[]; readonly checks: readonly string[] },
  source: ScanChanges['baseline'],
): ScanChanges {
  const before = new Map(baseline.map((c) => [caseKey(c.target, c.check.id), c]));
  const seen = new Set(current.map((c) => caseKey(c.target, c.check.id)));
  const all: CaseChange[] = current.map((c) => {
    const b = before.get(caseKey(c.target, c.check.id));
    const outcome = c.verdict.outcome;
    const base = { target: c.target, check: c.check.id, severity: c.check.severity, outcome };
    if (!b) return { ...base, status: 'new', newFailure: outcome === 'fail' };
    const was = b.verdict.outcome;
    const status: ChangeStatus =
      was === 'fail' && (outcome === 'pass' || outcome === 'not-applicable')
        ? 'resolved'
        : was !== outcome || verdictDigest(b.verdict) !== verdictDigest(c.verdict)
          ? 'changed'
          : 'unchanged';
    return { ...base, status, baselineOutcome: was, newFailure: outcome === 'fail' && was !== 'fail' };
  });
  const targets = new Set(scanned.targets);
  const checks = new Set(scanned.checks);
  for (const b of baseline) {
    if (seen.has(caseKey(b.target, b.check.id)) || !targets.has(b.target) || !checks.has(b.check.id)) continue;
    all.push({ target: b.target, check: b.check.id, severity: b.check.severity, status: 'gone', baselineOutcome: b.verdict.outcome, newFailure: false });
  }
  const counts = Object.fromEntries(CHANGE_STATUSES.map((s) => [s, all.filter((c) => c.status === s).length])) as Record<ChangeStatus, number>;
  return { baseline: source, counts, cases: all.filter((c) => c.status !== 'unchanged') };
}

/** `--fail-on new`: the new failures at or above `minSeverity`. */
export function newFailures(changes: ScanChanges, minSeverity: Severity): readonly CaseChange[] {
  const floor = SEVERITIES.indexOf(minSeverity);
  return changes.cases.filter((c) => c.newFailure && SEVERITIES.indexOf(c.severity) >= floor);
}
