import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, notApplicable, pass } from '../../core/verdict.js';
import { rateOffer, terrapin } from './algorithm-ratings.js';
import { endpoint, offerEvidence, sshOfferOf, unreachable } from './ssh-facts.js';

/** SSH-03: the KEXINIT offers no weak algorithm, and the Terrapin prefix-truncation attack is not possible. */
export const ssh03: Check = {
  id: 'SSH-03',
  async run(ctx) {
    const o = await sshOfferOf(ctx);
    const why = unreachable(o);
    if (why) return notApplicable(why, [offerEvidence(o)]);
    if (!o.ident || !o.kexinit) return inconclusive(`could not read the server's KEXINIT on ${endpoint(o)}: ${o.problem ?? 'nothing read'}`, [offerEvidence(o)]);
    const rated = rateOffer(o.kexinit);
    const weak = rated.filter((a) => a.rating === 'weak');
    const t = terrapin(o.kexinit);
    const k = o.kexinit;
    const seen = evidence(
      `KEXINIT from ${o.ident.line}: ${weak.length} weak of ${rated.filter((a) => a.rating !== 'marker').length} algorithms`,
      {
        kex: k.kex,
        hostKey: k.hostKey,
        cipher: { c2s: k.cipherC2S, s2c: k.cipherS2C },
        mac: { c2s: k.macC2S, s2c: k.macS2C },
        compression: k.compressionS2C,
        ratings: rated.map((a) => `${a.category} ${a.name}: ${a.rating} (${a.why})`),
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
    if (weak.length || t.exposed) {
      const list = weak.map((a) => `${a.name} (${a.why})`).join(', ');
      return fail(`${weak.length ? `weak SSH algorithms offered: ${list}` : 'no weak algorithm offered'}; ${terrapinNote}`, proof);
    }
    return pass(`no weak SSH algorithm offered (${rated.filter((a) => a.rating === 'strong').length} strong, ${rated.filter((a) => a.rating === 'acceptable').length} acceptable); ${terrapinNote}`, proof);
  },
};
