import assert from 'node:assert/strict';
import type { Check } from '../../core/check.js';
import { type Evidence, evidence } from '../../core/evidence.js';
import type { MagentoEdition, Target } from '../../core/target.js';
import { fail, inconclusive, notApplicable, pass, type Verdict } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import type { VersionDisclosure, VersionProbe } from '../../probes/web/magento.js';
import { type MagentoVersion, parseMagentoVersion } from '../../probes/web/magento-version.js';
import { webClient } from '../../probes/web/session.js';
import { fingerprint, fingerprintFacts, versions } from './magento-facts.js';
import { assessVersion, consistentWith, editionFromDisclosure, type ReleaseAssessment } from './release.js';

type Release = Extract<MagentoVersion, { kind: 'release' }>;

/** Where the judged version came from: the store itself, or the team's deployment record. */
type Judged =
  | { readonly version: Release; readonly from: 'declared' }
  | { readonly version: MagentoVersion; readonly from: 'observed'; readonly seen: VersionDisclosure };

/** MAG-02: the release (disclosed or declared) is supported and outside the known critical vulnerabilities. */
export const mag02: Check = {
  id: 'MAG-02',
  async run(ctx) {
    const [fp, probe, client] = await Promise.all([fingerprint(ctx), versions(ctx), webClient(ctx)]);
    return judgeRelease(probe, ctx.target.magento, new Date(), { requestsSentToTarget: client.requestsSent, ...fingerprintFacts(fp), sources: probe.tried });
  },
};

/**
 * MAG-02 from what the version probe saw and what the targets file declares (`magento.version`).
 * Pure: the scan time is passed in, so the support dates are judged at a known moment.
 */
export function judgeRelease(probe: VersionProbe, declaration: Target['magento'], now: Date, facts: Record<string, unknown>): Verdict {
  const declared = declaration.version ? parseMagentoVersion(declaration.version) : undefined;
  const seen = probe.disclosures;
  const observedFacts = seen.map((d) => ({ url: d.url, version: d.version.text, edition: d.edition ?? null }));
  const base = { ...facts, declaredVersion: declaration.version ?? null, declaredEdition: declaration.edition ?? null, observed: observedFacts };
  const proofs = seen.map((d) => exchangeEvidence(d.exchange, d.quote));

  // Our bug, not the target's: an assertion, so the scan reports an internal error rather than inconclusive.
  if (declared && declared.kind !== 'release') assert.fail(`targets file validation let through magento.version "${declaration.version}"`);
  if (declared) {
    // Judge as the auditor would: the store's own disclosure outranks a record that disagrees with it.
    const conflicts = seen.filter((d) => !consistentWith(declared, d.version));
    if (conflicts.length) {
      const named = conflicts.map((d) => `${d.url} discloses ${d.version.text}`).join('; ');
      const summary = evidence(
        `MAG-02: declared ${declared.text} contradicted by the store`,
        { ...base, versionSource: 'declared and observed, in conflict' },
        conflicts[0]!.exchange.address,
      );
      return fail(
        `Declared Magento ${declared.text} (targets file magento.version) contradicts the store: ${named}; the deployment record or the deployment is wrong`,
        [proofs[0]!, ...proofs.slice(1), summary],
      );
    }
  }

  const judged: Judged | undefined = declared
    ? { version: declared, from: 'declared' }
    : seen[0]
      ? { version: seen[0].version, from: 'observed', seen: seen[0] }
      : undefined;
  if (!judged) {
    const summary = evidence('MAG-02: version sources', { ...base, versionSource: 'none' });
    if (probe.problems.length)
      return inconclusive(
        `Magento version not disclosed, but ${probe.problems.length} version sources gave no usable answer (${probe.problems[0]!.reason}), so whether the store hides it is unknown`,
        [summary],
      );
    return notApplicable(
      'The store hides its Magento version and the targets file declares none: declare the deployed release as `magento: { version: … }` (from your deployment record) to have it judged',
      [summary],
    );
  }

  const edition: MagentoEdition | undefined = declaration.edition ?? editionFromDisclosure(seen[0]?.edition);
  const a = assessVersion(judged.version, now, edition);
  const v = judged.version.text;
  const origin =
    judged.from === 'declared'
      ? `declared in the targets file (magento.version), not observed${seen.length ? `; consistent with ${seen.map((d) => `${d.version.text} at ${d.url}`).join(', ')}` : ''}`
      : `from ${judged.seen.url}`;
  const label = judged.from === 'declared' ? `MAG-02: Magento ${v} declared in the targets file, not observed` : `MAG-02: Magento ${v} from ${judged.seen.url}`;
  const summary = evidence(label, { ...base, versionSource: judged.from, version: v, edition: edition ?? null, assessment: a }, seen[0]?.exchange.address);
  const proof: [Evidence, ...Evidence[]] = judged.from === 'observed' ? [proofs[0]!, summary] : [summary, ...proofs];
  // Declared or observed, a source that gave no usable answer may disclose another version: no pass.
  return verdictFor(a, v, origin, edition, probe.problems.length, proof);
}

function verdictFor(
  a: ReleaseAssessment,
  v: string,
  origin: string,
  edition: MagentoEdition | undefined,
  unusedSources: number,
  proof: [Evidence, ...Evidence[]],
): Verdict {
  if (a.kind === 'line') {
    if (a.endOfLife)
      return fail(`Magento ${v} (${origin}): every ${v} release line is out of security support (last ended ${a.lastEnd}); patch level unknown`, proof);
    if (!a.lines.length) return inconclusive(`Magento ${v} (${origin}) is not in the release table; patch level unknown`, proof);
    return inconclusive(
      `Magento ${v} (${origin}) but the patch level is unknown, so support and known vulnerabilities cannot be judged; declare the deployed release as magento.version`,
      proof,
    );
  }
  const commerceLonger =
    a.line?.commerceSecurityUntil && edition !== 'adobe-commerce'
      ? ` (Adobe Commerce gets fixes until ${a.line.commerceSecurityUntil}; declare magento.edition: adobe-commerce if this store runs it)`
      : '';
  const problems = [
    ...(a.endOfLife && a.line
      ? [`release line ${a.line.line} out of security support since ${a.supportedUntil}${edition ? ` for ${edition}` : ''}${commerceLonger}`]
      : []),
    ...a.vulnerabilities.map((k) => `${k.id} ${k.name} (${k.advisory}, fixed in ${k.fixedIn.join('/')})`),
  ];
  if (problems.length) return fail(`Magento ${v} (${origin}): ${problems.join('; ')}`, proof);
  if (!a.line) return inconclusive(`Magento ${v} (${origin}) is not in the release table`, proof);
  // The record passes on its own, but a store that could not be read may still disclose another version.
  if (unusedSources)
    return inconclusive(
      `Magento ${v} (${origin}) is supported, but ${unusedSources} version sources gave no usable answer, so a contradicting disclosure cannot be ruled out`,
      proof,
    );
  return pass(
    `Magento ${v} (${origin}): line ${a.line.line} supported until ${a.supportedUntil}${edition ? ` (${edition})` : ''}, outside the ranges of the known critical vulnerabilities`,
    proof,
  );
}
