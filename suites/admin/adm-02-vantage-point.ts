import type { Check } from '../../core/check.js';
import { notApplicable } from '../../core/verdict.js';
import { observeAdmin } from '../../probes/web/admin.js';
import { webClient } from '../../probes/web/session.js';
import { defaultNames, describeLogin, judgeAdminUrls } from './admin-login.js';

/** ADM-02: the store's admin path (targets file, or found by ADM-01) shows no login from this vantage point. */
export const adm02: Check = {
  id: 'ADM-02',
  async run(ctx) {
    const found = (await defaultNames(ctx)).filter((o) => o.login.isLogin).map((o) => o.path);
    const configured = ctx.target.admin.path;
    const paths = [...new Set([...(configured ? [configured] : []), ...found])];
    if (!paths.length) return notApplicable('No admin path given in the targets file (admin.path) and no admin login found at the well-known paths');
    const client = await webClient(ctx);
    const seen = await Promise.all(
      paths.map((p) => (found.includes(p) && p !== configured ? defaultNames(ctx).then((all) => all.find((o) => o.path === p)!) : observeAdmin(client, p))),
    );
    const source = configured
      ? `admin path ${configured} from the targets file${found.length ? ` and ${found.join(', ')} found by ADM-01` : ''}`
      : `admin path(s) ${found.join(', ')} found by ADM-01`;
    return judgeAdminUrls(
      seen,
      client.requestsSent,
      `ADM-02: ${source}`,
      (logins) => `Admin login reachable from this vantage point: ${logins.map(describeLogin).join('; ')}`,
      `Admin login not shown from this vantage point: ${seen.map((o) => `${o.path} → ${o.chain.hops.map((h) => h.status).join(' → ')}`).join(', ')}`,
    );
  },
};
