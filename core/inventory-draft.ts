import { Document, isMap, isSeq, type YAMLMap } from 'yaml';
import type { PaymentPageVisit, SeenScript } from '../probes/browser/page-facts.js';
import { safeLine } from './safe-text.js';

export interface DraftContext {
  readonly target: string;
  /** The store's URL: connections to its host need no entry. */
  readonly store: string;
  readonly at: Date;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
/** Page text in a YAML comment: one line, controls escaped, short. */
const quoted = (s: string) => clip(safeLine(s.replace(/\s+/g, ' ').trim()), 80);

interface Seen<T> {
  readonly first: T;
  readonly pages: Set<string>;
}

function collect<T>(items: Iterable<[string, T, string]>): Map<string, Seen<T>> {
  const out = new Map<string, Seen<T>>();
  for (const [key, item, page] of items) {
    const seen = out.get(key) ?? { first: item, pages: new Set<string>() };
    seen.pages.add(page);
    out.set(key, seen);
  }
  return out;
}

const TODO = { justification: '', approvedBy: '', approvedOn: '' };

/**
 * A draft inventory (YAML text) from what the browser saw on a target's payment pages: one entry
 * per script (external by URL with its body pinned, inline and run-time by hash), the foreign
 * origins the pages connected to, and each loaded page's security headers. Justifications and
 * approvals are left empty with a comment, so `mageprobe validate` refuses the file until the team
 * has reviewed every entry (PCI DSS 6.4.3). Pure: no clock, no traffic.
 */
export function draftInventory(visits: readonly PaymentPageVisit[], ctx: DraftContext): string {
  const storeHost = new URL(ctx.store).hostname;
  const scripts = collect(visits.flatMap((v) => v.scripts.map((s): [string, SeenScript, string] => [s.url ?? `sha256-${s.sha256}`, s, v.path])));
  const connections = collect(
    visits.flatMap((v) =>
      v.connections
        .filter((c) => c.origin !== 'null' && URL.canParse(c.origin) && new URL(c.origin).hostname !== storeHost)
        .map((c): [string, string, string] => [c.origin, c.kind, v.path]),
    ),
  );
  const kindsOf = (origin: string) => [...new Set(visits.flatMap((v) => v.connections.filter((c) => c.origin === origin).map((c) => c.kind)))];
  const loaded = visits.filter((v) => !v.problem);
  const doc = new Document({
    scripts: [...scripts.values()].map(({ first: s }) =>
      s.url ? { url: s.url, sha256: `sha256-${s.sha256}`, ...TODO } : { inlineSha256: `sha256-${s.sha256}`, ...TODO },
    ),
    connections: [...connections.keys()].map((origin) => ({ origin, justification: '' })),
    headers: Object.fromEntries(loaded.map((v) => [v.path, { ...v.headers }])),
  });
  const unseen = visits.filter((v) => v.problem);
  doc.commentBefore = [
    ` Script inventory of target ${safeLine(ctx.target)}'s payment pages (PCI DSS 6.4.3, 11.6.1),`,
    ` drafted by \`mageprobe inventory\` at ${ctx.at.toISOString()} from what Chromium saw on ${visits.map((v) => safeLine(v.path)).join(', ')}.`,
    ' TO DO before use: for every entry, fill in justification (why the payment page needs it), approvedBy and',
    ' approvedOn (YYYY-MM-DD); `mageprobe validate` refuses the file until each is filled in. Review each one:',
    ' a script or origin nobody recognises may be a skimmer — delete it and investigate instead of approving it.',
    ' sha256 pins the script body: SCR-01 fails when it changes; remove the pin only for a script that changes without your review.',
    ...(unseen.length
      ? [` NOT SEEN (re-run before relying on this draft): ${unseen.map((v) => `${safeLine(v.path)}: ${quoted(v.problem!.detail)}`).join('; ')}`]
      : []),
  ].join('\n');
  const items = (key: string) => {
    const node = doc.get(key, true);
    return isSeq(node) ? (node.items as YAMLMap[]) : [];
  };
  [...scripts.values()].forEach(({ first: s, pages }, i) => {
    const where = `on ${[...pages].map(safeLine).join(', ')}`;
    const what = s.url
      ? `${s.kind} script, ${s.sri?.present ? `SRI ${s.sri.matched ? 'matched' : 'DID NOT MATCH'}` : 'no SRI'}`
      : `${s.kind} script "${quoted(s.excerpt)}"`;
    items('scripts')[i]!.commentBefore = ` ${what}, ${where}; fill in justification, approvedBy, approvedOn`;
  });
  [...connections.entries()].forEach(([origin, { pages }], i) => {
    items('connections')[i]!.commentBefore = ` ${kindsOf(origin).join(', ')} ${`on ${[...pages].map(safeLine).join(', ')}`}; fill in justification`;
  });
  const headers = doc.get('headers', true);
  if (isMap(headers))
    headers.commentBefore =
      ' Security-impacting response headers as received, per page: SCR-03 fails when any is added, removed or changed (CSP nonces are ignored).';
  return doc.toString({ lineWidth: 0 });
}
