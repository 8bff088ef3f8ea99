/**
 * Times the issue-8 runaway-regex cases through the real probe code (not the patterns alone):
 * a 45-byte .env; 512 KB of newlines answered to every sensitive-path candidate; 64 KB of
 * repeated JSON from /graphql; a 16 KB SSH identification line without its newline.
 * Each case runs in its own process with a hard timeout, so a runaway shows as ">N s".
 *   npx tsx bench/regex-runaway.ts [timeoutSeconds]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PATH_CANDIDATES } from '../catalogue/paths.js';
import type { HttpClient } from '../probes/http/client.js';
import { recogniseSshIdent } from '../probes/net/handshakes/banners.js';
import { matchSignatures } from '../probes/web/content.js';
import { fingerprintMagento } from '../probes/web/magento.js';

const CASES: Record<string, () => Promise<unknown>> = {
  'env-45-bytes': async () => matchSignatures(Buffer.from(`A=1${'\n'.repeat(40)}!`), ['dotenv'], '/.env'),
  'paths-512k-newlines': async () => {
    const body = Buffer.from('\n'.repeat(512 * 1024));
    for (const c of PATH_CANDIDATES) matchSignatures(body, c.signatures, c.path);
  },
  'graphql-64k-repeated-json': async () => fingerprintMagento(answering('/graphql', Buffer.from('{"errors":[{"extensions":{'.repeat(65_536 / 26)))),
  'ssh-16k-line': async () => recogniseSshIdent(Buffer.from(`SSH-2.0-${'x'.repeat(16_384 - 8)}`)),
};

/** A client that answers `path` with `body` and every other path with an empty 404. */
function answering(path: string, body: Buffer): HttpClient {
  return {
    requestsSent: 0,
    close: async () => {},
    destroy: async () => {},
    request: async (o) => ({
      ok: true,
      exchange: {
        url: `https://shop.test${o.path}`,
        method: 'GET',
        status: o.path.startsWith(path) ? 200 : 404,
        headers: {},
        body: o.path.startsWith(path) ? body : Buffer.alloc(0),
        bodyTruncated: false,
        address: '127.0.0.1',
        at: new Date(0).toISOString(),
        elapsedMs: 1,
      },
    }),
  };
}

const one = process.argv[2];
if (one && one in CASES) {
  const t = performance.now();
  await CASES[one]!();
  process.stdout.write(String(performance.now() - t));
} else {
  const timeoutS = Number(one ?? 60);
  for (const name of Object.keys(CASES)) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), name], { timeout: timeoutS * 1000, encoding: 'utf8' });
    const took = r.error || r.signal ? `>${timeoutS} s (killed)` : r.status === 0 ? `${Number(r.stdout).toFixed(1)} ms` : `failed: ${r.stderr.slice(0, 200)}`;
    console.log(`${name.padEnd(28)} ${took}`);
  }
}
