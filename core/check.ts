import type { Area } from '../catalogue/checks.js';
import type { Fact } from './fact.js';
import type { Target } from './target.js';
import type { Verdict } from './verdict.js';

/** What a check gets: its target, and the target's facts, shared by every check of every area. */
export interface CheckContext {
  readonly target: Target;
  /**
   * A fact's value for this target: the first check that asks gathers it, the rest reuse it
   * (HDR-01..07 and MAG-01 judge one home-page response). Facts are defined with defineFact.
   */
  get<T>(fact: Fact<T>): Promise<T>;
  /** Whether this run runs a check against this target: a fact may then reuse what that check gathers anyway. */
  runs(checkId: string): boolean;
  /**
   * Aborted when the target's checks are ended (done, budget spent, a signal): a gather still in
   * flight (a port scan, a TLS enumeration) opens no new connection after it.
   */
  readonly stopped: AbortSignal;
  /** Closes every fact that holds resources (an HTTP client's sockets) once the target is done. */
  close(): Promise<void>;
}

/** One catalogue check: judges facts from probes/ and returns a verdict with its evidence. */
export interface Check {
  /** Catalogue ID (catalogue/checks.ts). */
  readonly id: string;
  run(ctx: CheckContext): Promise<Verdict>;
}

/** An area's checks (sslyze-style plugin: the core knows none). */
export interface AreaChecks {
  readonly area: Area;
  readonly checks: readonly Check[];
}
