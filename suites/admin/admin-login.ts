import { DEFAULT_ADMIN_PATHS } from '../../catalogue/admin-paths.js';
import type { CheckContext } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, pass, type Verdict } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { type AdminObservation, adminFacts, observeAdmin } from '../../probes/web/admin.js';
import { webClient } from '../../probes/web/session.js';

/** ADM-01's probe of the well-known names, shared with ADM-02 (which judges what it found). */
export function defaultNames(ctx: CheckContext): Promise<AdminObservation[]> {
  return ctx.fact('admin:default-names', async () => {
    const client = await webClient(ctx);
    return Promise.all(DEFAULT_ADMIN_PATHS.map((p) => observeAdmin(client, p)));
  });
}

const problemOf = (o: AdminObservation) => o.chain.problem?.reason;

/** Fail on any admin login shown, inconclusive when an admin URL gave no usable answer, else pass. */
export function judgeAdminUrls(seen: readonly AdminObservation[], requests: number, label: string, onLogin: (o: AdminObservation[]) => string, onClean: string): Verdict {
  const summary = evidence(label, { requestsSentToTarget: requests, urls: seen.map(adminFacts) }, seen.find((o) => o.final)?.final?.address);
  const logins = seen.filter((o) => o.login.isLogin);
  if (logins.length) {
    const proofs = logins.map((o) => exchangeEvidence(o.final!));
    return fail(onLogin(logins), [proofs[0]!, ...proofs.slice(1), summary]);
  }
  const bad = seen.filter(problemOf);
  if (bad.length) return inconclusive(`${bad.length} of ${seen.length} admin URLs gave no usable answer (${problemOf(bad[0]!)})`, [summary]);
  return pass(onClean, [summary]);
}

export const describeLogin = (o: AdminObservation) => `${o.final!.url}${o.chain.hops.length > 1 ? ` (after ${o.chain.hops.length - 1} redirect(s) from ${o.path})` : ''} (${o.login.markers.length} login markers incl. login[username] and login[password])`;
