import type { CheckSpec } from '../catalogue/checks.js';
import { remediationOf } from '../catalogue/remediation.js';
import type { CaseRecord } from '../core/case-record.js';
import { countOutcomes, OUTCOMES, type ScanResult } from '../core/results.js';
import { neutralise } from '../core/safe-text.js';
import { CHANGE_STATUSES, type ScanChanges } from '../core/scan-diff.js';
import { caseText } from './evidence-text.js';

const COLOUR: Record<CaseRecord['verdict']['outcome'], string> = {
  pass: '#1a7f37',
  fail: '#cf222e',
  inconclusive: '#9a6700',
  'not-applicable': '#6e7781',
  waived: '#0969da',
};

/** report.html: one self-contained page, a row per case, evidence folded under each. */
export function renderHtml(scan: ScanResult): string {
  const result = neutralise(scan);
  const counts = countOutcomes(result.cases);
  const rows = result.cases
    .map((c) => {
      const o = c.verdict.outcome;
      return `<tr><td>${esc(c.target)}</td><td><b>${esc(c.check.id)}</b> ${esc(c.check.title)}</td><td>${esc(c.check.severity)}</td>
<td style="color:${COLOUR[o]};font-weight:bold">${o}</td><td><details><summary>${esc(c.verdict.message)}</summary><pre>${esc(caseText(c))}</pre></details>${o === 'fail' ? remediationHtml(c.check) : ''}</td></tr>`;
    })
    .join('\n');
  // Internal errors (bugs of ours, no verdict) and an interruption are stated above the table.
  const crashed = result.internalErrors
    .map((e) => `<tr><td>${esc(e.target ?? '')}</td><td>${e.check ? `<b>${esc(e.check.id)}</b> ${esc(e.check.title)}` : ''}</td><td>${esc(e.check?.severity ?? '')}</td>
<td style="color:#cf222e;font-weight:bold">internal-error</td><td><details><summary>${esc(e.message)}</summary><pre>${esc(e.detail ?? e.message)}</pre></details></td></tr>`)
    .join('\n');
  const interrupted = result.interrupted
    ? `<p style="color:#9a6700;font-weight:bold">Interrupted by ${esc(result.interrupted.signal)} at ${esc(result.interrupted.at)}: this report holds what finished; unfinished checks are inconclusive.</p>\n`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mageprobe report ${esc(result.startedAt)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}pre{white-space:pre-wrap;font-size:12px;background:#f6f8fa;padding:8px}.fix{margin:4px 0;font-size:13px}.fix p{margin:2px 0}</style>
</head><body>
<h1>mageprobe report</h1>
<p>Scanned from <b>${esc(result.scanner)}</b>, ${esc(result.startedAt)} – ${esc(result.finishedAt)}. ${OUTCOMES.map((o) => `${o}: <b>${counts[o]}</b>`).join(' · ')}${result.internalErrors.length ? ` · internal errors: <b>${result.internalErrors.length}</b>` : ''}</p>
${result.warnings.map((w) => `<p style="background:#fff8c5;border:1px solid #d4a72c;padding:8px"><b>Warning:</b> ${esc(w)}</p>`).join('\n')}
${interrupted}${result.changes ? changesHtml(result.changes) : ''}<table><thead><tr><th>target</th><th>check</th><th>severity</th><th>outcome</th><th>what was seen</th></tr></thead>
<tbody>
${crashed}${crashed ? '\n' : ''}${rows}
</tbody></table>
</body></html>
`;
}

/** "Changes since baseline", first: the counts, then a row per case that is not unchanged. */
function changesHtml(changes: ScanChanges): string {
  const rows = changes.cases
    .map((c) => `<tr><td>${c.newFailure ? '<b style="color:#cf222e">new failure</b>' : esc(c.status)}</td><td>${esc(c.target)}</td><td><b>${esc(c.check)}</b></td><td>${esc(c.severity)}</td><td>${esc(c.baselineOutcome ?? 'absent')} → ${esc(c.outcome ?? 'absent')}</td></tr>`)
    .join('\n');
  return `<section id="changes"><h2>Changes since baseline</h2>
<p>Baseline <code>${esc(changes.baseline.path)}</code> (sha256 ${esc(changes.baseline.sha256)}), scanned ${esc(changes.baseline.startedAt)}. ${CHANGE_STATUSES.map((s) => `${s}: <b>${changes.counts[s]}</b>`).join(' · ')}</p>
${rows ? `<table><thead><tr><th>change</th><th>target</th><th>check</th><th>severity</th><th>outcome (baseline → now)</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : '<p>Nothing changed.</p>'}
</section>
<h2>All cases</h2>
`;
}

/**
 * Under a failing case: why it matters, the fix (`code` spans kept as code) and the references, linked
 * when public; a team's own check shows the parts its author wrote.
 */
function remediationHtml(check: CheckSpec): string {
  const r = remediationOf(check);
  if (!r) return '';
  const code = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
  const refs = r.references.map((ref) => (ref.url ? `<a href="${esc(ref.url)}">${esc(ref.label)}</a>` : esc(ref.label)));
  const parts = [r.why && `<p><b>Why it matters:</b> ${code(r.why)}</p>`, r.fix && `<p><b>Fix:</b> ${code(r.fix)}</p>`, refs.length && `<p><b>References:</b> ${refs.join(', ')}</p>`];
  return `<div class="fix">${parts.filter(Boolean).join('')}</div>`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
