// Stands in for the scan's second thread (cli/area-thread.ts): reports one case, then dies
// before it says the run is done.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (m) => {
  if (m.kind !== 'plan') return;
  const target = m.plan.targets[0];
  const record = {
    target: target.name,
    url: target.url,
    check: { id: 'NET-01', area: 'network', title: 'stand-in' },
    verdict: { outcome: 'pass', message: 'stand-in: judged before the thread died', evidence: [{ label: 'stand-in', facts: {} }] },
    startedAt: new Date().toISOString(),
    durationMs: 1,
  };
  parentPort.postMessage({ kind: 'case', record });
  setTimeout(() => process.exit(3), 20);
});
