import { remediationDoc, remediationFor } from '../../catalogue/remediation.js';
import { html, join, type Html } from './markup.js';

/** Why it matters, the fix (`code` spans kept as code) and the references, linked when public; once per failing check. */
export function remediationHtml(id: string): Html | '' {
  const r = remediationFor(id);
  if (!r) return '';
  const refs = remediationDoc(r).references.map((ref) => (ref.url ? html`<a href="${ref.url}">${ref.label}</a>` : html`${ref.label}`));
  return html`<div class="fix"><p><b>Why it matters:</b> ${withCode(r.why)}</p><p><b>Fix:</b> ${withCode(r.fix)}</p><p><b>References:</b> ${join(refs, ', ')}</p></div>`;
}

/** Catalogue prose marks commands and directives with backticks. */
function withCode(text: string): Html {
  return join(text.split(/`([^`]+)`/).map((piece, i) => (i % 2 ? html`<code>${piece}</code>` : piece)));
}
