#!/usr/bin/env node
// The lab's system packages: the tests run real servers from Debian in network namespaces.
// Installs what is missing when run as root (CI, the project's machines); otherwise prints
// the exact command and stops.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';

/** binary → Debian package that provides it */
const NEEDED = {
  ip: 'iproute2',
  ss: 'iproute2',
  nft: 'nftables',
  nginx: 'nginx-light',
  openssl: 'openssl',
  xmllint: 'libxml2-utils',
  sshd: 'openssh-server',
  'ssh-keygen': 'openssh-client',
  'redis-server': 'redis-server',
  memcached: 'memcached',
  'php-fpm8.2': 'php8.2-fpm',
  apache2: 'apache2',
  sslscan: 'sslscan',
  nmap: 'nmap',
  // test/reporters opens report.html in a real browser (playwright-core drives it; no browser download).
  chromium: 'chromium',
};

/** Python module → Debian package: test/reporters feeds junit.xml to junitparser as CI scripts do. */
const NEEDED_PYTHON = {
  junitparser: 'python3-junitparser',
};

const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin} || test -x /usr/sbin/${bin}`], { stdio: 'ignore' }).status === 0;
const hasPython = (module) => spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
const missing = [
  ...new Set([
    ...Object.entries(NEEDED)
      .filter(([bin]) => !has(bin))
      .map(([, pkg]) => pkg),
    ...Object.entries(NEEDED_PYTHON)
      .filter(([module]) => !hasPython(module))
      .map(([, pkg]) => pkg),
  ]),
];

if (missing.length) {
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`mageprobe tests need Debian packages that are missing. Run as root:\n  ${command}`);
    process.exit(1);
  }
  console.log(`Installing lab packages: ${missing.join(' ')}`);
  // Keep the packages' services from starting on the host: the tests start their own, in namespaces.
  const policy = '/usr/sbin/policy-rc.d';
  const ours = !existsSync(policy);
  if (ours) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  } finally {
    if (ours) rmSync(policy, { force: true });
  }
}

if (process.getuid?.() !== 0) {
  console.error('mageprobe tests create network namespaces and need root (CI and the project machines run as root).');
  process.exit(1);
}
