import { caseKey } from '../../core/case-record.js';
import type { ScanResult } from '../../core/results.js';
import { failuresByCheck, hostOf, type TargetOverview } from '../scan-overview.js';
import type { Observations } from './evidence.js';
import type { Later } from './inert.js';
import { type Html, html } from './markup.js';
import { remediationHtml } from './remediation.js';

/** Where each failing case's evidence is: caseKey(target name, check ID) → anchor, for the per-target rows to link to. */
export type FailureAnchors = Map<string, string>;

/**
 * Failures first, grouped by check from the most severe: the check's why, fix and references
 * once, then every target it fails on with the message and its evidence (folded, and the
 * list itself folded and packed in `later` when given: a large report).
 */
export function failuresHtml(
  result: ScanResult,
  targets: ReadonlyMap<string, TargetOverview>,
  observations: Observations,
  anchors: FailureAnchors,
  later: Later | undefined,
): Html {
  const groups = failuresByCheck(result);
  const total = targets.size;
  const blocks = groups.map(({ check, cases }) => {
    const hits = cases.map((c) => {
      const t = targets.get(c.target)!;
      const anchor = `f${anchors.size + 1}`;
      anchors.set(caseKey(c.target, check.id), anchor);
      const host = hostOf(c.url);
      return html`<li><details id="${anchor}"><summary><a href="#t${t.index}">${c.target}</a>${host ? ` (${host})` : ''}: ${c.verdict.message}</summary>${observations.render(c.verdict, t.index, `${check.id} (fail)`)}</details></li>\n`;
    });
    const hitList = html`<ul class="hits">\n${hits}</ul>`;
    return html`<section class="finding" data-o="fail" data-a="${check.area}" data-s="${check.severity}">
<h3><span class="sev">${check.severity}</span><b>${check.id}</b> ${check.title} <span class="counts">fails on ${cases.length} of ${total} target${total === 1 ? '' : 's'} · ${check.area}</span></h3>
${remediationHtml(check)}${later ? html`<details class="hits"><summary>The ${cases.length} target${cases.length === 1 ? '' : 's'}, each with its evidence</summary>${later.hold(hitList)}</details>` : hitList}</section>\n`;
  });
  return html`<section id="failures"><h2>Failures</h2>
${blocks.length ? blocks : html`<p>No check failed.</p>`}</section>`;
}
