import { basename } from 'node:path';
import { type Evidence, evidence } from '../../core/evidence.js';
import type { Inventory } from '../../core/inventory.js';
import { fail, inconclusive, pass, type Verdict } from '../../core/verdict.js';
import type { PaymentPageVisit, SeenScript } from '../../probes/browser/page-facts.js';

/** What every SCR judge gets: the browser's visits, the target's inventory, and whose store it is. */
export interface ScriptFacts {
  readonly target: string;
  /** The store's URL from the targets file. */
  readonly store: string;
  readonly visits: readonly PaymentPageVisit[];
  readonly inventory?: Inventory;
}

/** The requirement each check evidences, named in every message. */
export type Requirement = 'PCI DSS 6.4.3' | 'PCI DSS 11.6.1';

/**
 * Visits sorted by what a judge can use. Scripts and connections seen before a page gave up are
 * still seen (partial); headers count only from a page that loaded, as a 5xx or WAF page's
 * headers are not the payment page's.
 */
export interface SortedVisits {
  readonly judged: readonly PaymentPageVisit[];
  readonly partial: readonly PaymentPageVisit[];
  readonly unseen: readonly PaymentPageVisit[];
}

export function sortVisits(visits: readonly PaymentPageVisit[], needs: 'scripts' | 'headers'): SortedVisits {
  const complete = visits.filter((v) => !v.problem);
  const partial = needs === 'scripts' ? visits.filter((v) => v.problem?.kind === 'unusable' && (v.scripts.length > 0 || v.connections.length > 0)) : [];
  return {
    judged: [...complete, ...partial],
    partial,
    unseen: visits.filter((v) => v.problem && !partial.includes(v)),
  };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
const problemOf = (v: PaymentPageVisit) => (v.problem ? `${v.path}: ${v.problem.detail}` : v.path);

/** The store's hostname, as the URL parser writes it (lower-case, IPv6 in brackets). */
export const storeHostname = (store: string): string => new URL(store).hostname;

/** The origin a page's scripts are same- or cross-origin to: where the browser ended up. */
export const pageOrigin = (v: PaymentPageVisit, store: string): string => new URL(v.finalUrl ?? new URL(v.path, store).href).origin;

/** "inventory.yaml", and "inventory.yaml:12" for an entry, in evidence and messages. */
export const inventoryName = (inv: Inventory): string => basename(inv.file);
export const entryAt = (inv: Inventory, line: number): string => `${inventoryName(inv)}:${line}`;

/** A script as a reader recognises it: its URL, or its hash and first characters. */
export function scriptName(s: SeenScript): string {
  if (s.url) return s.url;
  const text = clip(s.excerpt.replace(/\s+/g, ' ').trim(), 40);
  return `${s.kind} script sha256-${s.sha256} ("${text}")`;
}

/** Names in a message: the first few; the evidence holds them all. */
export function listed(names: readonly string[], most = 8): string {
  const unique = [...new Set(names)];
  return unique.length > most ? `${unique.slice(0, most).join('; ')}; and ${unique.length - most} more` : unique.join('; ');
}

/**
 * Findings named once however many pages show them: the same skimmer on four pages is one
 * finding "on /, /checkout/cart/, /checkout/", in the order first seen.
 */
export class PageFindings {
  private readonly found = new Map<string, { readonly pages: string[]; readonly say: (on: string) => string }>();

  add(key: string, page: string, say: (on: string) => string): void {
    const f = this.found.get(key);
    if (!f) this.found.set(key, { pages: [page], say });
    else if (!f.pages.includes(page)) f.pages.push(page);
  }

  list(): string[] {
    return [...this.found.values()].map((f) => f.say(`on ${f.pages.join(', ')}`));
  }
}

/** Every SCR check without an inventory: a fail that says how to get one. */
export function noInventory(facts: Pick<ScriptFacts, 'target'>, requirement: Requirement): Verdict {
  const t = facts.target;
  return fail(
    `no authorised script inventory for target ${t}, so payment-page scripts cannot be judged (${requirement}): draft one with \`mageprobe inventory TARGETS.yaml --target ${t} --out ${t}.inventory.yaml\`, have each entry justified and approved, then add \`inventory: ${t}.inventory.yaml\` to the target`,
    [evidence(`targets file: target ${t} has no inventory`, { target: t, inventory: null })],
  );
}

/**
 * The verdict from a judge's findings. Nothing judgeable is inconclusive with each page's
 * reason (a missing browser names its install command); findings fail; a clean result on pages
 * partly or not seen is inconclusive, never pass, and says what was judged.
 */
export function conclude(
  sorted: SortedVisits,
  requirement: Requirement,
  findings: readonly string[],
  findingEvidence: readonly Evidence[],
  passed: string,
): Verdict {
  const pages = sorted.judged.map((v) => v.evidence);
  if (sorted.judged.length === 0) {
    const reasons = sorted.unseen.length ? listed(sorted.unseen.map(problemOf), 4) : 'the browser visited no page';
    return inconclusive(
      `no payment page could be judged (${requirement}): ${reasons}`,
      sorted.unseen.map((v) => v.evidence),
    );
  }
  const proof: [Evidence, ...Evidence[]] = [...findingEvidence, ...pages, ...sorted.unseen.map((v) => v.evidence)] as [Evidence, ...Evidence[]];
  const partly = sorted.partial.length ? `; judged on what was seen before ${listed(sorted.partial.map(problemOf), 3)}` : '';
  const missing = sorted.unseen.length ? `; not seen: ${listed(sorted.unseen.map(problemOf), 3)}` : '';
  if (findings.length) return fail(`${listed(findings)} (${requirement})${partly}${missing}`, proof);
  if (sorted.partial.length || sorted.unseen.length) {
    return inconclusive(`${passed} on the pages seen, but not every payment page was fully seen (${requirement})${partly}${missing}`, proof);
  }
  return pass(`${passed} (${requirement})`, proof);
}
