import { CATALOGUE_PREFIXES, CHECK_ID_SHAPE, CHECKS, CUSTOM_AREA, type CustomCheckSpec, type Severity } from '../catalogue/checks.js';
import { SEVERITIES } from '../core/scan-diff.js';

/** What a team writes as the first argument of check(). */
export interface CheckDeclaration {
  /** Its own stable ID: CHECK_ID_SHAPE (ACME-01), with a prefix that is not the catalogue's. */
  readonly id: string;
  /** Becomes the JUnit test-case name `<ID> <title>`. */
  readonly title: string;
  readonly severity: Severity;
  /** The requirement it comes from ("PSP security guide §4"); default "team acceptance check". */
  readonly source?: string;
  /** Shown under a failure, as the catalogue's "Why it matters". */
  readonly why?: string;
  /** Shown under a failure, as the catalogue's "Fix". */
  readonly fix?: string;
}

/** A check() declaration that cannot be: named in one line, before any traffic (the CLI exits 2). */
export class CustomCheckError extends Error {
  override name = 'CustomCheckError';
}

const DEFAULT_SOURCE = 'team acceptance check';

/** The spec a declaration makes, or a CustomCheckError saying what is wrong with it. */
export function customSpec(d: CheckDeclaration): CustomCheckSpec {
  const id = typeof d?.id === 'string' ? d.id : '';
  const problems = declarationProblems(d, id);
  const title = typeof d?.title === 'string' && d.title.trim() ? ` "${d.title.trim()}"` : '';
  if (problems.length) throw new CustomCheckError(`check ${id || JSON.stringify(d?.id)}${title}: ${problems.join('; ')}`);
  return {
    id,
    title: d.title.trim(),
    area: CUSTOM_AREA,
    severity: d.severity,
    source: d.source?.trim() || DEFAULT_SOURCE,
    ...(d.why?.trim() ? { why: d.why.trim() } : {}),
    ...(d.fix?.trim() ? { fix: d.fix.trim() } : {}),
  };
}

function declarationProblems(d: CheckDeclaration, id: string): string[] {
  const problems: string[] = [];
  const taken = CHECKS.find((c) => c.id === id);
  if (taken) problems.push(`collides with the catalogue's ${taken.id} "${taken.title}"; give your check its own prefix (e.g. ACME-01)`);
  else if (!CHECK_ID_SHAPE.test(id)) problems.push('an ID is 2–10 capitals or digits starting with a letter, a dash and 2–3 digits (e.g. ACME-01)');
  else if (CATALOGUE_PREFIXES.includes(id.split('-')[0]!)) problems.push(`prefix ${id.split('-')[0]} belongs to the catalogue (${CATALOGUE_PREFIXES.join(', ')}); give your check its own prefix (e.g. ACME-01)`);
  if (typeof d.title !== 'string' || !d.title.trim()) problems.push('a title is required');
  if (!(SEVERITIES as readonly unknown[]).includes(d.severity)) problems.push(`severity must be one of ${SEVERITIES.join(', ')}`);
  for (const key of ['source', 'why', 'fix'] as const) {
    if (d[key] !== undefined && typeof d[key] !== 'string') problems.push(`${key} must be text`);
  }
  return problems;
}
