import type { SignatureId } from '../catalogue/signatures.js';
import { evidence } from '../core/evidence.js';
import { type LinearRegex, linearFromUser } from '../core/linear-regex.js';
import type { Target } from '../core/target.js';
import { exchangeEvidence } from '../probes/http/evidence.js';
import { header, headerValues, type HttpExchange } from '../probes/http/exchange.js';
import type { Usable } from '../probes/http/usable.js';
import { baselineFacts, matchNotFound, type NotFoundBaseline } from '../probes/web/baseline.js';
import { matchSignatures, redact } from '../probes/web/content.js';
import { withoutEchoes } from '../probes/web/fingerprint.js';
import type { MethodObservation } from '../probes/web/methods.js';
import type { TlsScan } from '../probes/tls/enumerate.js';
import { PROTOCOLS, type Protocol } from '../probes/tls/protocol.js';
import { addressOf, PROTOCOL_LABEL, scanEvidence } from '../suites/tls/facts.js';
import { undecidedScan } from '../suites/tls/undecided-scan.js';
import { failed, passed, unjudged, type Finding } from './findings.js';

// Judges of the acceptance matchers: pure functions of facts gathered by the shared probes, so they
// are unit-tested on recorded answers. Each returns a finding; none guesses from a status alone.

/** Signatures toBlock looks for whatever the team adds: a directory listing proves a folder is served. */
export const LISTING_SIGNATURES: readonly SignatureId[] = ['listing-nginx', 'listing-apache', 'listing-iis', 'listing-lighttpd', 'listing-generic'];

/** What proves a blocked path is served after all: catalogue signatures and the team's own markers. */
export interface BlockProof {
  readonly signatures: readonly SignatureId[];
  /** Text (exact) or patterns (run on RE2, linear time) the content of the path would carry. */
  readonly markers: readonly (string | RegExp)[];
}

/** Characters of a body the team's markers look at (the signatures keep their own cap). */
const MARKER_SCAN_CHARS = 64 * 1024;

/** toBlock: the path, its answer (redirects that only add a slash followed), the not-found baseline. */
export interface BlockFacts {
  readonly path: string;
  readonly hops: readonly HttpExchange[];
  readonly answer: Usable;
  readonly baseline: NotFoundBaseline;
}

/**
 * Fails when the answer carries the content's markers (any status: a 403 page with a listing is a
 * listing), or is a 2xx that is not the site's not-found page; passes on any other answer of the
 * store. No answer, a WAF page, a 5xx or a lasting 429 is inconclusive (probes/http/usable.ts).
 */
export function judgeBlock(facts: BlockFacts, proof: BlockProof): Finding {
  const { path, baseline, answer } = facts;
  if (!baseline.samples.length) {
    const why = baseline.unusable[0]?.reason ?? 'no answers';
    return unjudged(`${path}: could not learn the site's not-found page (${why})`, baseline.unusable.map((u) => u.evidence));
  }
  if (!answer.ok) return unjudged(`${path}: ${answer.reason}`, [answer.evidence]);
  const ex = answer.exchange;
  const base = evidence(`not-found baseline: how ${new URL(ex.url).origin} answers ${baseline.samples.length} paths that cannot exist`, { notFoundBaseline: baselineFacts(baseline) }, baseline.samples[0]!.address);
  const hops = facts.hops.filter((h) => h !== ex).map((h) => exchangeEvidence(h));
  const found = matchSignatures(ex.body, proof.signatures, path, ex.bodyTruncated) ?? matchMarkers(ex, path, compileMarkers(proof.markers));
  if (found) return failed(`${path} is served: ${ex.method} ${ex.url} → ${ex.status} carries ${found.proves} ("${found.quote}")`, [exchangeEvidence(ex, found.quote), ...hops, base]);
  const ok = ex.status >= 200 && ex.status < 300;
  const like = matchNotFound(baseline, ex, path);
  if (ok && !like) {
    const type = header(ex, 'content-type');
    return failed(`${path} is served: ${ex.method} ${ex.url} → ${ex.status} with ${ex.body.length}${ex.bodyTruncated ? '+' : ''} bytes${type ? ` of ${type}` : ''} that are not the site's not-found page`, [exchangeEvidence(ex), ...hops, base]);
  }
  const how = like ? `answered ${ex.status} like the site's not-found page (${like.path})` : `answered ${ex.status} without the content's markers`;
  return passed(`${path} is blocked: ${ex.url} ${how}`, [exchangeEvidence(ex), ...hops, base]);
}

