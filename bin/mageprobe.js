#!/usr/bin/env node
// Runs the TypeScript CLI straight after `npm ci`, with no build step. esbuild bundles our own
// sources (packages stay external) into one plain-JS file cached under node_modules/.cache, keyed
// by the sources' sizes and mtimes, and Node runs that. A loader hook (tsx) would instead sit in
// front of every module the CLI loads, vitest's and vite's included: seconds of start-up per run.
// Where the cache cannot be written, tsx runs the sources as before.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
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
  const file = join(dir, `cli-${stamp.digest('hex').slice(0, 20)}.mjs`);
  if (existsSync(file)) return file;
  const esbuild = await import('esbuild');
  try {
    const out = await esbuild.build({
      entryPoints: [join(ROOT, 'cli/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
      plugins: [ownImportMetaUrl],
    });
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, out.outputFiles[0].contents);
    renameSync(tmp, file);
    // Bundles of sources as they were before: nothing runs them any more.
    for (const old of readdirSync(dir)) if (old.startsWith('cli-') && join(dir, old) !== file) rmSync(join(dir, old), { force: true });
  } finally {
    await esbuild.stop?.();
  }
  return file;
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
