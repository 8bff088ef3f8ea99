import { CHECKS } from '../catalogue/checks.js';
import type { CheckContext } from './check.js';
import type { Fact } from './fact.js';
import { isProgrammingError } from './internal-error.js';
import { readPlan, selects } from './plan.js';
import type { Target } from './target.js';
import { scanStartFromEnv, type TargetBudget, targetBudget } from './target-budget.js';

/**
 * Everything one target's checks share in one process: its facts (one HTTP client with one
 * concurrency limit, request budget and 429 back-off; one home page; one not-found baseline;
 * one port scan…) and its time budget. Every area of the target, and a team's own checks,
 * judge through the same engine.
 */
export interface Engine extends CheckContext {
  /** timeouts.targetMs from the scan's start: when spent, the engine is destroyed and unfinished checks end inconclusive. */
  readonly budget: TargetBudget;
  /** Closes every resource now, in-flight requests included; later facts find a closed engine. */
  destroy(): Promise<void>;
  /** Records a fact instead of gathering it: judges tested on recorded facts, no traffic. */
  seed<T>(fact: Fact<T>, value: T): void;
}

export interface EngineOptions {
  /** Epoch ms the scan started at (the budget counts from there); default MAGEPROBE_SCAN_START or now. */
  readonly scanStartMs?: number;
  /** Which checks the run runs against the target; default none besides the one asking. */
  readonly runs?: (checkId: string) => boolean;
}

/**
 * A fresh engine for one target: tests, evaluateArea, and `mageprobe scan`, which makes one per
 * target when the target's turn comes and drops it when its cases are done. Inside vitest a scan
 * gets its engines from engineFor.
 */
export function createEngine(target: Target, opts: EngineOptions = {}): Engine {
  const memo = new Map<Fact<unknown>, Promise<unknown>>();
  const settled: unknown[] = [];
  let destroyed = false;
  const stop = new AbortController();
  const budget = targetBudget(target, opts.scanStartMs ?? scanStartFromEnv());
  const engine: Engine = {
    target,
    budget,
    runs: opts.runs ?? (() => false),
    stopped: stop.signal,
    get<T>(fact: Fact<T>): Promise<T> {
      // The one cast: the map holds every fact's promise, each under the fact that typed it.
      let found = memo.get(fact) as Promise<T> | undefined;
      // An abandoned check gathers nothing new once the target is torn down: no more traffic.
      if (!found && destroyed) return Promise.reject(new Error(`${target.name}: gathering ${fact.label} after the target's checks ended`));
      if (!found) {
        found = fact.gather(engine);
        memo.set(fact, found);
        // Remembered as soon as it settles, so destroy() reaches it without waiting on pending gathers.
        found.then(
          (v) => (destroyed ? void destroyNow(v).catch(() => undefined) : void settled.push(v)),
          () => undefined,
        );
      }
      return found;
    },
    seed(fact, value) {
      memo.set(fact, Promise.resolve(value));
    },
    async close() {
      budget.dispose();
      if (destroyed) return;
      const facts = await Promise.allSettled(memo.values());
      await Promise.allSettled(facts.map((f) => (f.status === 'fulfilled' && hasClose(f.value) ? f.value.close() : undefined)));
    },
    async destroy() {
      destroyed = true;
      stop.abort();
      budget.dispose();
      const ended = await Promise.allSettled(settled.map(destroyNow));
      // A socket that will not close is the target's business; a bug of ours in a teardown is not swallowed.
      const bug = ended.find((r): r is PromiseRejectedResult => r.status === 'rejected' && isProgrammingError(r.reason));
      if (bug) throw bug.reason;
    },
  };
  // Budget spent: drop the target's sockets at once; unfinished checks end inconclusive.
  void budget.spent.then(() => engine.destroy());
  return engine;
}

const engines = new Map<string, Engine>();

/**
 * The engine of a target in a vitest worker: one per target name, created on first use with the
 * run's plan (which checks run, when the scan started). Built-in suites and a team's own checks
 * get the same one, so they share facts, politeness and the time budget; it lives as long as the
 * worker, since a team's files run after the built-in ones. (`mageprobe scan` without --checks
 * makes its own engines, and drops each when its target is done: cli/run-cases.ts.)
 */
export function engineFor(target: Target): Engine {
  let engine = engines.get(target.name);
  if (!engine) {
    const only = planSelection();
    engine = createEngine(target, { runs: only === undefined ? () => false : runsFor(only) });
    engines.set(target.name, engine);
  }
  return engine;
}

/** EngineOptions.runs for a plan's --only: whether the run runs a check (a catalogue one by its area too). */
export function runsFor(only: readonly string[]): (checkId: string) => boolean {
  return (id) => selects(only, id, areaOf(id));
}

/** A catalogue check's area; a team's own check ID has none. */
const areaOf = (id: string): string => CHECKS.find((c) => c.id === id)?.area ?? '';

/** The plan's --only, when this process has a plan (a scan or a mageprobe vitest run). */
function planSelection(): readonly string[] | undefined {
  try {
    return readPlan().only;
  } catch {
    return undefined;
  }
}

/** destroy() (sockets dropped mid-request) when a fact has it, else close(). */
async function destroyNow(v: unknown): Promise<void> {
  if (typeof v === 'object' && v !== null && typeof (v as { destroy?: unknown }).destroy === 'function') await (v as { destroy(): unknown }).destroy();
  else if (hasClose(v)) await v.close();
}

function hasClose(v: unknown): v is { close(): unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { close?: unknown }).close === 'function';
}
