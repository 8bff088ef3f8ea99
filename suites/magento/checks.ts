import type { AreaChecks, Check } from '../../core/check.js';
import { defineFact } from '../../core/fact.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, notApplicable, pass } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { header } from '../../probes/http/exchange.js';
import { fingerprintMagento, probeRest, probeVersion, provokeErrors, type MagentoFingerprint, type VersionProbe } from '../../probes/web/magento.js';
import { webClient } from '../../probes/web/session.js';
import { judgeRelease } from './mag-02-release.js';

const fingerprint = defineFact('Magento fingerprint', async (ctx): Promise<MagentoFingerprint> => fingerprintMagento(await webClient(ctx)));
const versions = defineFact('Magento version sources', async (ctx): Promise<VersionProbe> => probeVersion(await webClient(ctx)));

const fingerprintFacts = (f: MagentoFingerprint) => ({ magentoDetected: f.isMagento, magentoMarkers: f.markers });

const mag01: Check = {
  id: 'MAG-01',
  async run(ctx) {
    const [fp, probe, client] = await Promise.all([fingerprint(ctx), versions(ctx), webClient(ctx)]);
    const summary = evidence('MAG-01: version sources on the store', { requestsSentToTarget: client.requestsSent, ...fingerprintFacts(fp), sources: probe.tried }, probe.disclosures[0]?.exchange.address);
    if (probe.disclosures.length) {
      const proofs = probe.disclosures.map((d) => exchangeEvidence(d.exchange, d.quote));
      const named = probe.disclosures.map((d) => `${d.url} ("${d.quote}")`);
      return fail(`Magento version disclosed: ${named.join('; ')}`, [proofs[0]!, ...proofs.slice(1), summary]);
    }
    if (probe.problems.length) return inconclusive(`${probe.problems.length} version sources gave no usable answer (${probe.problems[0]!.reason})`, [summary]);
    return pass(`No version disclosed at ${probe.tried.map((t) => `${t.path} (${t.status})`).join(', ')}`, [summary]);
  },
};

const mag02: Check = {
  id: 'MAG-02',
  async run(ctx) {
    const [fp, probe, client] = await Promise.all([fingerprint(ctx), versions(ctx), webClient(ctx)]);
    return judgeRelease(probe, ctx.target.magento, new Date(), { requestsSentToTarget: client.requestsSent, ...fingerprintFacts(fp), sources: probe.tried });
  },
};

const mag03: Check = {
  id: 'MAG-03',
  async run(ctx) {
    const client = await webClient(ctx);
    const [fp, seen] = await Promise.all([fingerprint(ctx), probeRest(client)]);
    const lines = seen.map((o) => (o.answer.ok ? { path: o.path, status: o.answer.exchange.status, contentType: header(o.answer.exchange, 'content-type') ?? '', reading: o.reading } : { path: o.path, result: o.answer.reason }));
    const answered = seen.flatMap((o) => (o.answer.ok ? [o.answer.exchange] : []));
    const summary = evidence('MAG-03: anonymous GET of protected REST resources', { requestsSentToTarget: client.requestsSent, ...fingerprintFacts(fp), answers: lines }, answered[0]?.address);
    const leaking = seen.filter((o) => o.reading === 'data');
    if (leaking.length) {
      const proofs = leaking.flatMap((o) => (o.answer.ok ? [exchangeEvidence(o.answer.exchange)] : []));
      return fail(`REST API returns data to anonymous callers: ${leaking.map((o) => `${o.path} → ${o.answer.ok ? o.answer.exchange.status : '?'}`).join(', ')}`, [proofs[0]!, ...proofs.slice(1), summary]);
    }
    const bad = seen.filter((o) => !o.answer.ok);
    if (bad.length) return inconclusive(`${bad.length} REST requests gave no usable answer (${bad[0]!.answer.ok ? '' : bad[0]!.answer.reason})`, [summary]);
    const refused = seen.filter((o) => o.reading === 'refused by Magento' || o.reading === 'refused');
    // No REST API answered at all (not Magento, or /rest/ not routed): nothing to judge.
    if (!refused.length) return notApplicable(`No Magento REST API answered at /rest/ (${lines.map((l) => `${l.path} → ${'status' in l ? l.status : '?'}`).join(', ')})`, [summary]);
    return pass(`REST API refuses anonymous access: ${refused.map((o) => `${o.path} → ${o.answer.ok ? o.answer.exchange.status : '?'} (${o.reading})`).join(', ')}`, [summary]);
  },
};

const mag04: Check = {
  id: 'MAG-04',
  async run(ctx) {
    const client = await webClient(ctx);
    const [fp, seen] = await Promise.all([fingerprint(ctx), provokeErrors(client)]);
    const lines = seen.map((o) => (o.answer.ok ? { what: o.what, path: o.path, status: o.answer.exchange.status, disclosures: o.disclosures.map((d) => d.name) } : { what: o.what, path: o.path, result: o.answer.reason }));
    const answered = seen.flatMap((o) => (o.answer.ok ? [o.answer.exchange] : []));
    const summary = evidence('MAG-04: error pages provoked', { requestsSentToTarget: client.requestsSent, ...fingerprintFacts(fp), answers: lines }, answered[0]?.address);
    const leaking = seen.filter((o) => o.disclosures.length > 0);
    if (leaking.length) {
      const proofs = leaking.flatMap((o) => (o.answer.ok ? [exchangeEvidence(o.answer.exchange, o.disclosures.map((d) => d.quote).join(' … '))] : []));
      const named = leaking.map((o) => `${o.answer.ok ? o.answer.exchange.url : o.path} (${o.disclosures.map((d) => `${d.name}: "${d.quote}"`).join('; ')})`);
      return fail(`Error pages disclose internals: ${named.join(' | ')}`, [proofs[0]!, ...proofs.slice(1), summary]);
    }
    const bad = seen.filter((o) => !o.answer.ok);
    if (bad.length) return inconclusive(`${bad.length} of ${seen.length} error requests gave no usable answer (${bad[0]!.answer.ok ? '' : bad[0]!.answer.reason})`, [summary]);
    return pass(`${seen.length} provoked error answers (${answered.map((e) => e.status).join('/')}) show no stack traces, file paths or exception text`, [summary]);
  },
};

export const magentoChecks: AreaChecks = { area: 'magento', checks: [mag01, mag02, mag03, mag04] };
