/**
 * import() of an ES module from outside our sources: vitest, playwright, tsx, a team's check file.
 * The CLI runs as one script compiled with a V8 code cache (bin/mageprobe.js), and in such a script
 * Node 20 refuses import() once the cache is used ("A dynamic import callback was not specified"),
 * so the launcher lends its own import(). Elsewhere (tsx, vitest) this is plain import().
 */
export function importEsm<T>(specifier: string): Promise<T> {
  const lent = (globalThis as Lender)[LENT_IMPORT];
  return (lent ? lent(specifier) : import(specifier)) as Promise<T>;
}

/** Where bin/mageprobe.js puts its import() (a registry symbol: the launcher is plain JS). */
const LENT_IMPORT = Symbol.for('mageprobe.import');
type Lender = { [LENT_IMPORT]?: (specifier: string) => Promise<unknown> };
