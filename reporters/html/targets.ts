import type { CaseRecord } from '../../core/case-record.js';
import { caseKey } from '../../core/case-record.js';
import { OUTCOME_ORDER, type TargetOverview } from '../scan-overview.js';
import type { Observations } from './evidence.js';
import type { FailureAnchors } from './failures.js';
import type { Later } from './inert.js';
import { type Html, html } from './markup.js';

/**
 * Up to this many targets, their sections start open; beyond, they start folded, their cases
 * carried packed (inert.ts) until opened, and so are the targets and evidence under Failures.
 */
const OPEN_UP_TO = 5;
export const foldsTargets = (targets: number) => targets > OPEN_UP_TO;
const rank = new Map(OUTCOME_ORDER.map((o, i) => [o, i]));

/**
 * One folded section per target: its counts in the summary line, then every case, failures
 * first. A failing case links to its evidence under Failures instead of repeating it.
 */
export function targetsHtml(targets: readonly TargetOverview[], observations: Observations, anchors: FailureAnchors, later: Later | undefined): Html {
  return html`<section id="targets"><h2>All cases</h2>
${targets.map((t) => targetHtml(t, later, observations, anchors))}</section>`;
}

/** `later` holds the cases of a folded section; without it, sections start open. */
function targetHtml(t: TargetOverview, later: Later | undefined, observations: Observations, anchors: FailureAnchors): Html {
  const cases = [...t.cases].sort((a, b) => rank.get(a.verdict.outcome)! - rank.get(b.verdict.outcome)!);
  const counts = OUTCOME_ORDER.filter((o) => t.counts[o]).map((o) => html`<span class="o o-${o}">${o} ${t.counts[o]}</span>`);
  if (t.counts['internal-error'])
    counts.unshift(html`<span class="o o-internal-error"><a href="#internal-errors">internal error ${t.counts['internal-error']}</a></span>`);
  const body = cases.length
    ? html`<table class="cases"><colgroup><col class="c"><col class="s"><col class="o"><col></colgroup><thead><tr><th>check</th><th>severity</th><th>outcome</th><th>what was seen</th></tr></thead><tbody>
${cases.map((c) => caseRow(c, t.index, observations, anchors))}</tbody></table>`
    : html`<p>No case of this target has a verdict (see Internal errors).</p>`;
  return html`<details class="target" id="t${t.index}"${later ? '' : ' open'}><summary>${t.name}${t.url ? html`<span class="url">${t.url}${t.address ? ` via ${t.address}` : ''}</span>` : ''}<span class="counts">${counts}</span></summary>
${later ? later.hold(body) : body}
</details>\n`;
}

function caseRow(c: CaseRecord, target: number, observations: Observations, anchors: FailureAnchors): Html {
  const o = c.verdict.outcome;
  const failure = o === 'fail' ? anchors.get(caseKey(c.target, c.check.id)) : undefined;
  const seen = failure
    ? html`${c.verdict.message} <a href="#${failure}">evidence and fix</a>`
    : html`<details><summary>${c.verdict.message}</summary>${observations.render(c.verdict, target, `${c.check.id} (${o})`)}</details>`;
  return html`<tr data-o="${o}" data-a="${c.check.area}" data-s="${c.check.severity}"><td>${c.check.id} ${c.check.title}</td><td>${c.check.severity}</td><td class="o o-${o}">${o}</td><td>${seen}</td></tr>\n`;
}
