import { DEFAULT_ADMIN_PATHS } from '../../catalogue/admin-paths.js';
import { evidence } from '../../core/evidence.js';
import { defineFact } from '../../core/fact.js';
import type { Verdict } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { type AdminObservation, adminFacts, observeAdmin } from '../../probes/web/admin.js';
import { webClient } from '../../probes/web/session.js';
import { exposureVerdict } from '../exposure-verdict.js';

/** ADM-01's probe of the well-known names, shared with ADM-02 (which judges what it found). */
export const defaultNames = defineFact('admin at the well-known names', async (ctx): Promise<AdminObservation[]> => {
  const client = await webClient(ctx);
  return Promise.all(DEFAULT_ADMIN_PATHS.map((p) => observeAdmin(client, p)));
});

/** Fail on any admin login shown, inconclusive when an admin URL gave no usable answer, else pass. */
export function judgeAdminUrls(
  seen: readonly AdminObservation[],
  requests: number,
  label: string,
  onLogin: (o: AdminObservation[]) => string,
  onClean: string,
): Verdict {
  const summary = evidence(label, { requestsSentToTarget: requests, urls: seen.map(adminFacts) }, seen.find((o) => o.final)?.final?.address);
  const logins = seen.filter((o) => o.login.isLogin);
  return exposureVerdict(
    {
      exposed: logins.flatMap((o) => (o.final ? [exchangeEvidence(o.final)] : [])),
      unusable: seen.flatMap((o) => (o.chain.problem ? [o.chain.problem.reason] : [])),
      asked: seen.length,
      candidates: 'admin URLs',
      summary,
    },
    { exposed: () => onLogin(logins), clean: () => onClean },
  );
}

export const describeLogin = (o: AdminObservation) =>
  `${o.final!.url}${o.chain.hops.length > 1 ? ` (after ${o.chain.hops.length - 1} redirect(s) from ${o.path})` : ''} (${o.login.markers.length} login markers incl. login[username] and login[password])`;
