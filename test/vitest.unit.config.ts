import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run test:unit`: the tests that need no root, no lab namespaces and no servers beyond an
// in-process loopback socket (judges on recorded facts and header strings, parsers, catalogue
// tables, safe text, shards and merge). Named *.unit.test.ts; `npm test` runs them with the rest.
// No globalSetup: the lab's stale-namespace cleanup needs root.
export default defineConfig({
  // node_modules may belong to another user (a CI cache, a read-only checkout): cache elsewhere, per user.
  cacheDir: join(tmpdir(), `mageprobe-vitest-unit-${process.getuid?.() ?? 'user'}`),
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.unit.test.ts'],
    testTimeout: 60_000,
  },
});
