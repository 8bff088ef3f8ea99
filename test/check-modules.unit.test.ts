import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AREAS, CHECKS } from '../catalogue/checks.js';
import type { AreaChecks, Check } from '../core/check.js';

// One naming convention for check modules (issue 10 part 7): every catalogue check outside the
// internal area lives in exactly one module suites/<area>/<id-lower>-<slug>.ts that exports it
// and nothing else that is a check; the area's checks.ts only lists them; shared helpers keep
// descriptive names and export no check.
const SUITES = new URL('../suites/', import.meta.url);
const CHECK_FILE = /^([a-z]+-\d+)-[a-z0-9]+(?:-[a-z0-9]+)*\.ts$/;

type Exports = Readonly<Record<string, unknown>>;

const isCheck = (v: unknown): v is Check =>
  typeof v === 'object' && v !== null && typeof (v as Check).id === 'string' && typeof (v as Check).run === 'function';

const checksIn = (exports: Exports): Check[] => Object.values(exports).filter(isCheck);

/** What breaks the convention in one area, given its catalogue IDs, its checks.ts list and its modules' exports. */
function namingProblems(area: string, ids: readonly string[], listed: readonly Check[], modules: Readonly<Record<string, Exports>>): string[] {
  const problems: string[] = [];
  const listedIds = listed.map((c) => c.id).sort();
  if (JSON.stringify(listedIds) !== JSON.stringify([...ids].sort()))
    problems.push(`${area}/checks.ts lists ${listedIds.join(', ')}, the catalogue ${[...ids].sort().join(', ')}`);
  for (const [file, exports] of Object.entries(modules)) {
    const prefix = CHECK_FILE.exec(file)?.[1];
    const checks = checksIn(exports);
    if (file === 'checks.ts') continue;
    if (!prefix) {
      if (checks.length) problems.push(`${area}/${file} exports ${checks.map((c) => c.id).join(', ')} but is not named <id>-<slug>.ts`);
    } else if (!ids.some((id) => id.toLowerCase() === prefix)) {
      problems.push(`${area}/${file} is named for ${prefix.toUpperCase()}, which is not a ${area} check of the catalogue`);
    } else if (checks.length !== 1 || checks[0]!.id.toLowerCase() !== prefix) {
      problems.push(`${area}/${file} must export exactly one check, ${prefix.toUpperCase()} (exports: ${checks.map((c) => c.id).join(', ') || 'none'})`);
    }
  }
  for (const id of ids) {
    const files = Object.keys(modules).filter((f) => CHECK_FILE.exec(f)?.[1] === id.toLowerCase());
    if (files.length !== 1) {
      problems.push(`${id}: ${files.length} modules named ${area}/${id.toLowerCase()}-*.ts (${files.join(', ') || 'none'})`);
      continue;
    }
    const exported = checksIn(modules[files[0]!]!).find((c) => c.id === id);
    const inList = listed.find((c) => c.id === id);
    if (exported && inList && exported !== inList) problems.push(`${id}: ${area}/checks.ts lists another object than ${files[0]} exports`);
  }
  return problems;
}

async function areaModules(area: string): Promise<{ listed: readonly Check[]; modules: Record<string, Exports> }> {
  const files = readdirSync(new URL(`${area}/`, SUITES)).filter((f) => f.endsWith('.ts'));
  const modules: Record<string, Exports> = {};
  for (const f of files) modules[f] = (await import(new URL(`${area}/${f}`, SUITES).href)) as Exports;
  const list = Object.values(modules['checks.ts'] ?? {}).find((v): v is AreaChecks => typeof v === 'object' && v !== null && (v as AreaChecks).area === area);
  return { listed: list?.checks ?? [], modules };
}

const JUDGED_AREAS = AREAS.filter((a) => a !== 'internal');

describe('check modules are named <id-lower>-<slug>.ts, one check each', () => {
  it.each(JUDGED_AREAS)('suites/%s', async (area) => {
    const { listed, modules } = await areaModules(area);
    const ids = CHECKS.filter((c) => c.area === area).map((c) => c.id);
    expect(listed.length).toBeGreaterThan(0);
    expect(namingProblems(area, ids, listed, modules)).toEqual([]);
  });

  const check = (id: string): Check => ({ id, run: async () => ({ outcome: 'not-applicable', message: '', evidence: [] }) });
  const hdr01 = check('HDR-01');
  const hdr02 = check('HDR-02');

  it('accepts a conforming area', () => {
    const modules = {
      'checks.ts': {},
      'hdr-01-frame-options.ts': { hdr01 },
      'hdr-02-nosniff.ts': { hdr02, helper: () => 1 },
      'facts.ts': { homePage: () => 1 },
    };
    expect(namingProblems('headers', ['HDR-01', 'HDR-02'], [hdr01, hdr02], modules)).toEqual([]);
  });

  it.each([
    [
      'a descriptive name',
      { 'frame-options.ts': { hdr01 }, 'hdr-02-nosniff.ts': { hdr02 } },
      /frame-options\.ts exports HDR-01 but is not named|HDR-01: 0 modules/,
    ],
    ['a check inline in checks.ts', { 'checks.ts': { hdr01 }, 'hdr-02-nosniff.ts': { hdr02 } }, /HDR-01: 0 modules named headers\/hdr-01-\*\.ts/],
    ['two modules for one ID', { 'hdr-01-a.ts': { hdr01 }, 'hdr-01-b.ts': {}, 'hdr-02-nosniff.ts': { hdr02 } }, /HDR-01: 2 modules/],
    [
      'two checks in one module',
      { 'hdr-01-framing.ts': { hdr01, hdr02 } },
      /hdr-01-framing\.ts must export exactly one check, HDR-01 \(exports: HDR-01, HDR-02\)/,
    ],
    ['a module named for another area', { 'hdr-01-a.ts': { hdr01 }, 'hdr-02-b.ts': { hdr02 }, 'tls-01-x.ts': {} }, /TLS-01, which is not a headers check/],
  ])('flags %s', (_what, modules, problem) => {
    expect(namingProblems('headers', ['HDR-01', 'HDR-02'], [hdr01, hdr02], modules).join('\n')).toMatch(problem);
  });

  it('flags a checks.ts that lists another set than the catalogue, or another object than the module', () => {
    const copy = check('HDR-02');
    const problems = namingProblems('headers', ['HDR-01', 'HDR-02'], [hdr01, copy], { 'hdr-01-a.ts': { hdr01 }, 'hdr-02-b.ts': { hdr02 } });
    expect(problems).toEqual(['HDR-02: headers/checks.ts lists another object than hdr-02-b.ts exports']);
    expect(namingProblems('headers', ['HDR-01', 'HDR-02'], [hdr01], { 'hdr-01-a.ts': { hdr01 }, 'hdr-02-b.ts': { hdr02 } })[0]).toMatch(
      /lists HDR-01, the catalogue HDR-01, HDR-02/,
    );
  });
});
