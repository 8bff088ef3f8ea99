import type { Evidence } from './evidence.js';

/** The five outcomes of ../CHECKS.md; nothing else is a verdict. */
export type Outcome = 'pass' | 'fail' | 'inconclusive' | 'not-applicable' | 'waived';

interface Base {
  /** One sentence stating what was seen; becomes the JUnit message. */
  readonly message: string;
  readonly evidence: readonly Evidence[];
}

/** pass and fail must carry evidence: the type demands at least one observation. */
type WithProof = Omit<Base, 'evidence'> & { readonly evidence: readonly [Evidence, ...Evidence[]] };

export type Verdict =
  | ({ readonly outcome: 'pass' } & WithProof)
  | ({ readonly outcome: 'fail' } & WithProof)
  | ({ readonly outcome: 'inconclusive' } & Base)
  | ({ readonly outcome: 'not-applicable' } & Base)
  | ({
      readonly outcome: 'waived';
      readonly justification: string;
      readonly expires: string;
      /** What the check found before the waiver applied. */
      readonly underlying: Exclude<Verdict, { outcome: 'waived' }>;
    } & Base);

type Proof = readonly [Evidence, ...Evidence[]];

export const pass = (message: string, evidence: Proof): Verdict => ({ outcome: 'pass', message, evidence });
export const fail = (message: string, evidence: Proof): Verdict => ({ outcome: 'fail', message, evidence });
export const inconclusive = (message: string, evidence: readonly Evidence[] = []): Verdict => ({
  outcome: 'inconclusive',
  message,
  evidence,
});
export const notApplicable = (message: string, evidence: readonly Evidence[] = []): Verdict => ({
  outcome: 'not-applicable',
  message,
  evidence,
});
