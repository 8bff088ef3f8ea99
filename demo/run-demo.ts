import type { ScanPlan } from '../core/plan.js';
import { makeTarget } from '../core/targets.js';
import { DEMO_HOST, startDemoStore } from './store.js';

/**
 * Starts the embedded store on loopback, scans it, stops it. The store fails on purpose,
 * so the demo itself succeeds (exit 0) when the scan ran.
 */
export async function runDemo(scan: (plan: ScanPlan) => Promise<number>): Promise<number> {
  const store = await startDemoStore();
  console.log(
    `Demo store on 127.0.0.1 (https ${store.httpsPort}, http ${store.httpPort}, ssh ${store.sshPort}), scanned as https://${DEMO_HOST}:${store.httpsPort}/`,
  );
  try {
    const target = makeTarget({
      name: 'demo-store',
      url: `https://${DEMO_HOST}:${store.httpsPort}/`,
      address: '127.0.0.1',
      http: { port: store.httpPort },
      // The demo's own ports only: a demo never scans anything else.
      ports: { allowed: [store.httpsPort, store.httpPort], scan: [store.httpPort, store.httpsPort, store.sshPort] },
      ssh: { port: store.sshPort },
      timeouts: { connectMs: 2_000, requestMs: 5_000 },
    });
    const code = await scan({ targets: [target], only: [] });
    console.log(`\nThe demo store is misconfigured on purpose: a real scan with these findings exits ${code}. Open the reports above.`);
    return 0;
  } finally {
    await store.stop();
  }
}
