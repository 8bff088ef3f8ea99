import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * A full garbage collection, now. What a finished target held is mostly native memory (TLS
 * contexts, sockets, decompressors) behind small JS objects: V8 cannot see its size, so its own
 * heuristics let it pile up (RSS 580 MB over 100 targets against ~60 MB of live heap). One
 * collection each time a batch of targets has finished keeps a scan at a few targets' worth, for a
 * few tens of ms each.
 */
export function collectGarbage(): void {
  if (!gc) {
    // V8's own flag, set at run time: the CLI cannot pass node flags (users and CI run `node bin/mageprobe.js`).
    setFlagsFromString('--expose-gc');
    const found: unknown = runInNewContext('gc');
    gc = typeof found === 'function' ? (found as () => void) : () => undefined;
  }
  gc();
}
