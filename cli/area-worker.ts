import { parentPort } from 'node:worker_threads';
import { caseKey } from '../core/case-record.js';
import { NETWORK_AREA_SUITES as areas } from '../suites/network-areas.js';
import type { FromAreaWorker, ToAreaWorker } from './area-worker-data.js';
import { runInProcess } from './run-cases.js';

// The other side of cli/area-thread.ts (and the entry of its own bundle, bin/mageprobe.js): the network areas' cases of every target of the plan it is
// sent, run as the main thread runs the rest (runInProcess: budgets, internal errors, stray errors).

const port = parentPort!;
const stop = new AbortController();
const send = (m: FromAreaWorker) => port.postMessage(m);
const sent = new Set<string>();

// Loaded while the main thread still reads the targets file; a module that fails to load is said
// by runInProcess when it loads it again.
const loaded = Promise.all(areas.map((a) => a.load().catch(() => undefined)));

port.on('message', (m: ToAreaWorker) => {
  if (m.kind === 'stop') return stop.abort(m.signal);
  void loaded
    .then(() =>
      runInProcess(m.plan, {
        areas,
        signal: stop.signal,
        onCase: (record) => {
          sent.add(caseKey(record.target, record.check.id));
          send({ kind: 'case', record });
        },
      }),
    )
    .then((run) => {
      const kept = new Set(run.cases.map((c) => caseKey(c.target, c.check.id)));
      send({ kind: 'done', run: { ...run, cases: [] }, dropped: [...sent].filter((k) => !kept.has(k)) });
      port.close();
    });
});
