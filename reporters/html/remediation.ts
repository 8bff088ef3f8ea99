import type { CheckSpec } from '../../catalogue/checks.js';
import { remediationOf } from '../../catalogue/remediation.js';
import { type Html, html, join } from './markup.js';

/**
 * Why it matters, the fix (`code` spans kept as code) and the references, linked when public; once
 * per failing check. A team's own check shows the parts its author wrote.
 */
export function remediationHtml(check: CheckSpec): Html | '' {
  const r = remediationOf(check);
  if (!r) return '';
  const refs = r.references.map((ref) => (ref.url ? html`<a href="${ref.url}">${ref.label}</a>` : html`${ref.label}`));
  const parts = [
    r.why ? html`<p><b>Why it matters:</b> ${withCode(r.why)}</p>` : '',
    r.fix ? html`<p><b>Fix:</b> ${withCode(r.fix)}</p>` : '',
    refs.length ? html`<p><b>References:</b> ${join(refs, ', ')}</p>` : '',
  ];
  return html`<div class="fix">${join(parts.filter((p): p is Html => p !== ''))}</div>`;
}

/** Catalogue prose marks commands and directives with backticks. */
function withCode(text: string): Html {
  return join(text.split(/`([^`]+)`/).map((piece, i) => (i % 2 ? html`<code>${piece}</code>` : piece)));
}
