import { check, expect } from 'mageprobe/acceptance';

// Our admin lives at its own path (admin.path in the targets file) and is allowed only from the
// office VPN: from the CI runner, its login page must not be served at all.
check(
  {
    id: 'ACME-02',
    title: 'Admin login not served outside the VPN',
    severity: 'high',
    source: 'ACME access policy §1.2',
    fix: 'nginx: `location ~ ^/(index.php/)?ADMIN_PATH { allow 10.8.0.0/16; deny all; … }`',
  },
  async (store) => {
    const admin = store.target.admin.path;
    if (!admin) return store.notApplicable('no admin.path in the targets file for this store');
    await expect(store).toBlock(`${admin}/`, { markers: ['Welcome, please sign in', 'name="login[password]"'] });
  },
);
