// Runs runScan in this process on areas whose checks misbehave: the path `mageprobe scan` takes
// for built-in checks (cli/run-cases.ts), with no vitest in between.
//   node --import tsx test/cli/in-process-fixture.ts CASE OUT_DIR
import { runScan } from '../../cli/run-scan.js';
import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { exitCodeFor } from '../../core/results.js';
import { makeTarget } from '../../core/targets.js';
import { pass } from '../../core/verdict.js';

const judged: Check = { id: 'HDR-03', run: async () => pass('fixture: Referrer-Policy judged', [evidence('fixture', {})]) };

const CASES: Record<string, Check> = {
  // A judge with a bug: reads a property of undefined.
  'judge-typeerror': {
    id: 'HDR-02',
    async run() {
      const facts = JSON.parse('{}') as { headers: Record<string, string> };
      return pass(facts.headers['x-content-type-options']!, [evidence('fixture', {})]);
    },
  },
  // A check that would end the whole CLI.
  'check-exits': {
    id: 'HDR-02',
    async run() {
      process.exit(7);
    },
  },
  // A check that never settles and holds no handle: only its target's budget ends it.
  'never-settles': {
    id: 'HDR-02',
    run: () => new Promise(() => undefined),
  },
  // A bug thrown where no case awaits it: a timer's callback.
  'stray-throw': {
    id: 'HDR-02',
    async run() {
      setTimeout(() => {
        throw new TypeError('stray: thrown from a timer of HDR-02');
      }, 10);
      await new Promise((r) => setTimeout(r, 200));
      return pass('fixture: judged after its timer threw', [evidence('fixture', {})]);
    },
  },
};

const [name, outDir] = process.argv.slice(2) as [string, string];
// Port 9 (discard) on loopback: fixture checks never connect, the target only has to be valid.
const target = makeTarget({ name: 'fixture', url: 'http://127.0.0.1:9/', timeouts: { targetMs: 1000 } });
const result = await runScan(
  { targets: [target], only: ['HDR-02', 'HDR-03'] },
  { outDir, areas: [{ area: 'headers', load: async () => ({ area: 'headers', checks: [CASES[name]!, judged] }) }] },
);
// The real process.exit again once the scan is over: this exit must not be taken for a check's.
process.exit(exitCodeFor(result));
