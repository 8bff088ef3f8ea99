import type { CaseRecord } from '../core/case-record.js';
import { countOutcomes, OUTCOMES, type ScanResult } from '../core/results.js';
import { neutralise } from '../core/safe-text.js';
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
<td style="color:${COLOUR[o]};font-weight:bold">${o}</td><td><details><summary>${esc(c.verdict.message)}</summary><pre>${esc(caseText(c))}</pre></details></td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mageprobe report ${esc(result.startedAt)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}pre{white-space:pre-wrap;font-size:12px;background:#f6f8fa;padding:8px}</style>
</head><body>
<h1>mageprobe report</h1>
<p>Scanned from <b>${esc(result.scanner)}</b>, ${esc(result.startedAt)} – ${esc(result.finishedAt)}. ${OUTCOMES.map((o) => `${o}: <b>${counts[o]}</b>`).join(' · ')}</p>
<table><thead><tr><th>target</th><th>check</th><th>severity</th><th>outcome</th><th>what was seen</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
