import type { Area } from '../catalogue/checks.js';
import type { Target } from './target.js';
import type { Verdict } from './verdict.js';

/** What a check gets: its target, and facts shared with the other checks of its area. */
export interface CheckContext {
  readonly target: Target;
  /**
   * Memoises a probe per target: the first check that asks gathers, the rest reuse it
   * (HDR-01..07 judge one home-page response).
   */
  fact<T>(key: string, gather: () => Promise<T>): Promise<T>;
  /** Closes every fact that holds resources (an HTTP client's sockets) once the area is done. */
  close(): Promise<void>;
}

/** One catalogue check: judges facts from probes/ and returns a verdict with its evidence. */
export interface Check {
  /** Catalogue ID (catalogue/checks.ts). */
  readonly id: string;
  run(ctx: CheckContext): Promise<Verdict>;
}

/** An area's checks, as one suite file runs them (sslyze-style plugin: the core knows none). */
export interface AreaChecks {
  readonly area: Area;
  readonly checks: readonly Check[];
}