/** The team's markers as RE2 patterns (a string is matched as text); a pattern RE2 cannot run is a bug in the check. */
export function compileMarkers(markers: readonly (string | RegExp)[]): { readonly label: string; readonly re: LinearRegex }[] {
  return markers.map((m) => {
    if (typeof m === 'string') return { label: JSON.stringify(m), re: linearFromUser(new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))) };
    try {
      return { label: String(m), re: linearFromUser(m) };
    } catch (e) {
      throw new TypeError(`marker ${String(m)} cannot run in linear time (RE2: no lookaround or backreferences): ${(e as Error).message}`);
    }
  });
}

function matchMarkers(ex: HttpExchange, path: string, markers: ReturnType<typeof compileMarkers>): { proves: string; quote: string } | undefined {
  if (!markers.length) return undefined;
  // The requested path cut out: a page that merely echoes the URL proves nothing.
  const text = withoutEchoes(ex.body.subarray(0, MARKER_SCAN_CHARS).toString('utf8'), path, false);
  for (const m of markers) {
    const hit = m.re.exec(text);
    if (hit) return { proves: `the marker ${m.label}`, quote: redact(text.slice(Math.max(0, hit.index - 40), hit.index + hit[0].length + 40).replace(/\s+/g, ' ').trim()) };
  }
  return undefined;
}

/** toRefuseMethod: fails on a 2xx to the method (accepted), inconclusive on an unusable answer, else passes (as MTH-01). */
export function judgeMethod(method: string, seen: readonly MethodObservation[]): Finding {
  const line = (o: MethodObservation) =>
    o.answer.ok ? { path: o.path, status: o.answer.exchange.status, allow: header(o.answer.exchange, 'allow') ?? null, refusedBy: o.refusedBy ?? 'accepted (2xx)' } : { path: o.path, result: o.answer.reason };
  const answered = seen.flatMap((o) => (o.answer.ok ? [o.answer.exchange] : []));
  const summary = evidence(`${method} (no body) to ${seen.map((o) => o.path).join(', ')}`, { method, answers: seen.map(line) }, answered[0]?.address);
  if (!seen.length) return unjudged(`${method}: no path was asked, so nothing was seen`, [summary]);
  const accepted = answered.filter((e) => e.status >= 200 && e.status < 300);
  if (accepted.length) return failed(`${method} accepted: ${accepted.map((e) => `${e.url} → ${e.status}`).join(', ')}`, [exchangeEvidence(accepted[0]!), ...accepted.slice(1).map((e) => exchangeEvidence(e)), summary]);
  const bad = seen.find((o) => !o.answer.ok);
  if (bad && !bad.answer.ok) return unjudged(`${method}: ${bad.answer.reason}`, [bad.answer.evidence, summary]);
  return passed(`${method} refused: ${seen.map((o) => `${o.path} → ${o.answer.ok ? o.answer.exchange.status : '?'} by ${o.refusedBy ?? '?'}`).join(', ')}`, [summary]);
}

