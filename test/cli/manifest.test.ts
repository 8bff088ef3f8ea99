import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEd25519Key, type Manifest } from '../../cli/manifest.js';
import { runVerify, verifyDir } from '../../cli/verify.js';
import { InputFileError } from '../../core/input-file.js';
import { countOutcomes, type ScanResult } from '../../core/results.js';
import { DEMO_HOST, type DemoStore, startDemoStore } from '../../demo/store.js';
import { mageprobe } from './run-cli.js';

const exec = promisify(execFile);

/** `mageprobe verify` in this process (the CLI's code path but its error handler): most cases use it. */
async function verifyHere(dir: string, key?: string): Promise<{ code: number; stdout: string }> {
  const lines: string[] = [];
  const code = await runVerify(dir, key, (l) => lines.push(l));
  return { code, stdout: `${lines.join('\n')}\n` };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** Flips the bits of one byte in the middle of a file. */
function flipByte(file: string): void {
  const bytes = readFileSync(file);
  const i = Math.floor(bytes.length / 2);
  bytes[i] = bytes[i]! ^ 0x01;
  writeFileSync(file, bytes);
}

// Real scans of the demo store on loopback (failures, so a scan that exits 1), keys made with
// the command README gives, tampering by one byte; every mageprobe run compiles through tsx.
describe('tamper-evident results: manifest.json, --sign, mageprobe verify', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-manifest-'));
  const key = join(dir, 'key.pem');
  const pub = join(dir, 'pub.pem');
  const otherPub = join(dir, 'other-pub.pem');
  const targets = join(dir, 'targets.yaml');
  const signed = join(dir, 'signed');
  const unsigned = join(dir, 'unsigned');
  let store: DemoStore;
  let signedScan: { code: number; stdout: string; stderr: string };
  let unsignedScan: { code: number; stdout: string; stderr: string };

  /** A copy of a scan's reports to tamper with. */
  const copyOf = (src: string) => {
    const to = join(dir, `copy-${Math.random().toString(36).slice(2)}`);
    cpSync(src, to, { recursive: true });
    return to;
  };

  beforeAll(async () => {
    store = await startDemoStore();
    await exec('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', key]);
    await exec('openssl', ['pkey', '-in', key, '-pubout', '-out', pub]);
    const other = join(dir, 'other.pem');
    await exec('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', other]);
    await exec('openssl', ['pkey', '-in', other, '-pubout', '-out', otherPub]);
    writeFileSync(
      targets,
      `targets:\n  - name: demo\n    url: https://${DEMO_HOST}:${store.httpsPort}/\n    address: 127.0.0.1\n    http: { port: ${store.httpPort} }\n    timeouts: { connectMs: 1000, requestMs: 3000 }\n`,
    );
    // Header checks fail on the demo store; the internal controls send nothing.
    [signedScan, unsignedScan] = await Promise.all([
      mageprobe(['scan', targets, '--only', 'HDR-01,HDR-02,internal', '--out', signed, '--sign', key]),
      mageprobe(['scan', targets, '--only', 'internal', '--out', unsigned]),
    ]);
  }, 240_000);
  afterAll(async () => {
    await store?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a scan writes manifest.json: every report hashed, the scan metadata, its exit code, the targets file hash', () => {
    expect(signedScan.code, signedScan.stderr).toBe(1);
    expect(signedScan.stdout).toContain(`Manifest: ${signed}/manifest.json, signed in ${signed}/manifest.sig`);
    const m = readManifest(signed);
    const results = JSON.parse(readFileSync(join(signed, 'results.json'), 'utf8')) as ScanResult;
    const reports = readdirSync(signed)
      .filter((f) => f !== 'manifest.json' && f !== 'manifest.sig')
      .sort();
    expect(reports).toEqual(expect.arrayContaining(['junit.xml', 'report.html', 'results.json', 'summary.md']));
    expect(m.files.map((f) => f.name)).toEqual(reports);
    for (const f of m.files) expect([f.name, f.sha256, f.bytes]).toEqual([f.name, sha256(join(signed, f.name)), readFileSync(join(signed, f.name)).length]);
    expect(m).toMatchObject({
      format: 'mageprobe-manifest/1',
      tool: results.tool,
      startedAt: results.startedAt,
      finishedAt: results.finishedAt,
      scanner: results.scanner,
      targetsFile: { path: targets, sha256: sha256(targets) },
      targets: [{ name: 'demo', url: `https://${DEMO_HOST}:${store.httpsPort}/` }],
      outcomes: countOutcomes(results.cases),
      internalErrors: 0,
      interrupted: null,
      exitCode: signedScan.code,
    });
    expect(m.outcomes.fail).toBeGreaterThan(0);
    expect(m.signature).toMatchObject({ algorithm: 'ed25519', file: 'manifest.sig' });
  });

  it('the signature covers the exact bytes of manifest.json: openssl verifies it without mageprobe', async () => {
    const { stdout } = await exec('openssl', [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      pub,
      '-rawin',
      '-in',
      join(signed, 'manifest.json'),
      '-sigfile',
      join(signed, 'manifest.sig'),
    ]);
    expect(stdout).toContain('Signature Verified Successfully');
    const der = (await exec('sh', ['-c', `openssl pkey -pubin -in '${pub}' -outform DER | sha256sum`])).stdout.split(' ')[0];
    expect(readManifest(signed).signature?.keyId).toBe(`sha256:${der}`);
  });

  it('an untouched signed scan verifies with the right key: exit 0', async () => {
    const r = await mageprobe(['verify', signed, '--key', pub]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`${signed}: intact: ${readManifest(signed).files.length} file(s) match manifest.json`);
    expect(r.stdout).toContain(`signature verified with ${pub}`);
  });

  it('one changed byte in any report makes verify fail, naming that file and no other', async () => {
    const names = readManifest(signed).files.map((f) => f.name);
    const runs = await Promise.all(
      names.map(async (name) => {
        const copy = copyOf(signed);
        flipByte(join(copy, name));
        // One through the CLI for its exit code; the rest in this process (same code).
        return { name, r: name === 'junit.xml' ? await mageprobe(['verify', copy, '--key', pub]) : await verifyHere(copy, pub) };
      }),
    );
    expect(names).toContain('junit.xml');
    for (const { name, r } of runs) {
      expect(r.code, `${name}: ${r.stdout}`).toBe(1);
      expect(r.stdout).toContain('CHANGED since the scan');
      expect(r.stdout).toMatch(new RegExp(`^  modified: ${name.replace('.', '\\.')} — now \\d+ bytes, sha256 [0-9a-f]{16}…; the scan wrote`, 'm'));
      expect(r.stdout.match(/^ {2}\w+:/gm)).toEqual(['  modified:']);
      // The manifest itself is untouched, so its signature still holds.
      expect(r.stdout).toContain('signature verified');
    }
  });

  it('a missing report and an added file are named', async () => {
    const copy = copyOf(signed);
    rmSync(join(copy, 'report.html'));
    writeFileSync(join(copy, 'extra.txt'), 'not from the scan');
    symlinkSync('/etc/hostname', join(copy, 'link'));
    const r = await verifyHere(copy);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('  '))).toEqual(['  missing: report.html', '  added: extra.txt', '  added: link — a symbolic link']);
  });

  it('a key that did not sign the manifest fails verification: exit 1', async () => {
    const r = await mageprobe(['verify', signed, '--key', otherPub]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`  signature: manifest.sig — does not verify with ${otherPub}`);
    expect(r.stdout).toContain(`manifest.json names signing key ${readManifest(signed).signature!.keyId}`);
  });

  it('an altered manifest breaks the signature, with or without --key', async () => {
    const copy = copyOf(signed);
    // A forger hides the failures: hashes still match the reports, only the manifest's claim changed.
    const text = readFileSync(join(copy, 'manifest.json'), 'utf8');
    writeFileSync(join(copy, 'manifest.json'), text.replace('"exitCode": 1', '"exitCode": 0'));
    const [withKey, withoutKey] = [await verifyHere(copy, pub), await verifyHere(copy)];
    expect(withKey.code).toBe(1);
    expect(withKey.stdout).toContain(`signature: manifest.sig — does not verify with ${pub}`);
    expect(withoutKey.code).toBe(1);
    expect(withoutKey.stdout).toContain('signature: manifest.sig — does not verify with the key manifest.json names');
  });

  it('a removed signature is caught: the manifest says it was signed', async () => {
    const copy = copyOf(signed);
    rmSync(join(copy, 'manifest.sig'));
    const r = await verifyHere(copy);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  signature: manifest.sig — missing, but manifest.json says key sha256:');
  });

  it('without --key a signed manifest is checked against the key it names, and says that proves no signer', async () => {
    const r = await verifyHere(signed);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('signature matches the key manifest.json names');
    expect(r.stdout).toContain('pass --key PUB.pem');
  });

  it('an unsigned manifest verifies the hashes and says it is unsigned; --key on it fails', async () => {
    expect(unsignedScan.code, unsignedScan.stderr).toBe(0);
    expect(existsSync(join(unsigned, 'manifest.sig'))).toBe(false);
    expect(readManifest(unsigned).signature).toBeNull();
    const [plain, keyed] = await Promise.all([mageprobe(['verify', unsigned]), mageprobe(['verify', unsigned, '--key', pub])]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(`${unsigned}: intact: 4 file(s) match manifest.json`);
    expect(plain.stdout).toContain('manifest.json is unsigned');
    expect(keyed.code).toBe(1);
    expect(keyed.stdout).toContain(`  signature: manifest.sig — missing: the manifest is not signed, but --key ${pub} asks for a signature`);
    // Tampering an unsigned scan is still caught by the hashes.
    const copy = copyOf(unsigned);
    flipByte(join(copy, 'junit.xml'));
    const tampered = await verifyHere(copy);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('  modified: junit.xml');
  });

  it('a manifest.sig beside a manifest that declares no signature fails (signature block removed)', async () => {
    const copy = copyOf(unsigned);
    writeFileSync(join(copy, 'manifest.sig'), Buffer.alloc(64));
    const v = await verifyDir(copy);
    expect(v.findings).toEqual([
      { what: 'signature', name: 'manifest.sig', detail: 'present, but manifest.json declares no signature: the manifest was altered' },
    ]);
  });

  it('a missing or malformed manifest fails; a manifest naming a path outside DIR is refused as altered', async () => {
    const gone = copyOf(unsigned);
    rmSync(join(gone, 'manifest.json'));
    expect((await verifyDir(gone)).findings).toEqual([{ what: 'missing', name: 'manifest.json', detail: 'nothing shows these files are what the scan wrote' }]);
    const garbled = copyOf(unsigned);
    writeFileSync(join(garbled, 'manifest.json'), '{"format":');
    expect((await verifyDir(garbled)).findings).toEqual([{ what: 'manifest', name: 'manifest.json', detail: 'altered: not valid JSON' }]);
    const escaping = copyOf(unsigned);
    const m = readManifest(escaping);
    writeFileSync(
      join(escaping, 'manifest.json'),
      JSON.stringify({ ...m, files: [...m.files, { name: '../../etc/passwd', bytes: 1, sha256: '0'.repeat(64) }] }),
    );
    const v = await verifyDir(escaping);
    expect(v.findings).toHaveLength(1);
    expect(v.findings[0]).toMatchObject({ what: 'manifest', detail: expect.stringMatching(/^altered: not a mageprobe manifest \(files\.4\.name: /) });
  });

  it('a rescan without --sign leaves no stale manifest.sig behind', async () => {
    const copy = copyOf(signed);
    const r = await mageprobe(['scan', targets, '--only', 'INT-01', '--out', copy]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(copy, 'manifest.sig'))).toBe(false);
    expect(readManifest(copy).signature).toBeNull();
    expect((await verifyHere(copy)).code).toBe(0);
  });

  describe('usage errors exit 2 with one line', () => {
    let listener: Server;
    let connections = 0;
    let quietTargets: string;
    beforeAll(async () => {
      listener = createServer((s) => {
        connections++;
        s.destroy();
      });
      const port = await new Promise<number>((r) => listener.listen(0, '127.0.0.1', () => r((listener.address() as AddressInfo).port)));
      quietTargets = join(dir, 'quiet.yaml');
      writeFileSync(quietTargets, `targets:\n  - name: quiet\n    url: http://127.0.0.1:${port}/\n    timeouts: { connectMs: 500, requestMs: 1000 }\n`);
    });
    afterAll(() => listener.close());

    const oneLine = (r: { code: number; stdout: string; stderr: string }) => {
      expect(r.code, r.stdout + r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      return r.stderr.trim();
    };

    it('--sign must name an existing, unencrypted Ed25519 private key, checked before any traffic', async () => {
      const rsa = join(dir, 'rsa.pem');
      const encrypted = join(dir, 'encrypted.pem');
      await exec('openssl', ['genpkey', '-algorithm', 'rsa', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', rsa]);
      await exec('openssl', ['genpkey', '-algorithm', 'ed25519', '-aes256', '-pass', 'pass:secret', '-out', encrypted]);
      const out = join(dir, 'never');
      const cases: [string, string][] = [
        [join(dir, 'absent.pem'), 'no such file'],
        [pub, 'a public key; --sign needs the private key (openssl genpkey -algorithm ed25519 -out key.pem)'],
        [rsa, 'an rsa key, not Ed25519'],
        [encrypted, 'an encrypted key; give an unencrypted one (openssl genpkey -algorithm ed25519 -out key.pem)'],
        [quietTargets, 'not a PEM or DER key'],
        [dir, 'a directory, not a regular file'],
      ];
      for (const [file, reason] of cases) expect(() => loadEd25519Key(file, 'private', '--sign')).toThrow(new InputFileError(`--sign ${file}`, reason));
      // Through the CLI: refused before the targets are contacted or --out is made.
      const runs = await Promise.all([pub, rsa].map((file) => mageprobe(['scan', quietTargets, '--only', 'HDR-02', '--out', out, '--sign', file])));
      expect(runs.map(oneLine)).toEqual([`mageprobe: --sign ${pub}: ${cases[1]![1]}`, `mageprobe: --sign ${rsa}: ${cases[2]![1]}`]);
      expect(connections).toBe(0);
      expect(existsSync(out)).toBe(false);
    });

    it('verify without DIR, on a file or a missing path, or with an unusable --key', async () => {
      const [none, file] = await Promise.all([mageprobe(['verify']), mageprobe(['verify', targets])]);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('mageprobe: verify: name the directory the reports were written to');
      expect(oneLine(file)).toBe(`mageprobe: ${targets}: not a directory; name the directory the reports were written to`);
      // The CLI prints an InputFileError as that one line and exits 2, as above.
      await expect(verifyHere(join(dir, 'absent'))).rejects.toThrow(new InputFileError(join(dir, 'absent'), 'no such directory'));
      await expect(verifyHere(signed, targets)).rejects.toThrow(new InputFileError(`--key ${targets}`, 'not a PEM or DER key'));
    });

    it('verify --key accepts the private key too (its public half), PEM or DER', async () => {
      expect(loadEd25519Key(key, 'public', '--key').type).toBe('public');
      const der = join(dir, 'pub.der');
      await exec('openssl', ['pkey', '-pubin', '-in', pub, '-outform', 'DER', '-out', der]);
      const [withPrivate, withDer] = [await verifyHere(signed, key), await verifyHere(signed, der)];
      expect(withPrivate.code, withPrivate.stdout).toBe(0);
      expect(withDer.code, withDer.stdout).toBe(0);
    });
  });
});
