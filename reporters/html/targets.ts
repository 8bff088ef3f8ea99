import type { CaseRecord } from '../../core/case-record.js';
import { OUTCOME_ORDER, type TargetOverview } from '../scan-overview.js';
import type { Observations } from './evidence.js';
import { type FailureAnchors, failureKey } from './failures.js';
import { type Html, html } from './markup.js';

/** Up to this many targets, their sections start open; beyond, the page stays short until a reader opens one. */
const OPEN_UP_TO = 5;
const rank = new Map(OUTCOME_ORDER.map((o, i) => [o, i]));

/**
 * One folded section per target: its counts in the summary line, then every case, failures
 * first. A failing case links to its evidence under Failures instead of repeating it.
 */
export function targetsHtml(targets: readonly TargetOverview[], observations: Observations, anchors: FailureAnchors): Html {
  const open = targets.length <= OPEN_UP_TO;
  return html`<section id="targets"><h2>All cases</h2>
${targets.map((t) => targetHtml(t, open, observations, anchors))}</section>`;
}

function targetHtml(t: TargetOverview, open: boolean, observations: Observations, anchors: FailureAnchors): Html {
  const cases = [...t.cases].sort((a, b) => rank.get(a.verdict.outcome)! - rank.get(b.verdict.outcome)!);
  const counts = OUTCOME_ORDER.filter((o) => t.counts[o]).map((o) => html`<span class="o o-${o}">${o} ${t.counts[o]}</span>`);
  if (t.counts['internal-error'])
    counts.unshift(html`<span class="o o-internal-error"><a href="#internal-errors">internal error ${t.counts['internal-error']}</a></span>`);
  return html`<details class="target" id="t${t.index}"${open ? ' open' : ''}><summary>${t.name}${t.url ? html`<span class="url">${t.url}${t.address ? ` via ${t.address}` : ''}</span>` : ''}<span class="counts">${counts}</span></summary>
${
  cases.length
    ? html`<table class="cases"><colgroup><col class="c"><col class="s"><col class="o"><col></colgroup><thead><tr><th>check</th><th>severity</th><th>outcome</th><th>what was seen</th></tr></thead><tbody>
${cases.map((c) => caseRow(c, t.index, observations, anchors))}</tbody></table>`
    : html`<p>No case of this target has a verdict (see Internal errors).</p>`
}
</details>\n`;
}

function caseRow(c: CaseRecord, target: number, observations: Observations, anchors: FailureAnchors): Html {
  const o = c.verdict.outcome;
  const failure = o === 'fail' ? anchors.get(failureKey(c.target, c.check.id)) : undefined;
  const seen = failure
    ? html`${c.verdict.message} <a href="#${failure}">evidence and fix</a>`
    : html`<details><summary>${c.verdict.message}</summary>${observations.render(c.verdict, target, `${c.check.id} (${o})`)}</details>`;
  return html`<tr data-o="${o}" data-a="${c.check.area}" data-s="${c.check.severity}"><td>${c.check.id} ${c.check.title}</td><td>${c.check.severity}</td><td class="o o-${o}">${o}</td><td>${seen}</td></tr>\n`;
}
