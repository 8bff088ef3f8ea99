import { Worker } from 'node:worker_threads';
import { type CaseRecord, caseKey } from '../core/case-record.js';
import { selectedAreas } from '../core/cases.js';
import { describeThrown } from '../core/internal-error.js';
import type { ScanPlan } from '../core/plan.js';
import { within } from '../core/within.js';
import { AREA_SUITES } from '../suites/areas.js';
import { NETWORK_AREA_SUITES as THERE } from '../suites/network-areas.js';
import { AREA_WORKER_DATA, type AreaWorkerData, type FromAreaWorker, OFF_THREAD_AREAS, type ToAreaWorker } from './area-worker-data.js';
import { type InProcessOptions, runInProcess } from './run-cases.js';
import type { CaseRun } from './run-scan.js';

/** After a stop, how long the other thread gets to say what finished before it is dropped. */
const STOP_GRACE_MS = 2_000;
/** How long ending a thread that did not end by itself may take before the reports go on without it. */
const TERMINATE_MS = 5_000;

const HERE = AREA_SUITES.filter((a) => !OFF_THREAD_AREAS.has(a.area));

type RunOptions = Omit<InProcessOptions, 'areas'>;

/** The launcher, not a module of ours: inside the bundle it loads the code the CLI runs (tsx without one). */
const LAUNCHER = new URL('../bin/mageprobe.js', import.meta.url);

/** The second thread of a scan: started early, it loads its areas' modules while this one reads the targets. */
export interface AreaThread {
  /** Runs OFF_THREAD_AREAS' cases of the plan's targets there; settles with what they reported, never rejects. */
  run(plan: ScanPlan, opts: RunOptions): Promise<CaseRun>;
  /** Ends the thread (whatever it still does). */
  close(): Promise<void>;
}

/**
 * A thread for the off-thread areas, when the selection (--only) has checks both there and here;
 * else undefined, and the scan runs on this thread alone.
 */
export function startAreaThread(only: readonly string[], launcher: URL = LAUNCHER): AreaThread | undefined {
  if (!selectedAreas(only, HERE).length || !selectedAreas(only, THERE).length) return undefined;
  // `areas`: the launcher keeps this thread's code cache apart from the command's (bin/mageprobe.js),
  // and with `--only` a partial scan's apart from a full one's (it compiles only what it ran).
  const argv = ['areas', ...(only.length ? ['--only'] : [])];
  const worker = new Worker(launcher, { workerData: { [AREA_WORKER_DATA]: true } satisfies AreaWorkerData, argv });
  const post = (m: ToAreaWorker) => worker.postMessage(m);
  let lost: string | undefined;
  let reported = false;
  let onLost: (why: string) => void = () => undefined;
  const end = (why: string) => {
    lost ??= why;
    onLost(lost);
  };
  worker.once('error', (e) => end(`crashed: ${describeThrown(e)}`));
  worker.once('exit', (code) => end(`ended (exit ${code}) before it reported`));
  return {
    run(plan, opts) {
      return new Promise<CaseRun>((resolve) => {
        // Kept as they come: a thread lost, or late after a stop, still counts the cases it finished.
        const seen: CaseRecord[] = [];
        const soFar = (unattributed: string[]): CaseRun => ({ cases: [...seen], internalErrors: [], unattributed });
        onLost = (why) => resolve(soFar([`the ${[...OFF_THREAD_AREAS].join('/')} thread ${why}`]));
        if (lost) return onLost(lost);
        worker.on('message', (m: FromAreaWorker) => {
          if (m.kind === 'case') {
            seen.push(m.record);
            return opts.onCase?.(m.record);
          }
          reported = true;
          // Its work is done: it ends by itself (storing its code cache), and the process need not wait for it.
          worker.unref();
          const dropped = new Set(m.dropped);
          resolve({ ...m.run, cases: seen.filter((c) => !dropped.has(caseKey(c.target, c.check.id))) });
        });
        const onAbort = () => {
          post({ kind: 'stop', signal: opts.signal?.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT' });
          // It gets a grace to say what else finished; then what it said so far stands (the rest is interrupted).
          setTimeout(() => resolve(soFar([])), STOP_GRACE_MS).unref();
        };
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        post({ kind: 'plan', plan });
        if (opts.signal?.aborted) onAbort();
      });
    },
    async close() {
      // Unused, stopped or lost: ended now (resolves once it has stopped, whether it had ended or not).
      if (!reported) await within(TERMINATE_MS, worker.terminate());
    },
  };
}

/**
 * The plan's built-in checks: the web areas (which share the HTTP client, home page and not-found
 * baseline) on this thread, OFF_THREAD_AREAS on `thread` (started here when not given), joined
 * into one run. A thread that dies is a bug of ours, said once; its unreported cases are then
 * named as internal errors like any other (cli/run-scan.ts).
 */
export async function runOnTwoThreads(plan: ScanPlan, opts: RunOptions, given?: AreaThread): Promise<CaseRun> {
  const thread = given ?? startAreaThread(plan.only);
  if (!thread) return runInProcess(plan, { ...opts, areas: AREA_SUITES });
  try {
    const remote = thread.run(plan, opts);
    const local = await runInProcess(plan, { ...opts, areas: HERE });
    // Stopped here: the thread was told too, and settles within its grace.
    const theirs = await remote;
    const stop = local.stop ?? theirs.stop;
    return {
      cases: [...local.cases, ...theirs.cases],
      internalErrors: [...local.internalErrors, ...theirs.internalErrors],
      unattributed: [...local.unattributed, ...theirs.unattributed],
      ...(stop ? { stop } : {}),
    };
  } finally {
    await thread.close();
  }
}
