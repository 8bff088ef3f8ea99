import type { Evidence } from '../../core/evidence.js';

/**
 * What a real browser (headless Chromium over the DevTools protocol) saw while loading one
 * payment page of a target: the facts SCR-01..04 judge (PCI DSS 6.4.3, 11.6.1). Gathered by
 * probes/browser/, judged by suites/scripts/; plain JSON so it crosses worker boundaries.
 */

/** How a script came to run. */
export type ScriptKind =
  /** <script src> in the page or added later: has a URL and a fetched body. */
  | 'external'
  /** Inline <script> in the HTML as served. */
  | 'inline'
  /** Created at run time: eval, new Function, setTimeout(string), an injected inline <script>. */
  | 'dynamic';

/** Subresource Integrity as the browser applied it (W3C SRI §3.3.5). */
export type SriState = { readonly present: false } | { readonly present: true; readonly integrity: string; readonly matched: boolean };

export interface SeenScript {
  readonly kind: ScriptKind;
  /** Absolute URL for external scripts; absent for inline and dynamic ones. */
  readonly url?: string;
  /** Origin of `url` (scheme://host[:port]). */
  readonly origin?: string;
  /** sha256 of the script text as executed, base64 (the SRI / CSP hash form, without prefix). */
  readonly sha256: string;
  /** The first characters of the source, neutralised by the reporters, for the evidence. */
  readonly excerpt: string;
  /**
   * The first LOADER_SCAN_CHARS of the source as executed, for SCR-04's loader scan only (never
   * put into evidence): a long comment must not push a loader out of the 400-character excerpt.
   * Absent in facts recorded before it existed; then the excerpt is scanned.
   */
  readonly head?: string;
  /** Only for external scripts. */
  readonly sri?: SriState;
  /** The URL of the script that created this one at run time, when the protocol names it. */
  readonly initiator?: string;
}

/** Kinds of outbound connection a page made. Form actions are read, never submitted. */
export type ConnectionKind = 'fetch' | 'xhr' | 'websocket' | 'beacon' | 'form-action' | 'eventsource' | 'other';

export interface SeenConnection {
  readonly kind: ConnectionKind;
  readonly url: string;
  readonly origin: string;
  /** The script that initiated it, when the protocol names it. */
  readonly initiator?: string;
}

export type PageProblem =
  /** No browser on this machine: inconclusive, with the install command. */
  | { readonly kind: 'no-browser'; readonly detail: string }
  /** The page did not load within the per-page limit, or answered 5xx / a WAF wall. */
  | { readonly kind: 'unusable'; readonly detail: string };

export interface PaymentPageVisit {
  /** The path asked for (from `paymentPages:` or the defaults). */
  readonly path: string;
  /** Where the browser ended up (redirects followed within the target), when it loaded. */
  readonly finalUrl?: string;
  readonly status?: number;
  /** Set when the page could not be seen; then scripts/connections are what was seen so far. */
  readonly problem?: PageProblem;
  /** Security-impacting response headers of the document, lower-case names, as received. */
  readonly headers: Readonly<Record<string, string>>;
  readonly scripts: readonly SeenScript[];
  readonly connections: readonly SeenConnection[];
  /** What to attach: the page's URL, status, time, address. */
  readonly evidence: Evidence;
}
