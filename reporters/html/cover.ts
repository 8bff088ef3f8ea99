import { AREAS, CHECKS } from '../../catalogue/checks.js';
import { OUTCOMES, type ScanResult } from '../../core/results.js';
import type { TargetOverview } from '../scan-overview.js';
import { type Html, html, join } from './markup.js';

/** Up to this many targets are named on the cover; more are listed in the summary below it. */
const NAMED_ON_COVER = 12;

/** The first thing an auditor reads: what was scanned, from where, with what, when, and the totals. */
export function coverHtml(result: ScanResult, targets: readonly TargetOverview[]): Html {
  const specs = [...result.cases.map((c) => c.check), ...result.internalErrors.flatMap((e) => (e.check ? [e.check] : []))];
  const ids = inCatalogueOrder(
    [...new Set(specs.map((c) => c.id))],
    CHECKS.map((c) => c.id),
  );
  const areas = inCatalogueOrder([...new Set(specs.map((c) => c.area))], AREAS);
  const all = ids.length === CHECKS.length && CHECKS.every((c) => ids.includes(c.id));
  const checks = all ? `all ${ids.length} checks of the catalogue` : `${ids.length} check${ids.length === 1 ? '' : 's'} (${ids.join(', ')})`;
  const names =
    targets.length <= NAMED_ON_COVER
      ? join(
          targets.map((t) => html`<a href="#t${t.index}">${t.name}</a>${t.url ? ` (${t.url})` : ''}`),
          ', ',
        )
      : html`${targets.length} targets, listed under <a href="#summary">Summary</a>`;
  const shard = result.shard;
  const rows: [string, Html | string][] = [
    ['Scope', `${targets.length} target${targets.length === 1 ? '' : 's'} × ${checks}; areas: ${areas.join(', ') || 'none'}`],
    ['Targets', names],
    ...(shard ? [['Shard', `part ${shard.index} of ${shard.count} of a scan of ${shard.targets.length} targets`] as [string, string]] : []),
    ['Scanned from', html`${result.scanner} <span class="meta">(host name; the address the targets saw is not recorded)</span>`],
    ['Tool', `${result.tool.name} ${result.tool.version}`],
    ['Targets file', result.targetsFile ? html`${result.targetsFile.path}<br>sha256 <code>${result.targetsFile.sha256}</code>` : 'not recorded'],
    ['Time window', `${result.startedAt} – ${result.finishedAt} (${duration(result.startedAt, result.finishedAt)})`],
    ...(result.changes
      ? [
          [
            'Baseline',
            html`${result.changes.baseline.path}, scanned ${result.changes.baseline.startedAt}<br>sha256 <code>${result.changes.baseline.sha256}</code>`,
          ] as [string, Html],
        ]
      : []),
    ['Outcomes', totals(result)],
  ];
  return html`<header id="cover"><h1>mageprobe report</h1><dl class="cover">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl></header>`;
}

/** Catalogue order; anything the catalogue does not know (a results.json from another version) after it. */
function inCatalogueOrder<T>(items: readonly T[], order: readonly T[]): T[] {
  const rank = (x: T) => (order.indexOf(x) + order.length + 1) % (order.length + 1);
  return [...items].sort((a, b) => rank(a) - rank(b));
}

function totals(result: ScanResult): Html {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<(typeof OUTCOMES)[number], number>;
  for (const c of result.cases) counts[c.verdict.outcome]++;
  const parts = OUTCOMES.map((o) => html`<span class="o o-${o}">${o}</span>: <b>${counts[o]}</b>`);
  if (result.internalErrors.length) parts.push(html`<span class="o o-internal-error">internal errors</span>: <b>${result.internalErrors.length}</b>`);
  return join(parts, ' · ');
}

function duration(from: string, to: string): string {
  const s = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  if (!Number.isFinite(s)) return 'unknown duration';
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
