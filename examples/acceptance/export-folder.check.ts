import { check, expect } from 'mageprobe/acceptance';

// Our nightly ERP sync writes product and customer exports to var/export/ (and Magento 2.4's
// import/export UI to var/importexport/); neither may ever be downloadable.
check(
  {
    id: 'ACME-01',
    title: 'Export folders not served',
    severity: 'critical',
    source: 'ACME data-handling policy §3',
    why: 'Exports hold every customer address and order total; a served export folder leaks them all.',
    fix: 'nginx: `location ~* ^/(var|pub/media/importexport)/ { deny all; }` and keep the document root at pub/.',
  },
  async (store) => {
    // A product export starts with this CSV header; a listing of the folder proves it too.
    const csv = { markers: ['sku,store_view_code,attribute_set_code'] };
    await expect(store).toBlock('/var/export/', csv);
    await expect(store).toBlock('/var/importexport/', csv);
    await expect(store).toBlock('/pub/media/importexport/', csv);
  },
);
