import type { AlgorithmCategory } from '../../catalogue/ssh-algorithms.js';
import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, notApplicable, pass } from '../../core/verdict.js';
import { type RatedAlgorithm, rateOffer, terrapin } from './algorithm-ratings.js';
import { endpoint, offerEvidence, sshOfferOf, unreachable } from './ssh-facts.js';

const CATEGORIES: readonly AlgorithmCategory[] = ['kex', 'hostKey', 'cipher', 'mac'];

/** Per category with no algorithm the table rates: what was offered there instead. */
function unjudged(rated: readonly RatedAlgorithm[]): string[] {
  return CATEGORIES.flatMap((c) => {
    const listed = rated.filter((a) => a.category === c);
    const offered = listed.filter((a) => a.rating !== 'marker');
    if (offered.some((a) => a.rating !== 'unrated')) return [];
    if (offered.length) return [`${c}: only unrated ${offered.map((a) => a.name).join(', ')}`];
    return [listed.length ? `${c}: only extension markers ${listed.map((a) => a.name).join(', ')}` : `${c}: none offered`];
  });
}

/**
 * SSH-03: the KEXINIT offers no weak algorithm, and the Terrapin prefix-truncation attack is
 * not possible. A name missing from the table is listed as unrated, never taken as sound; a
 * category with nothing the table rates leaves the check inconclusive.
 */
export const ssh03: Check = {
  id: 'SSH-03',
  async run(ctx) {
    const o = await sshOfferOf(ctx);
    const why = unreachable(o);
    if (why) return notApplicable(why, [offerEvidence(o)]);
    if (!o.ident || !o.kexinit)
      return inconclusive(`could not read the server's KEXINIT on ${endpoint(o)}: ${o.problem ?? 'nothing read'}`, [offerEvidence(o)]);
    const rated = rateOffer(o.kexinit);
    const weak = rated.filter((a) => a.rating === 'weak');
    const unrated = rated.filter((a) => a.rating === 'unrated');
    const t = terrapin(o.kexinit);
    const k = o.kexinit;
    const seen = evidence(
      `KEXINIT from ${o.ident.line}: ${weak.length} weak, ${unrated.length} unrated of ${rated.filter((a) => a.rating !== 'marker').length} algorithms`,
      {
        kex: k.kex,
        hostKey: k.hostKey,
        cipher: { c2s: k.cipherC2S, s2c: k.cipherS2C },
        mac: { c2s: k.macC2S, s2c: k.macS2C },
        compression: k.compressionS2C,
        ratings: rated.map((a) => `${a.category} ${a.name}: ${a.rating} (${a.why})`),
        unrated: unrated.map((a) => `${a.category} ${a.name}`),
        terrapin: t,
        kexinitHex: o.kexinitHex,
      },
      endpoint(o),
    );
    const proof = [seen, offerEvidence(o)] as const;
    const terrapinNote = t.exposed
      ? `Terrapin-exposed (${t.affectedModes.join(', ')} offered without strict kex)`
      : t.affectedModes.length
        ? 'Terrapin mitigated by strict kex'
        : 'no Terrapin-affected mode offered';
    const unratedNote = unrated.length ? `; not in the rating table: ${unrated.map((a) => a.name).join(', ')}` : '';
    if (weak.length || t.exposed) {
      const list = weak.map((a) => `${a.name} (${a.why})`).join(', ');
      return fail(`${weak.length ? `weak SSH algorithms offered: ${list}` : 'no weak algorithm offered'}; ${terrapinNote}${unratedNote}`, proof);
    }
    const open = unjudged(rated);
    if (open.length) return inconclusive(`no SSH algorithm the rating table knows in ${open.join('; ')}`, proof);
    return pass(
      `no weak SSH algorithm offered (${rated.filter((a) => a.rating === 'strong').length} strong, ${rated.filter((a) => a.rating === 'acceptable').length} acceptable); ${terrapinNote}${unratedNote}`,
      proof,
    );
  },
};
