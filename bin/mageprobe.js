#!/usr/bin/env node
// Runs the TypeScript CLI straight after `npm ci`, with no build step. esbuild bundles our own
// sources (packages stay external) into plain JS cached under node_modules/.cache, keyed by the
// sources' sizes and mtimes, and Node runs that. The bundle is split at each import() (a command's
// modules, an area's checks): ESM imports of external packages are static, so in one file every
// package any command uses (vitest, playwright, undici…) would load for every command. A loader hook (tsx) would instead sit in
// front of every module the CLI loads, vitest's and vite's included: seconds of start-up per run.
// Where the cache cannot be written, tsx runs the sources as before.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** An older bundle nobody can still be running: removed when a new one is built. */
const STALE_MS = 60 * 60_000;
const SOURCES = ['cli', 'core', 'catalogue', 'probes', 'reporters', 'suites', 'demo', 'acceptance'];

/** Each module keeps its own import.meta.url (paths to package.json, to the suites) inside the bundle. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

const bundle = await bundledCli().catch((e) => (process.env.MAGEPROBE_DEBUG_START ? console.error(e) : undefined));
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}

async function bundledCli() {
  const stamp = createHash('sha256');
  for (const file of sourceFiles()) {
    const s = statSync(file);
    stamp.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
  }
  const dir = join(ROOT, 'node_modules', '.cache', 'mageprobe');
  const name = `cli-${stamp.digest('hex').slice(0, 20)}`;
  const entry = join(dir, name, 'main.mjs');
  if (existsSync(entry)) return entry;
  const esbuild = await import('esbuild');
  try {
    const tmp = join(dir, `${name}.${process.pid}.tmp`);
    await esbuild.build({
      entryPoints: { main: join(ROOT, 'cli/main.ts') },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      logLevel: 'silent',
      plugins: [ownImportMetaUrl],
    });
    // Renamed whole: a run never sees half a bundle; another run that got there first wins.
    try {
      renameSync(tmp, join(dir, name));
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
    // Bundles of sources as they were before. A run loads its chunks as it goes, so one that may
    // still be running (started within the hour) keeps its bundle.
    for (const old of readdirSync(dir)) {
      const path = join(dir, old);
      if (old.startsWith('cli-') && old !== name && Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    }
  } finally {
    await esbuild.stop?.();
  }
  return entry;
}

function sourceFiles() {
  const files = [join(ROOT, 'package.json')];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) files.push(p);
    }
  };
  for (const d of SOURCES) walk(join(ROOT, d));
  return files.sort();
}
