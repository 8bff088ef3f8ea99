import { parentPort } from 'node:worker_threads';
import { AREA_SUITES } from '../suites/areas.js';
import { type FromAreaWorker, OFF_THREAD_AREAS, type ToAreaWorker } from './area-worker-data.js';
import { runInProcess } from './run-cases.js';

// The other side of cli/area-thread.ts: OFF_THREAD_AREAS' cases of every target of the plan it is
// sent, run as the main thread runs the rest (runInProcess: budgets, internal errors, stray errors).

const port = parentPort!;
const areas = AREA_SUITES.filter((a) => OFF_THREAD_AREAS.has(a.area));
const stop = new AbortController();
const send = (m: FromAreaWorker) => port.postMessage(m);

// Loaded while the main thread still reads the targets file; a module that fails to load is said
// by runInProcess when it loads it again.
const loaded = Promise.all(areas.map((a) => a.load().catch(() => undefined)));

port.on('message', (m: ToAreaWorker) => {
  if (m.kind === 'stop') return stop.abort(m.signal);
  void loaded
    .then(() => runInProcess(m.plan, { areas, signal: stop.signal, onCase: (record) => send({ kind: 'case', record }) }))
    .then((run) => {
      send({ kind: 'done', run });
      port.close();
    });
});
