import type { Evidence } from '../../core/evidence.js';
import type { Verdict } from '../../core/verdict.js';
import { factsText } from './facts-text.js';
import { type Html, html } from './markup.js';

interface Shown {
  readonly evidence: Evidence;
  readonly anchor: string;
  readonly where: string;
  json?: string;
}

/**
 * Evidence, each observation shown once. The checks of an area often judge one observation
 * (HDR-01…06 the same home-page response, TLS-01 and TLS-02 one protocol sweep): the first case
 * to show it, in page order, holds it in full under an anchor; later cases name it and link there.
 */
export class Observations {
  /** By target, label, time and address (cheap); equal facts confirmed only for those that match. */
  private readonly shown = new Map<string, Shown[]>();
  private next = 1;

  /** `where` says where the full copy is ("HDR-01 (fail)"), for the cases that refer to it. */
  render(verdict: Verdict, target: number, where: string): Html {
    const waiver =
      verdict.outcome === 'waived'
        ? html`<p>Waived until <b>${verdict.expires}</b>: ${verdict.justification}. Found underneath: <span class="o o-${verdict.underlying.outcome}">${verdict.underlying.outcome}</span>, ${verdict.underlying.message}</p>`
        : '';
    const evidence = verdict.evidence.length ? verdict.evidence.map((e) => this.item(e, target, where)) : html`<p class="meta">No observation recorded.</p>`;
    return html`${waiver}${evidence}`;
  }

  private item(e: Evidence, target: number, where: string): Html {
    const key = `${target}\u0000${e.label}\u0000${e.at}\u0000${e.address ?? ''}`;
    const candidates = this.shown.get(key);
    const seen = candidates?.find((s) => same(s, e));
    if (seen) return html`<p class="ref">${e.label} <span class="meta">(same observation as under <a href="#${seen.anchor}">${seen.where}</a>)</span></p>`;
    const anchor = `e${this.next++}`;
    const entry: Shown = { evidence: e, anchor, where };
    if (candidates) candidates.push(entry);
    else this.shown.set(key, [entry]);
    // One element per observation (a page holds ~15 000): its first line, the label, is set in bold by the style sheet.
    const facts = factsText(e.facts);
    return html`<pre class="obs" id="${anchor}">${e.label}\n${e.at}${e.address ? ` · ${e.address}` : ''}${facts ? `\n${facts}` : ''}</pre>`;
  }
}

function same(shown: Shown, e: Evidence): boolean {
  if (shown.evidence === e) return true;
  shown.json ??= JSON.stringify(shown.evidence.facts);
  return shown.json === JSON.stringify(e.facts);
}
