import type { Check } from '../../core/check.js';
import { fail, pass } from '../../core/verdict.js';
import { failureEvidence } from '../../probes/http/evidence.js';
import { header } from '../../probes/http/exchange.js';
import { usable, usableRedirect } from '../../probes/http/usable.js';
import { judgeAnswer, plainHttpRoot } from './facts.js';

const REDIRECTS = [301, 302, 303, 307, 308];

/** TLS-07: plain HTTP redirects to HTTPS on the same host; a refused port serves nothing in clear. */
export const httpsRedirect: Check = {
  id: 'TLS-07',
  run: async (ctx) => {
    const { target } = ctx;
    if (new URL(target.url).protocol === 'http:') {
      const r = await plainHttpRoot(ctx);
      return judgeAnswer(usable(r), (_ex, proof) => fail(`the store's own URL is plain HTTP (${target.url})`, [proof]));
    }
    const result = await plainHttpRoot(ctx);
    if (!result.ok && result.failure.kind === 'refused') {
      return pass(`port ${target.httpPort} refuses connections: nothing is served over plain HTTP`, [failureEvidence(result.failure)]);
    }
    return judgeAnswer(usableRedirect(result), (ex, proof) => {
      const location = header(ex, 'location');
      if (!REDIRECTS.includes(ex.status) || !location) {
        return fail(`http://${target.host}:${target.httpPort}/ answered ${ex.status} without redirecting to HTTPS`, [proof]);
      }
      const to = new URL(location, ex.url);
      if (to.protocol !== 'https:') return fail(`plain HTTP redirects to ${to.href}, not to HTTPS`, [proof]);
      if (to.hostname !== target.host) return fail(`plain HTTP redirects to another host: ${to.href}`, [proof]);
      return pass(`plain HTTP answers ${ex.status} → ${to.href}`, [proof]);
    });
  },
};
