#!/usr/bin/env node
// Runs the TypeScript CLI straight after `npm ci`, with no build step. esbuild bundles our sources
// and the npm packages a scan uses into ONE CommonJS file under node_modules/.cache, keyed by the
// sizes and mtimes of the sources and of this file, and Node runs it with a V8 code cache: a scan is
// CPU-bound on one thread, and compiling its code cost ~450 ms of 1.4 s, spread through the scan.
// - CommonJS: Node 20 has a code cache for scripts (vm.Script), none for ES modules.
// - One file with the packages in: a scan loads them all (undici, zod, yaml, ssh2, cheerio…), and
//   required from node_modules (~700 files) they cost ~0.5 s more CPU. Left out: vitest, vite and
//   playwright (ESM only, imported through core/esm-import.ts when used), esbuild and tsx.
// - The cache is taken at exit, so it holds every function the run compiled: one per command (a
//   scan's is not `checks`'), written after a run that went to its end, again if V8 rejects it.
// - Not minified: no measurable gain, and stack traces keep their names, the bundle its `// path.ts` lines.
// Lab host, full scan (load ~4.5 on 2 cores, interleaved runs): 1.97 → 1.59 s CPU, 2.04 → 1.71 s
// wall, the scan phase 1.42 → 1.08 s; `checks`, which now reads the whole bundle, 0.19 → 0.26 s CPU.
// Where the bundle cannot be written, tsx runs the sources as before; where only the code cache
// cannot be, the bundle runs without it.
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { isMainThread, workerData } from 'node:worker_threads';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** An older bundle nobody can still be running: removed when a new one is built. */
const STALE_MS = 60 * 60_000;
const SOURCES = ['cli', 'core', 'catalogue', 'probes', 'reporters', 'suites', 'demo', 'acceptance'];
/** Loaded from node_modules if ever: ESM-only packages (import()), and tools a scan never runs. */
const EXTERNAL = ['playwright-core', 'vitest', 'vitest/*', 'vite', 'esbuild', 'tsx', 'tsx/*'];
/** Exit codes of a run that went to its end (no failure, a failure, inconclusive): its code is worth caching. */
const COMPLETE = new Set([0, 1, 3]);

/**
 * Each module keeps its own import.meta.url (paths to package.json, to the suites; fdir's
 * createRequire) inside the bundle: CommonJS has no import.meta, esbuild would leave it empty.
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('ts') ? 'ts' : 'js' };
    });
  },
};

/** A native addon (ssh2's sshcrypto.node, required in a try, relative to its own file) stays where npm built it. */
const nativeAddonsInPlace = {
  name: 'native-addons-in-place',
  setup(build) {
    build.onResolve({ filter: /\.node$/ }, (args) => ({ path: join(args.resolveDir, args.path), external: true }));
  },
};

/**
 * Two packages whose entry points load far more than a scan calls, each narrowed to what we import
 * (the same functions): at start-up their entries cost the scan's busy main thread ~150 ms of module
 * initialisation, and the bundle ~1 MB. An import that is not there fails the build (ESM exports).
 * - cheerio: `load` is load-parse.js's; the entry adds fromURL and stream loaders, which bring all
 *   of undici, encoding-sniffer and iconv-lite.
 * - undici: Agent with its request API, as the entry assembles them; the entry also loads fetch,
 *   WebSocket, EventSource, proxies, mocks and caches.
 */
const NARROWED = {
  // Not among cheerio's exports: its file, found where Node finds cheerio (a hoisted install too).
  cheerio: () => `export { load } from ${JSON.stringify(join(dirname(createRequire(import.meta.url).resolve('cheerio')), '../esm/load-parse.js'))};`,
  undici: () =>
    [
      "import Agent from 'undici/lib/dispatcher/agent.js';",
      "import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';",
      "import api from 'undici/lib/api/index.js';",
      'Object.assign(Dispatcher.prototype, api);',
      'export { Agent, Dispatcher };',
    ].join('\n'),
};
const narrowEntries = {
  name: 'narrow-entries',
  setup(build) {
    build.onResolve({ filter: /^(cheerio|undici)$/ }, (args) => ({ path: args.path, namespace: 'narrowed' }));
    build.onLoad({ filter: /.*/, namespace: 'narrowed' }, (args) => ({ contents: NARROWED[args.path](), resolveDir: ROOT, loader: 'js' }));
  },
};

/**
 * The bundle this thread runs: the CLI's, or for a scan's second thread (cli/area-thread.ts) one of
 * its own, holding only the network areas: a third of the code to read and deserialise where that
 * thread's start is on the scan's critical path. A thread has its own modules either way.
 */
// workerData's key: AREA_WORKER_DATA in cli/area-worker-data.ts.
const ENTRY = !isMainThread && workerData?.mageprobeAreaWorker ? 'areas' : 'main';

