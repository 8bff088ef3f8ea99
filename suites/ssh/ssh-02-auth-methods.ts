import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, notApplicable, pass } from '../../core/verdict.js';
import { authMethodsOf, endpoint, offerEvidence, sshOfferOf, unreachable } from './ssh-facts.js';

/** Methods that let a password be guessed. */
const GUESSABLE = ['password', 'keyboard-interactive'];

/** SSH-02: the server offers neither password nor keyboard-interactive authentication. */
export const ssh02: Check = {
  id: 'SSH-02',
  async run(ctx) {
    const o = await sshOfferOf(ctx);
    const why = unreachable(o);
    if (why) return notApplicable(why, [offerEvidence(o)]);
    if (!o.ident) return inconclusive(`no SSH identification on ${endpoint(o)}: ${o.problem ?? 'nothing read'}`, [offerEvidence(o)]);
    const auth = await authMethodsOf(ctx);
    if (auth.outcome === 'error') return inconclusive(`could not learn the authentication methods: ${auth.error}`, [offerEvidence(o)]);
    if (auth.outcome === 'none-accepted') {
      const seen = evidence(
        `USERAUTH none as ${auth.username} → SUCCESS`,
        { request: 'none', username: auth.username, answer: 'USERAUTH_SUCCESS' },
        endpoint(o),
      );
      return fail(`SSH accepted "none" authentication for user ${auth.username}: no credentials needed`, [seen, offerEvidence(o)]);
    }
    const seen = evidence(
      `USERAUTH none as ${auth.username} → FAILURE, can continue: ${auth.methods.join(',')}`,
      { request: 'none', username: auth.username, methods: auth.methods },
      endpoint(o),
    );
    const guessable = auth.methods.filter((m) => GUESSABLE.includes(m));
    if (guessable.length) return fail(`SSH offers ${guessable.join(' and ')} authentication (methods: ${auth.methods.join(', ')})`, [seen, offerEvidence(o)]);
    return pass(`SSH offers only ${auth.methods.join(', ') || 'no'} authentication (no password or keyboard-interactive)`, [seen, offerEvidence(o)]);
  },
};
