import { OUTCOMES, type ScanResult } from '../core/results.js';
import { neutralise } from '../core/safe-text.js';
import { CHANGE_STATUSES } from '../core/scan-diff.js';
import { type Counts, failuresByCheck, hostOf, OUTCOME_ORDER, targetsOverview } from './scan-overview.js';

/**
 * summary.md: a short Markdown page for CI job pages (`cat reports/summary.md >> $GITHUB_STEP_SUMMARY`):
 * totals, a line per target, the failures by check with severity and ID. No links. Text that
 * is not ours (target names, hosts, server messages) goes into code spans (CommonMark §6.1: no
 * emphasis, link, autolink, HTML or entity is recognised inside), so a server cannot inject a
 * link, an image or markup into the job page; our own prose has its punctuation backslash-escaped.
 * Kept small whatever the scan's size (GitHub shows at most 1 MiB per step): each failing check
 * names at most FAILURES_PER_CHECK targets, messages are cut at MESSAGE_CHARS.
 */
export const FAILURES_PER_CHECK = 10;
export const MESSAGE_CHARS = 300;
const MAX_TARGET_ROWS = 500;

export function renderSummaryMd(scan: ScanResult): string {
  const result = neutralise(scan);
  const targets = targetsOverview(result);
  const totals = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<(typeof OUTCOMES)[number], number>;
  for (const c of result.cases) totals[c.verdict.outcome]++;
  const lines: string[] = [
    `## mageprobe: ${headline(totals.fail, totals.inconclusive, result.internalErrors.length)}`,
    '',
    `${targets.length} target(s), ${result.cases.length + result.internalErrors.length} case(s); scanned ${code(result.startedAt)} to ${code(result.finishedAt)} from ${code(result.scanner)} with mageprobe ${code(result.tool.version)}. The evidence is in ${code('report.html')} and ${code('results.json')} beside this file.`,
    '',
    `${OUTCOMES.map((o) => `${o} **${totals[o]}**`).join(' · ')}${result.internalErrors.length ? ` · internal error **${result.internalErrors.length}**` : ''}`,
  ];
  if (result.interrupted)
    lines.push(
      '',
      `> **Interrupted** by ${result.interrupted.signal} at ${code(result.interrupted.at)}: the reports hold what finished; the rest is inconclusive.`,
    );
  for (const w of result.warnings) lines.push('', `> **Warning:** ${code(w)}`);
  if (result.internalErrors.length) {
    lines.push('', `### Internal errors (bugs in mageprobe, not verdicts)`, '');
    for (const e of result.internalErrors.slice(0, FAILURES_PER_CHECK))
      lines.push(`- ${e.target !== undefined && e.check ? `${code(e.target)} ${text(e.check.id)}: ` : ''}${code(cut(e.message))}`);
    if (result.internalErrors.length > FAILURES_PER_CHECK) lines.push(`- and ${result.internalErrors.length - FAILURES_PER_CHECK} more`);
  }
  if (result.changes) {
    const ch = result.changes;
    lines.push(
      '',
      '### Changes since baseline',
      '',
      `Baseline scanned ${code(ch.baseline.startedAt)}: ${CHANGE_STATUSES.map((s) => `${s} **${ch.counts[s]}**`).join(' · ')}`,
    );
    const fresh = ch.cases.filter((c) => c.newFailure);
    if (fresh.length)
      lines.push(
        '',
        ...fresh
          .slice(0, MAX_TARGET_ROWS)
          .map((c) => `- **new failure** \\[${c.severity}\\] ${code(c.target)} ${text(c.check)}: ${c.baselineOutcome ?? 'absent'} → ${c.outcome ?? 'absent'}`),
      );
  }
  lines.push(
    '',
    '### Targets',
    '',
    `| target | ${OUTCOME_ORDER.map((o) => (o === 'not-applicable' ? 'n/a' : o)).join(' | ')} | internal error |`,
    `| --- |${' ---: |'.repeat(OUTCOME_ORDER.length + 1)}`,
  );
  for (const t of targets.slice(0, MAX_TARGET_ROWS))
    lines.push(`| ${code(t.name, true)}${t.url ? ` ${code(hostOf(t.url)!, true)}` : ''} | ${countCells(t.counts)} |`);
  if (targets.length > MAX_TARGET_ROWS) lines.push('', `and ${targets.length - MAX_TARGET_ROWS} more targets (see ${code('report.html')})`);
  const failures = failuresByCheck(result);
  lines.push('', '### Failures', '');
  if (!failures.length) lines.push('No check failed.');
  for (const { check, cases } of failures) {
    lines.push(`- **\\[${check.severity}\\] ${text(check.id)}** ${text(check.title)}: fails on ${cases.length} of ${targets.length} target(s)`);
    for (const c of cases.slice(0, FAILURES_PER_CHECK)) lines.push(`  - ${code(c.target)}: ${code(cut(c.verdict.message))}`);
    if (cases.length > FAILURES_PER_CHECK) lines.push(`  - and ${cases.length - FAILURES_PER_CHECK} more target(s)`);
  }
  return `${lines.join('\n')}\n`;
}

function headline(failed: number, inconclusive: number, internal: number): string {
  const parts = [internal && `${internal} internal error(s)`, `${failed} failed`, inconclusive && `${inconclusive} inconclusive`].filter(Boolean);
  return parts.join(', ');
}

const countCells = (c: Counts) => [...OUTCOME_ORDER, 'internal-error' as const].map((o) => String(c[o] || '')).join(' | ');

const cut = (s: string) => (s.length > MESSAGE_CHARS ? `${s.slice(0, MESSAGE_CHARS - 1)}…` : s);

/**
 * Text not ours, as a code span: fenced by a backtick run longer than any inside (CommonMark
 * §6.1), padded when it starts or ends with a backtick or space. In a table cell a pipe would
 * still end the cell, so it is escaped (GFM §4.10: `\|` inside a cell's code span stays a pipe).
 */
export function code(s: string, inTable = false): string {
  const body = inTable ? s.replace(/\|/g, '\\|') : s;
  if (!body.length) return '` `';
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(body) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * Our own prose inside a line (catalogue IDs and titles): the characters that open or close an
 * inline construct backslash-escaped (CommonMark §2.4): emphasis, code, links and images, raw
 * HTML and entities, GFM strikethrough, table cells and autolinks (`:` of a scheme, `@` of an address).
 */
export function text(s: string): string {
  return s.replace(/[\\`*_[\]()!<>&~|:@]/g, '\\$&');
}
