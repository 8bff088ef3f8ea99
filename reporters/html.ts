import type { ScanResult } from '../core/results.js';
import { neutralise } from '../core/safe-text.js';
import { CSP, type FilterKey, SCRIPT, STYLE } from './html/assets.js';
import { changesHtml } from './html/changes.js';
import { coverHtml } from './html/cover.js';
import { Observations } from './html/evidence.js';
import { type FailureAnchors, failuresHtml } from './html/failures.js';
import { filtersHtml } from './html/filters.js';
import { Later, NEEDS_SCRIPT } from './html/inert.js';
import { html, trusted } from './html/markup.js';
import { bannersHtml, internalErrorsHtml, waiversHtml } from './html/notices.js';
import { summaryHtml } from './html/summary.js';
import { foldsTargets, targetsHtml } from './html/targets.js';
import { targetsOverview } from './scan-overview.js';

/**
 * report.html: one self-contained page to hand over. A cover (scope, scanner, tool, targets
 * file, time window), warnings, what changed since the baseline, counts per severity and per
 * target, internal errors, failures grouped by check with evidence and fix, waivers, then every
 * case folded per target; filters by outcome, area and severity; a print style sheet. Beyond
 * five targets the sections start folded and what they hold is packed until opened
 * (html/inert.ts), so a 200-target report stays a page a browser opens in a second. Server
 * text is neutralised (core/safe-text.ts), then escaped by construction (html/markup.ts), and a
 * CSP admits only the page's own style and script (html/assets.ts).
 */
export function renderHtml(scan: ScanResult): string {
  const result = neutralise(scan);
  const targets = targetsOverview(result);
  const byName = new Map(targets.map((t) => [t.name, t]));
  const anchorOf = (name: string | undefined) => (name === undefined ? undefined : byName.has(name) ? `t${byName.get(name)!.index}` : undefined);
  // Page order is evidence order: the first section to show an observation holds it in full.
  const observations = new Observations();
  const anchors: FailureAnchors = new Map();
  // A large report folds its sections and packs what they hold (html/inert.ts).
  const later = foldsTargets(targets.length) ? new Later() : undefined;
  const failures = failuresHtml(result, byName, observations, anchors, later);
  const cases = targetsHtml(targets, observations, anchors, later);
  const present: Record<FilterKey, Set<string>> = { o: new Set(), a: new Set(), s: new Set() };
  const judged = [
    ...result.cases.map((c) => ({ o: c.verdict.outcome, check: c.check })),
    ...result.internalErrors.map((e) => ({ o: 'internal-error', check: e.check })),
  ];
  for (const { o, check } of judged) {
    present.o.add(o);
    if (check) {
      present.a.add(check.area);
      present.s.add(check.severity);
    }
  }
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>mageprobe report ${result.startedAt}</title>
<style>${trusted(STYLE)}</style>
</head><body>
${coverHtml(result, targets)}
${later ? NEEDS_SCRIPT : ''}${bannersHtml(result)}
${result.changes ? changesHtml(result.changes) : ''}
${summaryHtml(result, targets)}
${filtersHtml(present)}${internalErrorsHtml(result, anchorOf)}
${failures}
${waiversHtml(result, anchorOf)}
${cases}
${later?.block()}<script>${trusted(SCRIPT)}</script>
</body></html>
`;
  return page.text;
}
