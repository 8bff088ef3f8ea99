import { DEFAULT_ADMIN_PATHS } from '../../catalogue/admin-paths.js';
import type { AreaChecks, Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, notApplicable, pass, type Verdict } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { adminFacts, observeAdmin, type AdminObservation } from '../../probes/web/admin.js';
import { webClient } from '../../probes/web/session.js';
import { defineFact } from '../../core/fact.js';

/** ADM-01's probe of the well-known names, shared with ADM-02 (which judges what it found). */
const defaultNames = defineFact('admin at the well-known names', async (ctx): Promise<AdminObservation[]> => {
  const client = await webClient(ctx);
  return Promise.all(DEFAULT_ADMIN_PATHS.map((p) => observeAdmin(client, p)));
});

const problemOf = (o: AdminObservation) => o.chain.problem?.reason;

function judge(seen: readonly AdminObservation[], requests: number, label: string, onLogin: (o: AdminObservation[]) => string, onClean: string): Verdict {
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

const describeLogin = (o: AdminObservation) => `${o.final!.url}${o.chain.hops.length > 1 ? ` (after ${o.chain.hops.length - 1} redirect(s) from ${o.path})` : ''} (${o.login.markers.length} login markers incl. login[username] and login[password])`;

const adm01: Check = {
  id: 'ADM-01',
  async run(ctx) {
    const seen = await defaultNames(ctx);
    const client = await webClient(ctx);
    return judge(
      seen,
      client.requestsSent,
      `ADM-01: ${seen.length} well-known admin paths, redirects followed within ${ctx.target.host}`,
      (logins) => `Magento admin login at a well-known path: ${logins.map(describeLogin).join('; ')}`,
      `None of ${seen.length} well-known admin paths shows the Magento admin login (${[...new Set(seen.map((o) => o.final?.status ?? '?'))].join('/')})`,
    );
  },
};

const adm02: Check = {
  id: 'ADM-02',
  async run(ctx) {
    const found = (await defaultNames(ctx)).filter((o) => o.login.isLogin).map((o) => o.path);
    const configured = ctx.target.admin.path;
    const paths = [...new Set([...(configured ? [configured] : []), ...found])];
    if (!paths.length) return notApplicable('No admin path given in the targets file (admin.path) and no admin login found at the well-known paths');
    const client = await webClient(ctx);
    const seen = await Promise.all(paths.map((p) => (found.includes(p) && p !== configured ? defaultNames(ctx).then((all) => all.find((o) => o.path === p)!) : observeAdmin(client, p))));
    const source = configured ? `admin path ${configured} from the targets file${found.length ? ` and ${found.join(', ')} found by ADM-01` : ''}` : `admin path(s) ${found.join(', ')} found by ADM-01`;
    return judge(
      seen,
      client.requestsSent,
      `ADM-02: ${source}`,
      (logins) => `Admin login reachable from this vantage point: ${logins.map(describeLogin).join('; ')}`,
      `Admin login not shown from this vantage point: ${seen.map((o) => `${o.path} → ${o.chain.hops.map((h) => h.status).join(' → ')}`).join(', ')}`,
    );
  },
};

export const adminChecks: AreaChecks = { area: 'admin', checks: [adm01, adm02] };
