import { describe, expect, it } from 'vitest';
import { KNOWN_VULNERABILITIES, RELEASE_LINES, RELEASE_TABLE_MAX_AGE_DAYS, RELEASE_TABLE_REVIEWED } from '../../catalogue/magento-releases.js';
import { evidence } from '../../core/evidence.js';
import { isProgrammingError } from '../../core/internal-error.js';
import { makeTarget, parseTargets, TargetsFileError } from '../../core/targets.js';
import type { VersionProbe } from '../../probes/web/magento.js';
import { compareReleases, inRange, parseMagentoVersion, release } from '../../probes/web/magento-version.js';
import { judgeRelease } from '../../suites/magento/mag-02-release.js';
import { assessVersion, consistentWith, editionFromDisclosure } from '../../suites/magento/release.js';
import { releaseTableWarnings } from '../../suites/magento/release-table-age.js';

const at = new Date('2026-11-30T12:00:00Z');
const ids = (a: ReturnType<typeof assessVersion>) => (a.kind === 'release' ? a.vulnerabilities.map((v) => v.id) : []);

describe('release table (catalogue/magento-releases.ts)', () => {
  it('cites a source for every line and vulnerability, and every range parses', () => {
    for (const l of RELEASE_LINES) {
      expect(l.source).toMatch(/^https:\/\//);
      expect(release(l.latest).text).toBe(l.latest);
      expect(l.latest === l.line || /^[.-]/.test(l.latest.slice(l.line.length)), l.latest).toBe(l.latest.startsWith(l.line));
    }
    for (const k of KNOWN_VULNERABILITIES) {
      expect(k.sources.length, k.id).toBeGreaterThan(0);
      expect(k.sources.some((s) => s.includes(k.advisory.toLowerCase()))).toBe(true);
      for (const [from, to] of k.affected) expect(compareReleases(release(from), release(to)), `${k.id} ${from}..${to}`).toBeLessThanOrEqual(0);
    }
  });

  it('never lists a fixed release inside its own vulnerability range', () => {
    for (const k of KNOWN_VULNERABILITIES) {
      for (const fixed of k.fixedIn)
        expect(
          k.affected.some(([f, t]) => inRange(release(fixed), f, t)),
          `${k.id} ${fixed}`,
        ).toBe(false);
    }
  });

  it('marks the newest release of every supported line clean of the known critical vulnerabilities', () => {
    for (const l of RELEASE_LINES.filter((x) => x.line >= '2.4.4')) expect(ids(assessVersion(release(l.latest), at)), l.latest).toEqual([]);
  });

  it('records its review date as a real day', () => {
    expect(Number.isNaN(Date.parse(`${RELEASE_TABLE_REVIEWED}T00:00:00Z`))).toBe(false);
    expect(RELEASE_TABLE_MAX_AGE_DAYS).toBe(120);
  });
});

describe('assessVersion', () => {
  it('matches the critical vulnerabilities by exact release, at both ends of each range', () => {
    expect(ids(assessVersion(release('2.4.7-p3'), at))).toEqual(['CVE-2025-24434', 'CVE-2025-54236']);
    expect(ids(assessVersion(release('2.4.7-p7'), at))).toEqual(['CVE-2025-54236']);
    expect(ids(assessVersion(release('2.4.7-p8'), at))).toEqual([]);
    expect(ids(assessVersion(release('2.4.8-p2'), at))).toEqual(['CVE-2025-54236']);
    expect(ids(assessVersion(release('2.4.7'), at))).toContain('CVE-2024-34102');
    expect(ids(assessVersion(release('2.4.7-p1'), at))).not.toContain('CVE-2024-34102');
  });

  it('ends support on the last day of the line, and later for Adobe Commerce where Adobe extends it', () => {
    expect(assessVersion(release('2.4.8-p5'), new Date('2028-05-31T23:00:00Z'))).toMatchObject({ endOfLife: false, supportedUntil: '2028-05-31' });
    expect(assessVersion(release('2.4.8-p5'), new Date('2028-06-01T00:00:01Z'))).toMatchObject({ endOfLife: true });
    // 2.4.6: standard support ended 2026-08-11; Adobe Commerce's security-only period runs to 2028-05-31.
    expect(assessVersion(release('2.4.6-p15'), at, 'open-source')).toMatchObject({ endOfLife: true, supportedUntil: '2026-08-11' });
    expect(assessVersion(release('2.4.6-p15'), at)).toMatchObject({ endOfLife: true, supportedUntil: '2026-08-11' });
    expect(assessVersion(release('2.4.6-p15'), at, 'adobe-commerce')).toMatchObject({ endOfLife: false, supportedUntil: '2028-05-31' });
  });

  it('with major.minor only: end of life when every line is, otherwise undecided', () => {
    expect(assessVersion(parseMagentoVersion('2.3')!, at)).toMatchObject({ kind: 'line', endOfLife: true, lastEnd: '2022-09-08' });
    expect(assessVersion(parseMagentoVersion('2.4')!, at)).toMatchObject({ kind: 'line', endOfLife: false, lastEnd: '2029-05-31' });
  });
});

describe('declared and observed versions', () => {
  it('treats a major.minor sighting as consistent with any release of that line, an exact one only with itself', () => {
    const declared = release('2.4.7-p3');
    expect(consistentWith(declared, parseMagentoVersion('2.4')!)).toBe(true);
    expect(consistentWith(declared, parseMagentoVersion('2.3')!)).toBe(false);
    expect(consistentWith(declared, release('2.4.7-p3'))).toBe(true);
    expect(consistentWith(declared, release('2.4.7'))).toBe(false);
    expect(consistentWith(declared, release('2.4.8-p3'))).toBe(false);
  });

  it('reads the edition from composer and /magento_version', () => {
    expect(editionFromDisclosure('community')).toBe('open-source');
    expect(editionFromDisclosure('Enterprise')).toBe('adobe-commerce');
    expect(editionFromDisclosure(undefined)).toBeUndefined();
  });

  const unreadable: VersionProbe = {
    disclosures: [],
    tried: [{ path: '/composer.json', result: 'timeout' }],
    problems: [
      {
        ok: false,
        url: 'https://shop/composer.json',
        reason: 'GET https://shop/composer.json: no answer (timeout: 5000 ms)',
        evidence: evidence('GET https://shop/composer.json: timeout', {}),
      },
    ],
  };

  it('is inconclusive, not applicable, when version sources gave no answer and nothing is declared', () => {
    const v = judgeRelease(unreadable, {}, at, {});
    expect(v.outcome).toBe('inconclusive');
    expect(v.message).toContain('no usable answer');
  });

  it('treats a declared version that is no release (validation let it through) as our bug: an internal error, not inconclusive', () => {
    let thrown: unknown;
    try {
      judgeRelease(unreadable, { version: '2.4' }, at, {});
    } catch (e) {
      thrown = e;
    }
    expect(isProgrammingError(thrown)).toBe(true);
  });

  it('with a declaration but unreadable sources: fails a vulnerable release, but will not pass a supported one', () => {
    expect(judgeRelease(unreadable, { version: '2.4.7-p3' }, at, {}).outcome).toBe('fail');
    const v = judgeRelease(unreadable, { version: '2.4.8-p5' }, at, {});
    expect(v.outcome).toBe('inconclusive');
    expect(v.message).toContain('a contradicting disclosure cannot be ruled out');
  });

  it('will not pass an observed supported release while another version source gave no usable answer', () => {
    const seen: VersionProbe = {
      ...unreadable,
      disclosures: [
        {
          url: 'https://shop/magento_version',
          version: parseMagentoVersion('2.4.8-p5')!,
          quote: 'Magento/2.4 (Community)',
          exchange: {
            url: 'https://shop/magento_version',
            method: 'GET',
            status: 200,
            headers: {},
            body: Buffer.from('Magento/2.4.8-p5'),
            bodyTruncated: false,
            address: '127.0.0.1:443',
            at: at.toISOString(),
            elapsedMs: 1,
          },
        },
      ],
    };
    const v = judgeRelease(seen, {}, at, {});
    expect(v.outcome).toBe('inconclusive');
    expect(v.message).toContain('a contradicting disclosure cannot be ruled out');
    expect(judgeRelease({ ...seen, problems: [] }, {}, at, {}).outcome).toBe('pass');
  });

  it('passes a declared Adobe Commerce 2.4.6 in its security-only period, fails the same as Open Source', () => {
    const none: VersionProbe = { disclosures: [], tried: [], problems: [] };
    expect(judgeRelease(none, { version: '2.4.6-p15', edition: 'adobe-commerce' }, at, {}).outcome).toBe('pass');
    const oss = judgeRelease(none, { version: '2.4.6-p15' }, at, {});
    expect(oss.outcome).toBe('fail');
    expect(oss.message).toContain('Adobe Commerce gets fixes until 2028-05-31; declare magento.edition: adobe-commerce');
  });
});

describe('targets file: magento', () => {
  it('takes the version from defaults or the target (the target wins)', () => {
    const [a, b] = parseTargets(
      `defaults:\n  magento: { version: 2.4.8-p5, edition: adobe-commerce }\ntargets:\n  - { name: a, url: 'https://a.example/' }\n  - { name: b, url: 'https://b.example/', magento: { version: 2.4.7-p10 } }\n`,
    );
    expect(a!.magento).toEqual({ version: '2.4.8-p5', edition: 'adobe-commerce' });
    expect(b!.magento).toEqual({ version: '2.4.7-p10', edition: 'adobe-commerce' });
    expect(makeTarget({ name: 'c', url: 'https://c.example/' }).magento).toEqual({});
  });

  it('rejects anything but a Magento 2 release, naming the line', () => {
    for (const bad of ['2.4', '^2.4.7', '2.4.7-beta1', '1.9.4.5', 'latest']) {
      const text = `targets:\n  - name: a\n    url: https://a.example/\n    magento: { version: "${bad}" }\n`;
      expect(() => parseTargets(text, 't.yaml'), bad).toThrow(TargetsFileError);
      try {
        parseTargets(text, 't.yaml');
      } catch (e) {
        expect((e as TargetsFileError).problems[0]).toMatchObject({
          line: 4,
          field: 'targets[0].magento.version',
          message: 'a Magento 2 release such as 2.4.7-p3',
        });
      }
    }
  });
});

describe('release table age warning (injected clock)', () => {
  const reviewed = '2026-03-01';
  it('is silent up to 120 days after the review', () => {
    expect(releaseTableWarnings(new Date('2026-06-29T23:00:00Z'), reviewed)).toEqual([]); // day 120
  });
  it('warns from day 121, naming the review date and the age', () => {
    const [w, ...rest] = releaseTableWarnings(new Date('2026-06-30T00:00:00Z'), reviewed);
    expect(rest).toEqual([]);
    expect(w).toContain('last reviewed on 2026-03-01, 121 days before this scan (more than 120)');
  });
  it("uses the catalogue's own review date by default", () => {
    const day = Date.parse(`${RELEASE_TABLE_REVIEWED}T00:00:00Z`);
    expect(releaseTableWarnings(new Date(day + 120 * 86_400_000))).toEqual([]);
    expect(releaseTableWarnings(new Date(day + 121 * 86_400_000))[0]).toContain(RELEASE_TABLE_REVIEWED);
  });
});
