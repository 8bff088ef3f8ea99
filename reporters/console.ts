import type { CaseRecord } from '../core/case-record.js';
import { countOutcomes, OUTCOMES, type ScanResult } from '../core/results.js';
import { neutralise } from '../core/safe-text.js';
import { CHANGE_STATUSES, type ScanChanges } from '../core/scan-diff.js';
import type { Outcome } from '../core/verdict.js';

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, s: string) => (useColour ? `\x1b[${code}m${s}\x1b[0m` : s);

const STYLE: Record<Outcome, { mark: string; colour: number; label: string }> = {
  pass: { mark: '✓', colour: 32, label: 'PASS' },
  fail: { mark: '✗', colour: 31, label: 'FAIL' },
  inconclusive: { mark: '?', colour: 33, label: 'INCONCLUSIVE' },
  'not-applicable': { mark: '-', colour: 90, label: 'N/A' },
  waived: { mark: '~', colour: 36, label: 'WAIVED' },
};

/** One line per finished case, while the scan runs. */
export function progressLine(record: CaseRecord): string {
  const c = neutralise(record);
  const s = STYLE[c.verdict.outcome];
  const message = c.verdict.message.length > 160 ? `${c.verdict.message.slice(0, 157)}…` : c.verdict.message;
  return `${paint(s.colour, `${s.mark} ${s.label.padEnd(12)}`)} ${c.target}  ${c.check.id} ${c.check.title}${c.verdict.outcome === 'pass' ? '' : paint(90, ` — ${message}`)}`;
}

/** The closing table: outcomes per target, then the failures by severity. */
export function summary(scan: ScanResult): string {
  const result = neutralise(scan);
  const targets = [...new Set(result.cases.map((c) => c.target))];
  const width = Math.max(8, ...targets.map((t) => t.length));
  const header = ['target'.padEnd(width), ...OUTCOMES.map((o) => STYLE[o].label.padStart(13))].join(' ');
  const rows = targets.map((t) => {
    const counts = countOutcomes(result.cases.filter((c) => c.target === t));
    return [t.padEnd(width), ...OUTCOMES.map((o) => String(counts[o]).padStart(13))].join(' ');
  });
  const order = ['critical', 'high', 'medium', 'low', 'info'];
  const failures = result.cases.filter((c) => c.verdict.outcome === 'fail').sort((a, b) => order.indexOf(a.check.severity) - order.indexOf(b.check.severity));
  const lines = ['', header, ...rows];
  if (failures.length) {
    lines.push('', 'Failures:');
    for (const f of failures) lines.push(`  [${f.check.severity}] ${f.target} ${f.check.id} ${f.check.title}`);
  }
  if (result.internalErrors.length) {
    lines.push(
      '',
      paint(31, 'INTERNAL ERRORS — bugs in mageprobe, not verdicts; these checks have no result:'),
      ...result.internalErrors.map((e) => `  ${e.target && e.check ? `${e.target} ${e.check.id} ${e.check.title}: ` : ''}${e.message}`),
    );
  }
  if (result.interrupted) {
    lines.push(
      '',
      paint(33, `INTERRUPTED by ${result.interrupted.signal} at ${result.interrupted.at}: the reports hold what finished; the rest is inconclusive.`),
    );
  }
  if (result.warnings.length) lines.push('', 'Warnings:', ...result.warnings.map((w) => `  ${w}`));
  if (result.changes) lines.push('', ...changesBlock(result.changes));
  return lines.join('\n');
}

/** "Changes since baseline": the counts, then each case that is not unchanged; new failures marked `!`. */
export function changesBlock(changes: ScanChanges): string[] {
  const counts = CHANGE_STATUSES.map((s) => `${s} ${changes.counts[s]}`).join(' · ');
  const rows = changes.cases.map((c) => {
    const was = c.baselineOutcome ?? 'absent';
    const now = c.outcome ?? 'absent';
    const mark = c.newFailure ? paint(31, '!') : ' ';
    return `${mark} ${c.status.toUpperCase().padEnd(9)} [${c.severity}] ${c.target} ${c.check}: ${was === now ? `${now}, other evidence` : `${was} → ${now}`}`;
  });
  return [`Changes since baseline (${changes.baseline.path}, scanned ${changes.baseline.startedAt}): ${counts}`, ...rows];
}
