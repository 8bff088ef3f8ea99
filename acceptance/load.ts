import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import type { CustomCheckSpec } from '../catalogue/checks.js';
import { importEsm } from '../core/esm-import.js';
import type { CustomChecks } from '../core/plan.js';
import { declaredBy } from './declaring.js';

/** Why a team's check files cannot run: one line per problem, each naming its file; the CLI exits 2 before any traffic. */
export class CustomChecksError extends Error {
  override name = 'CustomChecksError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

const CHECK_FILE = /\.(?:[cm]?ts|[cm]?js)$/;

/**
 * `--checks PATTERN…`: the files the patterns match (globs, relative to `cwd`), each imported in
 * declare mode to learn the checks it declares. Refuses a pattern that matches nothing, a file that
 * does not load or declares no check, a malformed or catalogue ID (check() names it), and an ID
 * declared twice, naming both places.
 */
export async function loadCustomChecks(patterns: readonly string[], cwd = process.cwd()): Promise<CustomChecks> {
  // A team writes TypeScript, and the CLI runs as a plain-JS bundle (bin/mageprobe.js): tsx loads their
  // files from here on. Not tsImport: its namespaced copies of vitest would not be the ones the scan uses.
  if (patterns.length) await registerTypeScript();
  const problems: string[] = [];
  const files: string[] = [];
  for (const pattern of patterns) {
    const found = (await glob(pattern, { cwd, absolute: true, onlyFiles: true, expandDirectories: false })).sort();
    const usable = found.filter((f) => CHECK_FILE.test(f));
    if (!usable.length) problems.push(`--checks ${pattern}: matches no ${found.length ? 'TypeScript or JavaScript ' : ''}file`);
    for (const f of usable) if (!files.includes(resolve(f))) files.push(resolve(f));
  }
  const show = (f: string) => (relative(cwd, f).startsWith('..') ? f : relative(cwd, f));
  const where = new Map<string, { file: string; spec: CustomCheckSpec }>();
  const checks: CustomCheckSpec[] = [];
  for (const file of files) {
    let declared: CustomCheckSpec[];
    try {
      declared = await declaredBy(() => importEsm(pathToFileURL(file).href));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      problems.push(`${show(file)}: ${e instanceof Error && e.name === 'CustomCheckError' ? message : `cannot be loaded: ${message.split('\n')[0]}`}`);
      continue;
    }
    if (!declared.length) problems.push(`${show(file)}: declares no check() (call check() at the top level of the file)`);
    for (const spec of declared) {
      const first = where.get(spec.id);
      if (first) {
        problems.push(`${spec.id} is declared twice: "${first.spec.title}" in ${show(first.file)} and "${spec.title}" in ${show(file)}`);
        continue;
      }
      where.set(spec.id, { file, spec });
      checks.push(spec);
    }
  }
  if (problems.length) throw new CustomChecksError(problems);
  // Reports list a team's checks by ID, as the catalogue's are.
  return { files, checks: checks.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })) };
}

let registered: Promise<void> | undefined;
/** tsx by import(): the CLI bundle is CommonJS, and tsx's CommonJS register() cannot find its ESM hooks. */
function registerTypeScript(): Promise<void> {
  registered ??= importEsm<typeof import('tsx/esm/api')>('tsx/esm/api').then(({ register }) => {
    register();
  });
  return registered;
}
