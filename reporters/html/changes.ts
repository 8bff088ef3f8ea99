import { CHANGE_STATUSES, type ScanChanges } from '../../core/scan-diff.js';
import { type Html, html, join } from './markup.js';

/** "Changes since baseline", first: the counts, then a row per case that is not unchanged. */
export function changesHtml(changes: ScanChanges): Html {
  const rows = changes.cases.map(
    (c) =>
      html`<tr><td>${c.newFailure ? html`<b class="newfail">new failure</b>` : c.status}</td><td>${c.target}</td><td><b>${c.check}</b></td><td>${c.severity}</td><td>${c.baselineOutcome ?? 'absent'} → ${c.outcome ?? 'absent'}</td></tr>\n`,
  );
  return html`<section id="changes"><h2>Changes since baseline</h2>
<p>Baseline <code>${changes.baseline.path}</code> (sha256 ${changes.baseline.sha256}), scanned ${changes.baseline.startedAt}. ${join(
    CHANGE_STATUSES.map((s) => html`${s}: <b>${changes.counts[s]}</b>`),
    ' · ',
  )}</p>
${rows.length ? html`<table class="changes"><colgroup><col class="st"><col><col><col class="s"><col></colgroup><thead><tr><th>change</th><th>target</th><th>check</th><th>severity</th><th>outcome (baseline → now)</th></tr></thead><tbody>\n${rows}</tbody></table>` : html`<p>Nothing changed.</p>`}
</section>`;
}
