import type { ScanResult } from '../../core/results.js';
import { failuresByCheck, hostOf, type TargetOverview } from '../scan-overview.js';
import type { Observations } from './evidence.js';
import { type Html, html } from './markup.js';
import { remediationHtml } from './remediation.js';

/** Where each failing case's evidence is: (target name, check ID) → anchor, for the per-target rows to link to. */
export type FailureAnchors = Map<string, string>;
export const failureKey = (target: string, id: string) => `${target}\u0000${id}`;

/**
 * Failures first, grouped by check from the most severe: the check's why, fix and references
 * once, then every target it fails on with the message and its evidence.
 */
export function failuresHtml(result: ScanResult, targets: ReadonlyMap<string, TargetOverview>, observations: Observations, anchors: FailureAnchors): Html {
  const groups = failuresByCheck(result);
  const total = targets.size;
  const blocks = groups.map(({ check, cases }) => {
    const hits = cases.map((c) => {
      const t = targets.get(c.target)!;
      const anchor = `f${anchors.size + 1}`;
      anchors.set(failureKey(c.target, check.id), anchor);
      const host = hostOf(c.url);
      return html`<li><details id="${anchor}"><summary><a href="#t${t.index}">${c.target}</a>${host ? ` (${host})` : ''}: ${c.verdict.message}</summary>${observations.render(c.verdict, t.index, `${check.id} (fail)`)}</details></li>\n`;
    });
    return html`<section class="finding" data-o="fail" data-a="${check.area}" data-s="${check.severity}">
<h3><span class="sev">${check.severity}</span><b>${check.id}</b> ${check.title} <span class="counts">fails on ${cases.length} of ${total} target${total === 1 ? '' : 's'} · ${check.area}</span></h3>
${remediationHtml(check)}<ul class="hits">
${hits}</ul></section>\n`;
  });
  return html`<section id="failures"><h2>Failures</h2>
${blocks.length ? blocks : html`<p>No check failed.</p>`}</section>`;
}
