import type { Target } from './target.js';
import { inconclusive, type Verdict } from './verdict.js';

/** Epoch ms the scan started at, so every worker measures a target's budget from the same instant. */
export const SCAN_START_ENV = 'MAGEPROBE_SCAN_START';

/**
 * timeouts.targetMs of wall-clock time for everything a target's checks do, from the scan's
 * start (all targets are scanned at once). When it is spent, `spent` resolves with the verdict
 * every unfinished check of the target gets.
 */
export interface TargetBudget {
  readonly isSpent: () => boolean;
  readonly spent: Promise<Verdict>;
  /** Stops the timer (the area finished in time). */
  dispose(): void;
}

export function budgetSpentVerdict(targetMs: number): Verdict {
  return inconclusive(`target time budget of ${formatSeconds(targetMs)} s spent before this check finished (timeouts.targetMs)`);
}

export function targetBudget(target: Pick<Target, 'timeouts'>, scanStartMs: number, now = Date.now()): TargetBudget {
  const { targetMs } = target.timeouts;
  let spentFlag = false;
  let timer: NodeJS.Timeout | undefined;
  const spent = new Promise<Verdict>((resolve) => {
    const fire = () => {
      spentFlag = true;
      resolve(budgetSpentVerdict(targetMs));
    };
    const left = scanStartMs + targetMs - now;
    if (left <= 0) fire();
    // Unref: the checks keep their process alive, a pending budget alone must not.
    else timer = setTimeout(fire, left).unref();
  });
  return {
    isSpent: () => spentFlag,
    spent,
    dispose: () => clearTimeout(timer),
  };
}

export function scanStartFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const start = Number(env[SCAN_START_ENV]);
  return Number.isFinite(start) && start > 0 ? start : Date.now();
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1);
}
