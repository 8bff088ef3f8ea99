import { linear } from '../../core/linear-regex.js';
import { type CspPolicy, cspPolicies } from '../headers/rules/content-security-policy.js';

/**
 * Whether a page's enforced Content-Security-Policy limits where scripts load from to origins the
 * inventory authorises (SCR-02's alternative to SRI), judged by CSP Level 3 as Chromium applies it.
 */
export type ScriptCsp =
  | {
      readonly restricts: true;
      readonly policy: string;
      readonly directive: string;
      readonly sources: readonly string[];
      /** The origins scripts may load from under it: the page's own and inventoried ones. */
      readonly origins: readonly string[];
    }
  | { readonly restricts: false; readonly why: string };

// CSP3 §6.8.1 "get the effective directive for request": a <script src> load is script-src-elem,
// which falls back to script-src, then default-src (§6.8.3 "get the fallback list").
const SCRIPT_ELEM_FALLBACK = ['script-src-elem', 'script-src', 'default-src'] as const;

// Server-supplied tokens: linear-time patterns only (core/linear-regex.ts).
const SCHEME_SOURCE = linear(/^[a-z][a-z0-9+.-]*:$/);
const NONCE_OR_HASH = linear(/^'(?:nonce-|sha256-|sha384-|sha512-)/);
// host-source (CSP3 §2.3.1): [scheme "://"] host [":" port] [path]; host may start with "*.".
const HOST_SOURCE = linear(/^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?(?:\/.*)?$/);

/** One enforced policy's script sources, against the inventoried origins (the page's own counts as 'self'). */
function judgePolicy(p: CspPolicy, directive: string, sources: readonly string[], inventoried: ReadonlySet<string>, page: URL): ScriptCsp {
  const list = sources.map((s) => s.toLowerCase());
  const served = (why: string): ScriptCsp => ({ restricts: false, why: `enforced ${directive} ${why}` });
  // §8.2: with 'strict-dynamic', a trusted script may load scripts from any origin; host sources are ignored.
  if (list.includes("'strict-dynamic'")) return served("has 'strict-dynamic': scripts that trusted scripts add may come from any origin");
  // §6.7.3.3 "does a source list allow all inline behavior": 'unsafe-inline' is ignored when a nonce or hash is present.
  if (list.includes("'unsafe-inline'") && !list.some((s) => NONCE_OR_HASH.test(s))) {
    return served("allows 'unsafe-inline' without a nonce or hash: any injected inline script runs");
  }
  const outside: string[] = [];
  const origins = new Set<string>([page.origin]);
  for (const s of list) {
    if (s === '*') return served('allows * (any origin)');
    if (s.startsWith("'")) continue; // 'self' is the page's origin; 'none', nonces, hashes and eval keywords name no origin.
    if (SCHEME_SOURCE.test(s))
      return served(`allows the scheme-only source ${s} (any host${s === 'data:' || s === 'blob:' ? ', or script text made up in the page' : ''})`);
    const m = HOST_SOURCE.exec(s);
    if (!m) continue; // browsers skip a source expression they cannot parse
    const scheme = m[1];
    const host = m[2] ?? '';
    const port = m[3];
    if (host.includes('*') || port === '*') return served(`allows the wildcard source ${s}`);
    // §6.7.2.8: a scheme-less source takes the page's scheme; http: also admits https: (upgrade).
    const schemes = scheme ? (scheme === 'http' ? ['http', 'https'] : [scheme]) : page.protocol === 'http:' ? ['http', 'https'] : ['https'];
    for (const sch of schemes) {
      const spelled = `${sch}://${host}${port ? `:${port}` : ''}`;
      const origin = URL.canParse(spelled) ? new URL(spelled).origin : spelled;
      if (origin !== page.origin && !inventoried.has(origin)) outside.push(origin);
      else origins.add(origin);
    }
  }
  if (outside.length) return served(`allows origins not in the inventory: ${[...new Set(outside)].join(', ')}`);
  return { restricts: true, policy: p.serialized.trim(), directive, sources, origins: [...origins] };
}

/**
 * Every enforced policy applies (CSP3 §4.2.2), so one that restricts script loading is enough.
 * Content-Security-Policy-Report-Only never blocks anything and is not read here.
 */
export function scriptCsp(headers: Readonly<Record<string, string>>, inventoried: ReadonlySet<string>, pageUrl: string): ScriptCsp {
  const sent = headers['content-security-policy'];
  const reportOnly = headers['content-security-policy-report-only'] !== undefined;
  if (sent === undefined)
    return { restricts: false, why: reportOnly ? 'only Content-Security-Policy-Report-Only is sent, which blocks nothing' : 'no Content-Security-Policy' };
  const policies = cspPolicies(sent, 'enforce');
  if ('kind' in policies) return { restricts: false, why: `Content-Security-Policy of ${policies.chars} characters, too long to judge` };
  const page = new URL(pageUrl);
  const verdicts = policies.flatMap((p) => {
    const directive = SCRIPT_ELEM_FALLBACK.find((d) => p.directives.has(d));
    return directive ? [judgePolicy(p, directive, p.directives.get(directive)!, inventoried, page)] : [];
  });
  const restricting = verdicts.find((v) => v.restricts);
  if (restricting) return restricting;
  if (!verdicts.length) return { restricts: false, why: 'the enforced Content-Security-Policy has no script-src-elem, script-src or default-src' };
  return { restricts: false, why: verdicts.map((v) => (v.restricts ? '' : v.why)).join('; ') };
}