/** Why a bundle may not be built where a run is still right to go on quietly: a read-only install, or one without esbuild. */
const QUIET_NO_BUNDLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ERR_MODULE_NOT_FOUND']);
// Anything else (the build's own checks below, an esbuild error) is a bug of ours: said, and the sources run.
const bundle = await bundledCli().catch((e) => {
  if (process.env.MAGEPROBE_DEBUG_START || !QUIET_NO_BUNDLE.has(e?.code)) console.error('mageprobe: no bundle built, running the sources (slower):', e);
});
if (bundle) {
  run(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}

/** Runs the bundle as Node would run a CommonJS module, compiled from (and for next time, into) the command's code cache. */
function run(file) {
  const source = readFileSync(file, 'latin1');
  const cacheFile = join(dirname(file), `${commandOf(process.argv.slice(2))}.${process.version}-${process.arch}.v8cache`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  // No import() in the script: Node 20 loses it once the script comes from a code cache. The bundle
  // imports ES modules through this one (core/esm-import.ts).
  globalThis[Symbol.for('mageprobe.import')] = (specifier) => import(specifier);
  const script = new vm.Script(source, { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) process.once('exit', (code) => COMPLETE.has(code) && saveCodeCache(script, cacheFile));
  const module = new Module(file);
  module.filename = file;
  module.paths = Module._nodeModulePaths(dirname(file));
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
}

/** Written whole (tmp + rename) or not at all: a read-only node_modules just runs uncached. */
function saveCodeCache(script, file) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    accessSync(dirname(file), constants.W_OK);
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** The cache a run uses: its command's (a scan of a few checks compiles too little to serve a full one). */
function commandOf(args) {
  const command = args.find((a) => !a.startsWith('-')) ?? '';
  return `${/^[a-z]{1,20}$/.test(command) ? command : 'other'}${args.some((a) => a.startsWith('--only')) ? '-only' : ''}`;
}

async function bundledCli() {
  const stamp = createHash('sha256');
  for (const file of sourceFiles()) {
    const s = statSync(file, { throwIfNoEntry: false });
    stamp.update(`${file}\0${s?.size}\0${s?.mtimeMs}\n`);
  }
  const dir = join(ROOT, 'node_modules', '.cache', 'mageprobe');
  const name = `cli-${stamp.digest('hex').slice(0, 20)}`;
  const entry = join(dir, name, `${ENTRY}.cjs`);
  if (existsSync(entry)) return entry;
  // Read-only (a shared or packaged install): tsx at once, not a whole build that cannot be kept.
  mkdirSync(dir, { recursive: true });
  accessSync(dir, constants.W_OK);
  const esbuild = await import('esbuild');
  const tmp = join(dir, `${name}.${process.pid}.tmp`);
  try {
    await build(esbuild, tmp).catch((e) => {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    });
    // Renamed whole: a run never sees half a bundle; another run that got there first wins.
    try {
      renameSync(tmp, join(dir, name));
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
    // Bundles of sources as they were before, with their code caches. One that may still be running
    // (started within the hour) keeps its bundle.
    for (const old of readdirSync(dir)) {
      const path = join(dir, old);
      if (old.startsWith('cli-') && old !== name && Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    }
  } finally {
    await esbuild.stop?.();
  }
  return entry;
}

async function build(esbuild, outdir) {
  const { warnings, metafile } = await esbuild.build({
    entryPoints: { main: join(ROOT, 'cli/main.ts'), areas: join(ROOT, 'cli/area-worker.ts') },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // esbuild escapes every string but a template literal's text: lowered, they are strings too.
    supported: { 'template-literal': false },
    external: EXTERNAL,
    outdir,
    outExtension: { '.js': '.cjs' },
    logLevel: 'silent',
    metafile: true,
    plugins: [ownImportMetaUrl, nativeAddonsInPlace, narrowEntries],
  });
  // Either would fail at run time (an empty import.meta; import() in the script): no bundle instead.
  const emptied = warnings.filter((w) => w.id === 'empty-import-meta').map((w) => w.location?.file);
  const imports = Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import' && i.external).map((i) => i.path));
  if (emptied.length || imports.length)
    throw new Error(`import.meta in ${emptied.join(', ') || '-'}; import() of ${imports.join(', ') || '-'} (see core/esm-import.ts)`);
  for (const name of ['main', 'areas']) asAsciiFunction(join(outdir, `${name}.cjs`));
}

/**
 * The bundle as the function Node would wrap a CommonJS module in, in ASCII: read as latin1 and
 * compiled as it is, with no copy of 4.7 MB to decode or wrap. What is left outside ASCII is in
 * comments (the packages' and ours): escaped. \u escapes mean the same anywhere but after a
 * backslash, where none is expected: no bundle then.
 */
function asAsciiFunction(file) {
  const text = readFileSync(file, 'utf8').replace(/(\\?)([^\x00-\x7f])/g, (all, backslash, c) =>
    backslash ? all : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (/[^\x00-\x7f]/.test(text)) throw new Error(`${file}: not ASCII`);
  writeFileSync(file, Module.wrap(text), 'latin1');
}

/**
 * The launcher, the CLI's sources, the TypeScript settings esbuild reads and the installed packages
 * (npm rewrites node_modules/.package-lock.json on every install: an `npm update` that changes
 * only an indirect dependency must not leave its old code in the bundle): a change makes a new bundle.
 */
function sourceFiles() {
  const files = [join(ROOT, 'package.json'), join(ROOT, 'tsconfig.json'), join(ROOT, 'node_modules', '.package-lock.json'), fileURLToPath(import.meta.url)];
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
