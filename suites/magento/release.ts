import { KNOWN_VULNERABILITIES, RELEASE_LINES, type KnownVulnerability, type ReleaseLine } from '../../catalogue/magento-releases.js';
import { inRange, type MagentoVersion } from '../../probes/web/magento-version.js';

/** What the release tables say about one disclosed version (MAG-02). */
export type ReleaseAssessment =
  | { readonly kind: 'release'; readonly line?: ReleaseLine; readonly endOfLife: boolean; readonly vulnerabilities: readonly KnownVulnerability[] }
  /** Only major.minor known: end of life only when every line of it is. */
  | { readonly kind: 'line'; readonly lines: readonly ReleaseLine[]; readonly endOfLife: boolean; readonly lastEnd?: string };

const ended = (l: ReleaseLine, now: Date) => now.getTime() > Date.parse(`${l.endOfSupport}T23:59:59.999Z`);

export function assessVersion(v: MagentoVersion, now: Date): ReleaseAssessment {
  if (v.kind === 'line') {
    const prefix = `${v.major}.${v.minor}`;
    const lines = RELEASE_LINES.filter((l) => l.line === prefix || l.line.startsWith(`${prefix}.`));
    const lastEnd = lines.map((l) => l.endOfSupport).sort().at(-1);
    return { kind: 'line', lines, endOfLife: lines.length > 0 && lines.every((l) => ended(l, now)), ...(lastEnd ? { lastEnd } : {}) };
  }
  const line = RELEASE_LINES.find((l) => l.line === `${v.major}.${v.minor}.${v.patch}`) ?? RELEASE_LINES.find((l) => l.line === `${v.major}.${v.minor}`);
  // A CVE is only ever matched on an exact release, never on major.minor.
  const vulnerabilities = KNOWN_VULNERABILITIES.filter((k) => k.affected.some(([from, to]) => inRange(v, from, to)));
  return { kind: 'release', ...(line ? { line } : {}), endOfLife: line ? ended(line, now) : false, vulnerabilities };
}
