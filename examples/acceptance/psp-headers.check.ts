import { check, expect } from 'mageprobe/acceptance';

// Our payment provider's integration guide (v7, "Hosted fields") requires these on the storefront:
// no framing by other sites, and the Payment Request API limited to us and the PSP.
check(
  {
    id: 'ACME-03',
    title: 'Headers our PSP requires on the storefront',
    severity: 'medium',
    source: 'PSP integration guide v7 §5.4',
    why: 'The PSP refuses to certify the integration without them; framing enables click-jacking of the payment step.',
    fix: 'nginx: `add_header X-Frame-Options "SAMEORIGIN" always;` and `add_header Permissions-Policy "payment=(self \\"https://pay.psp.example\\")" always;`',
  },
  async (store) => {
    await expect(store).toSendHeader('X-Frame-Options', /^(DENY|SAMEORIGIN)$/i);
    await expect(store).toSendHeader('Permissions-Policy', /(^|,)\s*payment=\(self( "https:\/\/pay\.psp\.example")?\)/);
  },
);
