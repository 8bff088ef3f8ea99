import { check, expect } from 'mageprobe/acceptance';

// The PSP's TLS requirement, stated exactly: TLS 1.2 and 1.3 offered, nothing older.
check({ id: 'ACME-04', title: 'Only TLS 1.2 and 1.3', severity: 'high', source: 'PSP integration guide v7 §2.1' }, async (store) => {
  await expect(store).toAcceptOnlyTls(['1.2', '1.3']);
});