/** '1.2', 'TLSv1.2', 'TLS 1.2', 'SSLv3' → the probe's protocol name. */
export function protocolNamed(name: string): Protocol {
  const n = name.trim().replace(/^TLS\s*v?/i, 'TLSv').replace(/^SSL\s*v?/i, 'SSLv');
  const found = PROTOCOLS.find((p) => p === n || p === `TLSv${n}`);
  if (!found) throw new TypeError(`toAcceptOnlyTls: "${name}" is no protocol version (use 1.0, 1.1, 1.2, 1.3, SSLv2 or SSLv3)`);
  return found;
}

/**
 * toAcceptOnlyTls: every listed version negotiated and every other refused, as the shared TLS scan
 * (the one TLS-01/02 use) saw it. A port that showed no ServerHello, or a version left undecided, is inconclusive.
 */
export function judgeTlsVersions(target: Target, wanted: readonly Protocol[], scan: TlsScan): Finding {
  const undecided = undecidedScan(target, scan);
  if (undecided) return unjudged(undecided.message, undecided.evidence);
  const label = (p: Protocol) => PROTOCOL_LABEL[p];
  const ev = [scanEvidence(target, scan, `protocol hellos to ${addressOf(target)}: only ${wanted.map(label).join(', ')} wanted`)] as const;
  const extra = PROTOCOLS.filter((p) => !wanted.includes(p) && scan.protocols[p].status === 'accepted');
  const missing = wanted.filter((p) => scan.protocols[p].status === 'refused');
  if (extra.length || missing.length) {
    const said = [...extra.map((p) => `${label(p)} accepted (${scan.protocols[p].hello?.suite ?? scan.protocols[p].accepted[0]})`), ...missing.map((p) => `${label(p)} refused (${scan.protocols[p].refusals.join(' / ')})`)];
    return failed(said.join('; '), ev);
  }
  const open = PROTOCOLS.filter((p) => scan.protocols[p].status === 'inconclusive');
  if (open.length) return unjudged(`no decision for ${open.map((p) => `${label(p)} (${scan.protocols[p].errors[0]})`).join(', ')}`, ev);
  return passed(`only ${wanted.map(label).join(' and ')} accepted; ${PROTOCOLS.filter((p) => !wanted.includes(p)).map(label).join(', ')} refused`, ev);
}

/**
 * toSendHeader: the header on the page a browser ends on (redirects on the target followed, a 2xx
 * page, as the HDR checks judge). Repeated fields are combined with ", " (RFC 9110 §5.3) before
 * matching; a pattern runs on RE2. Absent or not matching fails.
 */
export function judgeHeader(name: string, expected: string | RegExp | undefined, hops: readonly HttpExchange[], answer: Usable): Finding {
  if (!answer.ok) return unjudged(`${name}: ${answer.reason}`, [answer.evidence]);
  const ex = answer.exchange;
  const all = hops.filter((h) => h !== ex).map((h) => exchangeEvidence(h));
  if (ex.status < 200 || ex.status > 299) {
    return unjudged(`${name}: ${ex.method} ${ex.url} → ${ex.status} is no page a browser would apply headers of (2xx wanted)`, [exchangeEvidence(ex), ...all]);
  }
  const ev = [exchangeEvidence(ex), ...all] as const;
  const values = headerValues(ex, name);
  if (!values.length) return failed(`${name} is absent on ${ex.url} (${ex.status})`, ev);
  const value = values.join(', ');
  const holds = expected === undefined || (typeof expected === 'string' ? value.trim() === expected : compilePattern(expected).test(value));
  const want = expected === undefined ? '' : typeof expected === 'string' ? ` (wanted "${expected}")` : ` (wanted ${String(expected)})`;
  return holds
    ? (passed(`${name}: ${value} on ${ex.url}${want}`, ev))
    : (failed(`${name} is "${value}" on ${ex.url}${want}`, ev));
}

function compilePattern(re: RegExp): LinearRegex {
  try {
    return linearFromUser(re);
  } catch (e) {
    throw new TypeError(`toSendHeader: ${String(re)} cannot run in linear time (RE2: no lookaround or backreferences): ${(e as Error).message}`);
  }
}
