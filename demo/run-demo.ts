import { fileURLToPath } from 'node:url';
import { loadInventoryFile } from '../core/inventory.js';
import type { ScanPlan } from '../core/plan.js';
import { makeTarget } from '../core/targets.js';
import { HOST_RULES_ENV, PINNED_KEYS_ENV } from '../probes/browser/chromium.js';
import { browserNotice } from './browser-notice.js';
import { SKIMMER_HOST } from './checkout.js';
import { DEMO_HOST, startDemoStore } from './store.js';

/** The demo store's authorised script inventory, shipped with it (SCR-01..04). */
export const DEMO_INVENTORY = fileURLToPath(new URL('./inventory.yaml', import.meta.url));

/**
 * Starts the embedded store on loopback, scans it, stops it. The store fails on purpose,
 * so the demo itself succeeds (exit 0) when the scan ran.
 */
export async function runDemo(scan: (plan: ScanPlan) => Promise<number>): Promise<number> {
  const notice = browserNotice();
  if (notice) console.log(notice);
  const store = await startDemoStore();
  console.log(
    `Demo store on 127.0.0.1 (https ${store.httpsPort}, http ${store.httpPort}, ssh ${store.sshPort}), scanned as https://${DEMO_HOST}:${store.httpsPort}/`,
  );
  // The browser reaches the look-alike host on the demo store and nothing else (every other
  // name resolves to nothing), and accepts the demo's expired certificate by its key alone.
  const saved = { [HOST_RULES_ENV]: process.env[HOST_RULES_ENV], [PINNED_KEYS_ENV]: process.env[PINNED_KEYS_ENV] };
  process.env[HOST_RULES_ENV] = `MAP ${SKIMMER_HOST} 127.0.0.1, MAP * ~NOTFOUND`;
  process.env[PINNED_KEYS_ENV] = store.spki;
  try {
    const target = {
      ...makeTarget({
        name: 'demo-store',
        url: `https://${DEMO_HOST}:${store.httpsPort}/`,
        address: '127.0.0.1',
        http: { port: store.httpPort },
        // The demo's own ports only: a demo never scans anything else.
        ports: { allowed: [store.httpsPort, store.httpPort], scan: [store.httpPort, store.httpsPort, store.sshPort] },
        ssh: { port: store.sshPort },
        timeouts: { connectMs: 2_000, requestMs: 5_000 },
      }),
      inventory: loadInventoryFile(DEMO_INVENTORY),
    };
    const code = await scan({ targets: [target], only: [] });
    console.log(`\nThe demo store is misconfigured on purpose: a real scan with these findings exits ${code}. Open the reports above.`);
    if (notice) console.log(notice);
    return 0;
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await store.stop();
  }
}
