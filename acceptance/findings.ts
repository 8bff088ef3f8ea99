import type { Evidence } from '../core/evidence.js';
import type { Verdict } from '../core/verdict.js';

/** What one matcher (or a team's own judgement) found: a pass, a fail or an inconclusive, with evidence. */
export type Finding = Extract<Verdict, { outcome: 'pass' | 'fail' | 'inconclusive' }>;

type Proof = readonly [Evidence, ...Evidence[]];

/** Findings, typed as such (pass and fail demand evidence, as verdicts do). */
export const passed = (message: string, evidence: Proof): Finding => ({ outcome: 'pass', message, evidence });
export const failed = (message: string, evidence: Proof): Finding => ({ outcome: 'fail', message, evidence });
export const unjudged = (message: string, evidence: readonly Evidence[] = []): Finding => ({ outcome: 'inconclusive', message, evidence });

/**
 * Thrown where a check cannot judge: no answer, a WAF page, a 5xx, a lasting 429, a TLS port that
 * showed no handshake. The case ends inconclusive with this reason and evidence, never pass.
 */
export class Unjudgeable extends Error {
  override name = 'Unjudgeable';
  constructor(
    message: string,
    readonly evidence: readonly Evidence[],
  ) {
    super(message);
  }
}

/**
 * The case's verdict from its findings: fail if any failed, else inconclusive if any could not
 * judge, else pass; each message in order, the deciding findings' evidence first. Undefined when
 * there is no finding at all.
 */
export function verdictOf(findings: readonly Finding[]): Finding | undefined {
  const by = (o: Finding['outcome']) => findings.filter((f) => f.outcome === o);
  const deciding = [by('fail'), by('inconclusive'), by('pass')].find((group) => group.length);
  if (!deciding) return undefined;
  const message = deciding.map((f) => f.message).join('; ');
  const evidence = unique([...deciding, ...findings.filter((f) => !deciding.includes(f))].flatMap((f) => f.evidence));
  const outcome = deciding[0]!.outcome;
  if (outcome === 'inconclusive') return unjudged(message, evidence);
  // Pass and fail findings each carry evidence, so the merged list has at least one.
  const proof = evidence as unknown as Proof;
  return outcome === 'fail' ? failed(message, proof) : passed(message, proof);
}

/** Each observation once: two matchers that judged the same page both made evidence of it. */
function unique(items: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return items.filter((e) => {
    const key = JSON.stringify(e);
    return !seen.has(key) && Boolean(seen.add(key));
  });
}
