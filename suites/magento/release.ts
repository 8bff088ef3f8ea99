import { KNOWN_VULNERABILITIES, type KnownVulnerability, RELEASE_LINES, type ReleaseLine } from '../../catalogue/magento-releases.js';
import type { MagentoEdition } from '../../core/target.js';
import { compareReleases, inRange, type MagentoVersion } from '../../probes/web/magento-version.js';

/** What the release tables say about one version (MAG-02). */
export type ReleaseAssessment =
  | {
      readonly kind: 'release';
      readonly line?: ReleaseLine;
      readonly endOfLife: boolean;
      /** The last day of security fixes that applies to this edition. */
      readonly supportedUntil?: string;
      readonly vulnerabilities: readonly KnownVulnerability[];
    }
  /** Only major.minor known: end of life only when every line of it is. */
  | { readonly kind: 'line'; readonly lines: readonly ReleaseLine[]; readonly endOfLife: boolean; readonly lastEnd?: string };

/** Open Source (and an unknown edition, judged strictly) gets fixes until standard support ends. */
export function securityUntil(l: ReleaseLine, edition?: MagentoEdition): string {
  return edition === 'adobe-commerce' ? (l.commerceSecurityUntil ?? l.endOfSupport) : l.endOfSupport;
}

const ended = (day: string, now: Date) => now.getTime() > Date.parse(`${day}T23:59:59.999Z`);

export function assessVersion(v: MagentoVersion, now: Date, edition?: MagentoEdition): ReleaseAssessment {
  if (v.kind === 'line') {
    const prefix = `${v.major}.${v.minor}`;
    const lines = RELEASE_LINES.filter((l) => l.line === prefix || l.line.startsWith(`${prefix}.`));
    const lastEnd = lines
      .map((l) => securityUntil(l, edition))
      .sort()
      .at(-1);
    return { kind: 'line', lines, endOfLife: lines.length > 0 && lines.every((l) => ended(securityUntil(l, edition), now)), ...(lastEnd ? { lastEnd } : {}) };
  }
  const line = RELEASE_LINES.find((l) => l.line === `${v.major}.${v.minor}.${v.patch}`) ?? RELEASE_LINES.find((l) => l.line === `${v.major}.${v.minor}`);
  // A CVE is only ever matched on an exact release, never on major.minor.
  const vulnerabilities = KNOWN_VULNERABILITIES.filter((k) => k.affected.some(([from, to]) => inRange(v, from, to)));
  const until = line ? securityUntil(line, edition) : undefined;
  return {
    kind: 'release',
    ...(line ? { line } : {}),
    endOfLife: until ? ended(until, now) : false,
    ...(until ? { supportedUntil: until } : {}),
    vulnerabilities,
  };
}

/**
 * Whether an observed version can be the declared release. Only major.minor observed (a composer
 * constraint, /magento_version) is consistent with every release of that line: 2.4 and 2.4.7-p3
 * agree; an exact release must be the declared one.
 */
export function consistentWith(declared: Extract<MagentoVersion, { kind: 'release' }>, observed: MagentoVersion): boolean {
  if (observed.kind === 'line') return observed.major === declared.major && observed.minor === declared.minor;
  return compareReleases(declared, observed) === 0;
}

/** "community"/"enterprise" from composer, "Community"/"Enterprise" from /magento_version. */
export function editionFromDisclosure(text: string | undefined): MagentoEdition | undefined {
  if (!text) return undefined;
  if (/^(enterprise|commerce|b2b)/i.test(text.trim())) return 'adobe-commerce';
  if (/^(community|open ?source)/i.test(text.trim())) return 'open-source';
  return undefined;
}
