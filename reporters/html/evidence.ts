import type { Evidence } from '../../core/evidence.js';
import type { Verdict } from '../../core/verdict.js';
import { factsText } from './facts-text.js';
import { html, type Html } from './markup.js';

/**
 * Evidence, each observation shown once. The checks of an area often judge one observation
 * (HDR-01…06 the same home-page response, TLS-01 and TLS-02 one protocol sweep): the first case
 * to show it, in page order, holds it in full under an anchor; later cases name it and link there.
 */
export class Observations {
  private readonly shown = new Map<string, { readonly anchor: string; readonly where: string }>();
  private next = 1;

  /** `where` says where the full copy is ("HDR-01 (fail)"), for the cases that refer to it. */
  render(verdict: Verdict, target: number, where: string): Html {
    const waiver = verdict.outcome === 'waived'
      ? html`<p>Waived until <b>${verdict.expires}</b>: ${verdict.justification}. Found underneath: <span class="o o-${verdict.underlying.outcome}">${verdict.underlying.outcome}</span>, ${verdict.underlying.message}</p>`
      : '';
    const evidence = verdict.evidence.length ? html`<ol class="ev">${verdict.evidence.map((e) => this.item(e, target, where))}</ol>` : html`<p class="meta">No observation recorded.</p>`;
    return html`${waiver}${evidence}`;
  }

  private item(e: Evidence, target: number, where: string): Html {
    const key = `${target}\u0000${JSON.stringify(e)}`;
    const seen = this.shown.get(key);
    if (seen) return html`<li><p><b>${e.label}</b> <span class="meta">same observation as under <a href="#${seen.anchor}">${seen.where}</a></span></p></li>`;
    const anchor = `e${this.next++}`;
    this.shown.set(key, { anchor, where });
    const facts = factsText(e.facts);
    return html`<li id="${anchor}"><p><b>${e.label}</b> <span class="meta">${e.at}${e.address ? ` · ${e.address}` : ''}</span></p>${facts ? html`<pre>${facts}</pre>` : ''}</li>`;
  }
}
