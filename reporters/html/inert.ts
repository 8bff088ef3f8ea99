import { gzipSync } from 'node:zlib';
import { type Html, html, trusted } from './markup.js';

/**
 * The folded sections of a large report, carried packed until a reader opens one. Chromium
 * spends ~0.1 µs per byte of a page whatever holds the bytes: the 13 MB of folded markup of a
 * 200-target report cost 2.5 s of renderer CPU to load as elements, 1.9 s in <template>s,
 * 1.6 s in comments, 2.6 s as JSON <script> data blocks, against 0.9 s without them (measured
 * on the synthetic scan of bench/). It is mostly evidence that repeats from target to target:
 * gzip makes it ~0.5 MB. So the folded bodies (markup already escaped by html``) are
 * joined with NUL (which neutralised text never holds: core/safe-text.ts shows it as \x00),
 * gzipped, and put base64 in a <template> at the end of the page: base64 has no `<` or `&`, so
 * nothing in it can end the element, open a comment or make markup. Where a body belongs stands
 * a placeholder naming its index and the anchors inside (for links to find it); the page's
 * script (assets.ts) inflates the bytes once after load (DecompressionStream) and puts a body in
 * place when its section opens, when a link points into it, and before print (a print asked
 * for in the ~0.2 s before unpacking ends would print the placeholders).
 */
export class Later {
  private readonly bodies: string[] = [];

  /** A placeholder for `body`, a child of the <details> that folds it. */
  hold(body: Html): Html {
    const markup = body.text.replaceAll('\0', '\\x00');
    const ids = [...markup.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    const n = this.bodies.push(markup) - 1;
    return html`<p class="later meta" data-n="${n}"${ids.length ? html` data-ids="${ids.join(' ')}"` : ''}>Packed: the page’s script puts it here.</p>`;
  }

  /** The packed bodies, after everything that refers to them; nothing when no body was held. */
  block(): Html | '' {
    if (!this.bodies.length) return '';
    const packed = gzipSync(this.bodies.join('\0')).toString('base64');
    return html`<template id="later">${trusted(packed)}</template>\n`;
  }
}

/** Without script the placeholders stay placeholders: said once, at the top, with where to read the rest. */
export const NEEDS_SCRIPT = html`<noscript><p class="banner warn"><b>Folded sections need script:</b> this report is large, so each target's cases and each failure's evidence are packed until opened, which takes the page's own script. Allow it, or read results.json.</p></noscript>\n`;
