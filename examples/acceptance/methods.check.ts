import { check, expect } from 'mageprobe/acceptance';

// Nothing on the storefront takes uploads: WebDAV-style methods are refused everywhere.
check({ id: 'ACME-05', title: 'PUT, DELETE and PROPFIND refused', severity: 'medium', source: 'ACME hardening baseline §4' }, async (store) => {
  for (const method of ['PUT', 'DELETE', 'PROPFIND']) await expect(store).toRefuseMethod(method);
});
