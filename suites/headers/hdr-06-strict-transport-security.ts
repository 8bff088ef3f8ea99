import { isIP } from 'node:net';
import type { Check } from '../../core/check.js';
import { type Evidence, evidence } from '../../core/evidence.js';
import { bareHost } from '../../core/host-name.js';
import { fail, inconclusive, pass, type Verdict } from '../../core/verdict.js';
import type { TrustProbe } from '../../probes/tls/trust.js';
import { judgeHome } from './facts.js';
import { type Proof, type ResponseHeaders, shown, tooLong } from './header-values.js';
import { linesOf as linesOfField } from './rules/field-values.js';
import { strictTransportSecurity as parse } from './rules/strict-transport-security.js';
import { originTrust } from './trust-fact.js';

const days = (s: number) => `${Math.floor(s / 86400)} days`;

/**
 * HDR-06: an HSTS policy browsers will note — a valid first STS field (no directive repeated
 * across its lines) with max-age of at
 * least the policy's minimum (180 days by default), received over HTTPS for a host name
 * (not an IP address) whose certificate a browser accepts (RFC 6797 §8.1).
 */
export const strictTransportSecurity: Check = {
  id: 'HDR-06',
  run: async (ctx) => {
    let served: URL | undefined;
    const byHeader = await judgeHome(ctx, (ex, proof) => {
      served = new URL(ex.url);
      return judgeHsts(served, ex.headers, ctx.target.policy.hstsMinAge, proof);
    });
    if (byHeader.outcome !== 'pass' || !served) return byHeader;
    return withTrust(byHeader, await originTrust(ctx, served), ctx.target.caFile);
  },
};

/** The header alone, as RFC 6797 §6.1 and §8.1 read it; a pass still needs the certificate (withTrust). */
export function judgeHsts(url: URL, headers: ResponseHeaders, minAge: number, proof: Proof): Verdict {
  if (url.protocol !== 'https:') return fail(`home page is served over plain HTTP (${url.href}); HSTS needs HTTPS`, proof);
  const lines = headers['strict-transport-security'];
  const r = parse(lines);
  const count = r.kind === 'valid' || r.kind === 'invalid' ? r.lines.length : 0;
  const distinct = new Set(linesOfField(lines)).size;
  const onlyFirst =
    count <= 1
      ? ''
      : distinct === 1
        ? ` (${count} identical field lines, one policy)`
        : ` (${count} field lines ${shown(lines)}: browsers read only the first, RFC 6797 §8.1)`;
  switch (r.kind) {
    case 'oversized':
      return tooLong('Strict-Transport-Security', r, proof);
    case 'absent':
      return fail('no Strict-Transport-Security header', proof);
    case 'invalid':
      if (r.acrossLines) {
        return fail(
          `Strict-Transport-Security field lines ${shown(lines)} conflict: ${r.why}, which makes the header invalid as it would within one line (and as a proxy that combines the lines, RFC 9110 §5.3, delivers it); browsers given the lines apart read only the first (RFC 6797 §8.1), so whether HSTS applies depends on the path`,
          proof,
        );
      }
      return fail(`Strict-Transport-Security "${r.value}" is ignored by browsers: ${r.why}${onlyFirst}`, proof);
    case 'valid':
      if (r.maxAge < minAge) return fail(`Strict-Transport-Security max-age=${r.maxAge} (${days(r.maxAge)}) is below ${days(minAge)}${onlyFirst}`, proof);
      if (isIP(bareHost(url))) {
        return fail(
          `Strict-Transport-Security max-age=${r.maxAge} is ignored: browsers never note an IP address (${url.hostname}) as an HSTS host (RFC 6797 §8.1)`,
          proof,
        );
      }
      return pass(`Strict-Transport-Security max-age=${r.maxAge} (${days(r.maxAge)})${r.includeSubDomains ? ', includeSubDomains' : ''}${onlyFirst}`, proof);
  }
}

/**
 * RFC 6797 §8.1: an STS field counts only when "there are no underlying secure transport
 * errors". A header pass stands when the certificate validates, fails when it does not,
 * and is inconclusive when validation could not be decided.
 */
export function withTrust(byHeader: Verdict & { outcome: 'pass' }, trust: TrustProbe, caFile?: string): Verdict {
  const seen = trustEvidence(trust, caFile);
  const proof: Proof = [...byHeader.evidence, seen];
  switch (trust.outcome) {
    case 'trusted':
      return pass(`${byHeader.message}; certificate for ${trust.hostName} validates`, proof);
    case 'untrusted':
      return fail(
        `${byHeader.message}, but browsers ignore it: the certificate for ${trust.hostName} fails validation (${trust.reason}), and HSTS received over a connection with certificate errors is discarded (RFC 6797 §8.1)`,
        proof,
      );
    case 'undecided':
      return inconclusive(
        `${byHeader.message}, but whether browsers accept the certificate for ${trust.hostName} could not be decided: ${trust.reason}`,
        proof,
      );
  }
}

function trustEvidence(t: TrustProbe, caFile?: string): Evidence {
  const leaf = t.outcome === 'undecided' ? undefined : t.leaf;
  return evidence(
    `certificate validation for ${t.hostName} (system roots${caFile ? ` + ${caFile}` : ''})`,
    {
      outcome: t.outcome,
      ...(t.outcome === 'trusted' ? { protocol: t.protocol } : { reason: t.reason }),
      ...(leaf
        ? { leaf: { subject: leaf.subject, issuer: leaf.issuer, subjectAltName: leaf.subjectAltName ?? null, notAfter: leaf.notAfter, sha256: leaf.sha256 } }
        : {}),
    },
    t.address,
  );
}
