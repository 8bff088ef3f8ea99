import type { ScanResult } from '../../core/results.js';
import { type Html, html } from './markup.js';

/** Caveats about the whole scan and an interruption: above everything else. */
export function bannersHtml(result: ScanResult): Html {
  const stop = result.interrupted
    ? html`<p class="banner stop"><b>Interrupted by ${result.interrupted.signal} at ${result.interrupted.at}: this report holds what finished; unfinished checks are inconclusive.</b></p>`
    : '';
  return html`${stop}${result.warnings.map((w) => html`<p class="banner warn"><b>Warning:</b> ${w}</p>\n`)}`;
}

/** Bugs of mageprobe's own (no verdict for those cases): named with their detail, never mixed with verdicts. */
export function internalErrorsHtml(result: ScanResult, anchorOf: (target: string | undefined) => string | undefined): Html | '' {
  if (!result.internalErrors.length) return '';
  const rows = result.internalErrors.map((e) => {
    const anchor = anchorOf(e.target);
    const target = e.target === undefined ? '' : anchor ? html`<a href="#${anchor}">${e.target}</a>` : e.target;
    return html`<tr data-o="internal-error"${e.check ? html` data-a="${e.check.area}" data-s="${e.check.severity}"` : ''}><td>${target}</td><td>${e.check ? html`<b>${e.check.id}</b> ${e.check.title}` : ''}</td><td>${e.check?.severity ?? ''}</td><td class="o o-internal-error">internal-error</td><td>${e.detail ? html`<details><summary>${e.message}</summary><pre>${e.detail}</pre></details>` : e.message}</td></tr>\n`;
  });
  return html`<section id="internal-errors"><h2>Internal errors</h2>
<p class="banner stop">These are bugs in mageprobe, not verdicts: the cases below have no result, and the scan exits 4.</p>
<table class="errors"><colgroup><col class="t"><col class="c"><col class="s"><col class="o"><col></colgroup><thead><tr><th>target</th><th>check</th><th>severity</th><th>outcome</th><th>what happened</th></tr></thead><tbody>
${rows}</tbody></table></section>`;
}

/** Every waiver that applied, with its justification and expiry and what it hides; the evidence stays with the case. */
export function waiversHtml(result: ScanResult, anchorOf: (target: string) => string | undefined): Html | '' {
  const waived = result.cases.flatMap((c) => (c.verdict.outcome === 'waived' ? [{ c, v: c.verdict }] : []));
  if (!waived.length) return '';
  return html`<section id="waivers"><h2>Waivers</h2>
<table class="waivers"><thead><tr><th>target</th><th>check</th><th>severity</th><th>expires</th><th>justification</th><th>found underneath</th></tr></thead><tbody>
${waived.map(({ c, v }) => html`<tr data-o="waived" data-a="${c.check.area}" data-s="${c.check.severity}"><td><a href="#${anchorOf(c.target) ?? ''}">${c.target}</a></td><td><b>${c.check.id}</b> ${c.check.title}</td><td>${c.check.severity}</td><td>${v.expires}</td><td>${v.justification}</td><td><span class="o o-${v.underlying.outcome}">${v.underlying.outcome}</span>: ${v.underlying.message}</td></tr>\n`)}</tbody></table></section>`;
}
