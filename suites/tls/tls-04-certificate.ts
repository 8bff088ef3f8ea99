import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import { certificateProblems, DAY, named } from './certificate-problems.js';
import { fromRawHandshake } from './certificate-raw.js';
import { addressOf, certificate, tlsScan } from './facts.js';
import { unreachable } from './undecided-scan.js';

/** TLS-04: chain trusted, name matches, current with > 30 days left, strong key, no SHA-1/MD5 signatures. */
export const certificateSound: Check = {
  id: 'TLS-04',
  async run(ctx) {
    // The shared scan already knows when the port is unreachable: no second wait on a filtered port.
    const scan = await tlsScan(ctx);
    if (!scan.reachable) return unreachable(scan);
    const seen = await certificate(ctx);
    if (seen.outcome === 'unreachable') return inconclusive(`HTTPS port ${addressOf(ctx.target)} not reachable: ${seen.reason}`);
    if (seen.outcome === 'inconclusive') return fromRawHandshake(ctx, scan, seen.reason);
    const now = new Date();
    const problems: string[] = [];
    if (!seen.trusted) problems.push(`chain not trusted (${seen.trustError ?? 'unverified'})`);
    if (seen.nameError) problems.push(`name ${seen.nameChecked} does not match (${seen.nameError})`);
    problems.push(...seen.chain.flatMap((c, i) => certificateProblems(c, i, now)));
    const leaf = seen.chain[0]!;
    const ev = [
      evidence(
        `certificate chain from ${addressOf(ctx.target)} (SNI ${ctx.target.host})`,
        {
          protocol: seen.protocol,
          trusted: seen.trusted,
          ...(seen.trustError ? { trustError: seen.trustError } : {}),
          nameChecked: seen.nameChecked,
          ...(seen.nameError ? { nameError: seen.nameError } : {}),
          ...(seen.nameMatchedBy ? { nameMatchedBy: seen.nameMatchedBy } : {}),
          caFile: ctx.target.caFile ?? null,
          chain: seen.chain,
          problems,
        },
        addressOf(ctx.target),
        now,
      ),
    ] as const;
    if (problems.length) return fail(`certificate problems: ${problems.join('; ')}`, ev);
    const days = Math.floor((Date.parse(leaf.notAfter) - now.getTime()) / DAY);
    return pass(
      `certificate ${named(leaf)} trusted, matches ${seen.nameChecked}, ${days} days left, ${leaf.keyType.toUpperCase()} ${leaf.keyBits} bits, ${leaf.signatureAlgorithm}`,
      ev,
    );
  },
};
