import type { ScanResult } from '../../core/results.js';
import { type Counts, OUTCOME_ORDER, severityOverview, type TargetOverview } from '../scan-overview.js';
import { type Html, html } from './markup.js';

const COLUMNS = [...OUTCOME_ORDER, 'internal-error'] as const;
const head = html`${COLUMNS.map((o) => html`<th class="n o o-${o}">${o === 'not-applicable' ? 'n/a' : o === 'internal-error' ? 'internal error' : o}</th>`)}`;
const cells = (c: Counts) => COLUMNS.map((o) => html`<td class="n">${c[o] || ''}</td>`);

/** Counts by severity, then one row per target linking to its section; zeros left blank so the eye finds the rest. */
export function summaryHtml(result: ScanResult, targets: readonly TargetOverview[]): Html {
  const bySeverity = severityOverview(result);
  return html`<section id="summary"><h2>Summary</h2>
<h3>By severity</h3>
<table class="counts-table"><thead><tr><th>severity</th>${head}</tr></thead><tbody>
${bySeverity.map((r) => html`<tr><td>${r.severity}</td>${cells(r.counts)}</tr>\n`)}</tbody></table>
<h3>By target</h3>
<table class="counts-table"><thead><tr><th>target</th>${head}</tr></thead><tbody>
${targets.map((t) => html`<tr><td><a href="#t${t.index}">${t.name}</a>${t.url ? html`<span class="url">${t.url}</span>` : ''}</td>${cells(t.counts)}</tr>\n`)}</tbody></table>
</section>`;
}
