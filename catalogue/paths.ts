import { LISTING, type SignatureId } from './signatures.js';

/** The checks of the sensitive-paths area. */
export type PathCheckId = 'PATH-01' | 'PATH-02' | 'PATH-03' | 'PATH-04' | 'PATH-05' | 'PATH-06' | 'PATH-07' | 'PATH-08';

/** One URL to try and the signatures whose match proves it is exposed. */
export interface PathCandidate {
  readonly check: PathCheckId;
  /** Path from the site root, starting with "/". */
  readonly path: string;
  readonly signatures: readonly SignatureId[];
  /** Large files (archives, dumps): ask for the first bytes only. */
  readonly head?: boolean;
}

const c = (check: PathCheckId, signatures: readonly SignatureId[], ...paths: string[]): PathCandidate[] => paths.map((path) => ({ check, path, signatures }));

/** Backup and editor copies of a file (vim swap files live next to it as .name.swp). */
export const COPY_SUFFIXES = ['.bak', '~', '.orig', '.old', '.save', '.swp'] as const;

const copies = (path: string): string[] => {
  const slash = path.lastIndexOf('/');
  const hiddenSwap = `${path.slice(0, slash + 1)}.${path.slice(slash + 1)}.swp`;
  return [...COPY_SUFFIXES.map((s) => path + s), hiddenSwap];
};

const MEDIA_ROOTS = ['/media', '/pub/media'] as const;
const PRIVATE_MEDIA = ['customer', 'downloadable', 'import', 'custom_options', 'theme_customization'] as const;

export const PATH_CANDIDATES: readonly PathCandidate[] = [
  // PATH-01 version control and hidden files
  ...c('PATH-01', ['git-head'], '/.git/HEAD'),
  ...c('PATH-01', ['git-config'], '/.git/config'),
  ...c('PATH-01', ['svn-entries'], '/.svn/entries'),
  ...c('PATH-01', ['svn-wc-db'], '/.svn/wc.db'),
  ...c('PATH-01', ['hg-requires'], '/.hg/requires'),
  ...c('PATH-01', ['dotenv'], '/.env'),
  ...c('PATH-01', ['htaccess'], '/.htaccess'),
  ...c('PATH-01', ['htpasswd'], '/.htpasswd'),
  ...c('PATH-01', ['user-ini'], '/.user.ini'),
  ...c('PATH-01', ['ds-store'], '/.DS_Store'),
  // PATH-02 configuration and secrets; the files themselves and their copies
  ...c('PATH-02', ['magento-env', 'vim-swap'], '/app/etc/env.php', ...copies('/app/etc/env.php')),
  ...c('PATH-02', ['magento-config', 'vim-swap'], '/app/etc/config.php', ...copies('/app/etc/config.php')),
  ...c('PATH-02', ['composer-auth'], '/auth.json', '/auth.json.bak', '/auth.json~'),
  // PATH-03 Composer manifests
  ...c('PATH-03', ['composer-json'], '/composer.json'),
  ...c('PATH-03', ['composer-lock'], '/composer.lock'),
  ...c('PATH-03', ['composer-installed'], '/vendor/composer/installed.json'),
  // PATH-04 logs, sessions, reports
  ...c('PATH-04', ['magento-log'], '/var/log/system.log', '/var/log/exception.log', '/var/log/debug.log'),
  ...c('PATH-04', LISTING, '/var/log/', '/var/session/', '/var/report/', '/var/export/'),
  // PATH-05 backups (fixed names; host-derived names come from dumpCandidates)
  ...c('PATH-05', LISTING, '/var/backups/', '/backup/', '/backups/'),
  // PATH-06 directory listing
  ...c('PATH-06', LISTING, '/media/', '/pub/media/', '/static/', '/pub/static/', '/var/'),
  // PATH-07 private media under both media roots
  ...MEDIA_ROOTS.flatMap((root) => c('PATH-07', LISTING, ...PRIVATE_MEDIA.map((d) => `${root}/${d}/`))),
  // PATH-08 setup, developer and database tools
  ...c('PATH-08', ['magento-setup', ...LISTING], '/setup/'),
  ...c('PATH-08', ['magento-updater', ...LISTING], '/update/'),
  ...c('PATH-08', LISTING, '/dev/'),
  ...c('PATH-08', ['phpinfo'], '/phpinfo.php', '/info.php', '/pub/phpinfo.php', '/pub/info.php'),
  ...c('PATH-08', ['adminer'], '/adminer.php', '/pub/adminer.php'),
  ...c('PATH-08', ['phpmyadmin', ...LISTING], '/phpmyadmin/'),
  ...c('PATH-08', ['magento-downloader', ...LISTING], '/downloader/'),
  ...c('PATH-08', ['magmi', ...LISTING], '/magmi/', '/magmi/web/magmi.php'),
];

/** Names people give dumps and site archives, before the host-derived ones. */
export const DUMP_BASENAMES = ['backup', 'dump', 'db', 'database', 'magento', 'site'] as const;
export const DUMP_EXTENSIONS: readonly { readonly ext: string; readonly signatures: readonly SignatureId[] }[] = [
  { ext: '.sql', signatures: ['sql-dump'] },
  // A server that labels .gz files `Content-Encoding: gzip` (Apache's AddEncoding) has the client decode them: the dump itself shows.
  { ext: '.sql.gz', signatures: ['gzip', 'sql-dump'] },
  { ext: '.zip', signatures: ['zip'] },
  { ext: '.tar.gz', signatures: ['gzip'] },
];

/** `shop.example.com` → shop, shop.example.com, shop-example-com, shop_example_com, example. */
export function hostDerivedNames(host: string): string[] {
  if (/^[\d.]+$|:/.test(host)) return [];
  const labels = host
    .toLowerCase()
    .replace(/^www\./, '')
    .split('.')
    .filter(Boolean);
  const names = [labels[0] ?? '', labels.join('.'), labels.join('-'), labels.join('_')];
  if (labels.length >= 3) names.push(labels[labels.length - 2]!);
  return [...new Set(names.filter((n) => n.length > 1))];
}

/** PATH-05 dump and archive URLs for a host: common and host-derived names at the root and in var/backups/. */
export function dumpCandidates(host: string): PathCandidate[] {
  const names = [...DUMP_BASENAMES, ...hostDerivedNames(host).filter((n) => !(DUMP_BASENAMES as readonly string[]).includes(n))];
  const atRoot = names.flatMap((n) =>
    DUMP_EXTENSIONS.map(({ ext, signatures }) => ({ check: 'PATH-05' as const, path: `/${n}${ext}`, signatures, head: true })),
  );
  const inBackups = ['backup', 'db', 'magento'].flatMap((n) =>
    DUMP_EXTENSIONS.slice(0, 2).map(({ ext, signatures }) => ({ check: 'PATH-05' as const, path: `/var/backups/${n}${ext}`, signatures, head: true })),
  );
  return [...atRoot, ...inBackups];
}

/** Every candidate of one check for a host. */
export function candidatesFor(check: PathCheckId, host: string): PathCandidate[] {
  const fixed = PATH_CANDIDATES.filter((p) => p.check === check);
  return check === 'PATH-05' ? [...fixed, ...dumpCandidates(host)] : fixed;
}
