import type { Check } from '../../core/check.js';
import { webClient } from '../../probes/web/session.js';
import { defaultNames, describeLogin, judgeAdminUrls } from './admin-login.js';

/** ADM-01: no Magento admin login at the well-known admin paths. */
export const adm01: Check = {
  id: 'ADM-01',
  async run(ctx) {
    const seen = await defaultNames(ctx);
    const client = await webClient(ctx);
    return judgeAdminUrls(
      seen,
      client.requestsSent,
      `ADM-01: ${seen.length} well-known admin paths, redirects followed within ${ctx.target.host}`,
      (logins) => `Magento admin login at a well-known path: ${logins.map(describeLogin).join('; ')}`,
      `None of ${seen.length} well-known admin paths shows the Magento admin login (${[...new Set(seen.map((o) => o.final?.status ?? '?'))].join('/')})`,
    );
  },
};
