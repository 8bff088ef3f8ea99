import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DEMO_HOST, type DemoStore } from '../../demo/store.js';

const exec = promisify(execFile);

/** The CLI as users start it (bin/mageprobe.js through tsx). */
export const BIN = new URL('../../bin/mageprobe.js', import.meta.url).pathname;

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `mageprobe ARGS` to its end; a non-zero exit is a result, not a throw. `env` adds to this process's. */
export async function mageprobe(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await exec('node', [BIN, ...args], { timeout: 120_000, maxBuffer: 8 << 20, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as CliRun;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** One targets-file entry for the demo store on loopback (test files write it under `targets:`). */
export function demoTargetEntry(store: DemoStore, name = 'demo'): string {
  return `  - name: ${name}
    url: https://${DEMO_HOST}:${store.httpsPort}/
    address: ${store.address}
    http: { port: ${store.httpPort} }
    timeouts: { connectMs: 1000, requestMs: 3000 }
`;
}
