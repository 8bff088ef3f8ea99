import type { CustomCheckSpec } from '../catalogue/checks.js';
import type { CheckContext } from '../core/check.js';
import { evidence, type Evidence } from '../core/evidence.js';
import type { Target } from '../core/target.js';
import { fail, inconclusive, notApplicable, pass, type Verdict } from '../core/verdict.js';
import type { HttpClient, RequestOptions } from '../probes/http/client.js';
import { exchangeEvidence, failureEvidence } from '../probes/http/evidence.js';
import type { HttpExchange, HttpResult } from '../probes/http/exchange.js';
import { usable } from '../probes/http/usable.js';
import type { NotFoundBaseline } from '../probes/web/baseline.js';
import { webClient } from '../probes/web/session.js';
import type { CertificateProbe } from '../probes/tls/certificate.js';
import type { TlsScan } from '../probes/tls/enumerate.js';
import { certificate, tlsScan } from '../suites/tls/facts.js';
import { notFoundBaseline } from '../suites/paths/path-check.js';
import { observePage } from './observe.js';
import { Unjudgeable, verdictOf, type Finding } from './findings.js';

const STORE = Symbol.for('mageprobe.acceptance.store');

/**
 * What a team's check gets for one target: the target, the probes the built-in checks use (through
 * the target's shared facts, so politeness holds across built-in and custom checks), and what it
 * observed so far as evidence. Matchers (`expect(store).toBlock(…)`) record their findings here.
 */
export class Store {
  readonly [STORE] = true;
  readonly #findings: Finding[] = [];
  readonly #observations: Evidence[] = [];
  /** Unjudgeable errors thrown by record(): their finding is already kept. */
  readonly #recorded = new WeakSet<Unjudgeable>();

  constructor(
    /** The target's check context: facts shared with the built-in checks (advanced use: `ctx.fact`). */
    readonly ctx: CheckContext,
    readonly check: CustomCheckSpec,
  ) {}

  get target(): Target {
    return this.ctx.target;
  }

  /** Everything observed through this store in this case, in order: the default evidence of a verdict. */
  get observations(): readonly Evidence[] {
    return [...this.#observations];
  }

  /** The target's one HTTP client (concurrency, request budget, 429 back-off, capped bodies). */
  http(): Promise<HttpClient> {
    return webClient(this.ctx);
  }

  /** One request, as it came back (an answer or why none); recorded as evidence. Never with a body. */
  async request(opts: Omit<RequestOptions, 'body'>): Promise<HttpResult> {
    // mageprobe sends nothing that could change state: a check that tries is a bug in the check.
    if ((opts as RequestOptions).body !== undefined) throw new TypeError(`${this.check.id}: store.request sends no request body (a scan changes nothing on the store)`);
    const result = await (await this.http()).request(opts);
    this.#observations.push(result.ok ? exchangeEvidence(result.exchange) : failureEvidence(result.failure));
    return result;
  }

  /**
   * GET (or `opts.method`) a path and return the store's own answer. No answer, a WAF page, a 5xx, a
   * lasting 429 or a redirect off the target ends the case inconclusive, never pass.
   */
  async get(path: string, opts: Omit<RequestOptions, 'path' | 'body'> = {}): Promise<HttpExchange> {
    const answer = usable(await this.request({ ...opts, path }));
    if (!answer.ok) throw new Unjudgeable(answer.reason, [answer.evidence]);
    return answer.exchange;
  }

  /** The page a browser ends on from `path` (default: the target's URL), redirects on the target followed. */
  async page(path = new URL(this.target.url).pathname): Promise<HttpExchange> {
    const { hops, answer } = await observePage(this.ctx, path);
    this.#observations.push(...hops.map((h) => exchangeEvidence(h)));
    if (!answer.ok) throw new Unjudgeable(answer.reason, [answer.evidence]);
    return answer.exchange;
  }

  /** How the site answers paths that cannot exist (shared with PATH-01..08). */
  notFoundBaseline(): Promise<NotFoundBaseline> {
    return notFoundBaseline(this.ctx);
  }

  /** The target's TLS enumeration: protocols and suites per version (shared with TLS-01..06). */
  tls(): Promise<TlsScan> {
    return tlsScan(this.ctx);
  }

  /** The target's certificate as a client sees it (shared with TLS-04). */
  certificate(): Promise<CertificateProbe> {
    return certificate(this.ctx);
  }

  /** Records an observation of the check's own as evidence and returns it. */
  observe(label: string, facts: Record<string, unknown>, address?: string): Evidence {
    const e = evidence(label, facts, address);
    this.#observations.push(e);
    return e;
  }

  /** Verdicts with evidence: by default everything this case observed and its matchers found. */
  pass(message: string, proof: readonly Evidence[] = this.#allEvidence()): Verdict {
    return pass(message, this.#proof(proof, 'pass'));
  }

  fail(message: string, proof: readonly Evidence[] = this.#allEvidence()): Verdict {
    return fail(message, this.#proof(proof, 'fail'));
  }

  inconclusive(message: string, proof: readonly Evidence[] = this.#allEvidence()): Verdict {
    return inconclusive(message, proof);
  }

  notApplicable(message: string, proof: readonly Evidence[] = this.#allEvidence()): Verdict {
    return notApplicable(message, proof);
  }

  /** A matcher's finding: kept for the verdict; an inconclusive one stops the check here. */
  record(finding: Finding): Finding {
    this.#findings.push(finding);
    if (finding.outcome === 'inconclusive') {
      const stop = new Unjudgeable(finding.message, finding.evidence);
      this.#recorded.add(stop);
      throw stop;
    }
    return finding;
  }

  /**
   * The case's verdict once the check returned `returned` (or nothing): its findings by the rule
   * "fail if any failed, inconclusive if any could not judge, else pass", a returned pass, fail or
   * inconclusive counting as one more finding. A check that judged nothing is a bug in the check.
   */
  verdict(returned?: Verdict): Verdict {
    if (returned && (returned.outcome === 'not-applicable' || returned.outcome === 'waived')) return returned;
    const all = returned ? [...this.#findings, returned] : this.#findings;
    const v = verdictOf(all);
    if (!v) throw new TypeError(`${this.check.id}: the check met no matcher and returned no verdict, so nothing was judged`);
    return v;
  }

  /**
   * The verdict when the check threw `e`, or undefined when `e` is no verdict (a bug: internal
   * error; or a probe's error: inconclusive, as for built-in checks). A failed matcher threw its
   * assertion after recording the failure; Unjudgeable is inconclusive; a plain failed `expect`
   * fails with what the case observed, when it observed anything.
   */
  verdictAfter(e: unknown): Verdict | undefined {
    if (e instanceof Unjudgeable) {
      if (!this.#recorded.has(e)) this.#findings.push({ outcome: 'inconclusive', message: e.message, evidence: e.evidence });
      return this.verdict();
    }
    if (!isAssertion(e)) return undefined;
    if (this.#findings.some((f) => f.outcome === 'fail')) return this.verdict();
    const seen = this.#allEvidence();
    if (seen.length) return this.verdict(fail(`assertion failed: ${firstLine((e as Error).message)}`, seen as [Evidence, ...Evidence[]]));
    return undefined;
  }

  #allEvidence(): Evidence[] {
    return [...new Set([...this.#findings.flatMap((f) => f.evidence), ...this.#observations])];
  }

  #proof(proof: readonly Evidence[], outcome: string): [Evidence, ...Evidence[]] {
    if (!proof.length) throw new TypeError(`${this.check.id}: a ${outcome} needs evidence; observe something first (store.get, store.observe, a matcher)`);
    return proof as [Evidence, ...Evidence[]];
  }
}

export function isStore(x: unknown): x is Store {
  return typeof x === 'object' && x !== null && (x as { [STORE]?: unknown })[STORE] === true;
}

/** A failed expect(): chai's AssertionError, or vitest's error for a matcher added with expect.extend (ours too). */
function isAssertion(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AssertionError' || e.constructor.name === 'JestExtendError');
}

const firstLine = (s: string) => s.split('\n')[0] ?? s;
