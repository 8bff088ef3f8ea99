import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { constants, type Dirent } from 'node:fs';
import { type FileHandle, lstat, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputFileError, readRegularFile } from '../core/input-file.js';
import { countOutcomes, DEFAULT_FAIL_POLICY, exitCodeFor, type FailPolicy, OUTCOMES, type ScanResult, signalExitCode } from '../core/results.js';

/**
 * Tamper-evident results. After the reports are written, manifest.json lists the sha256 of
 * every regular file directly in the reports directory plus the scan's metadata. With
 * `--sign KEY.pem`, manifest.sig holds the raw 64-byte Ed25519 signature (RFC 8032 §5.1.6,
 * pure Ed25519) over the exact bytes of manifest.json. Verification never re-serialises the
 * JSON: one changed byte of the manifest breaks the signature, and the pair can be checked
 * without mageprobe (`openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in manifest.json
 * -sigfile manifest.sig`). Subdirectories are not covered.
 */
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const MANIFEST_FORMAT = 'mageprobe-manifest/1';

/** Key files are a few hundred bytes; anything bigger is not one. */
const KEY_FILE_CAP = 64 << 10;
/** A manifest for a few thousand files; more means it is not ours. */
export const MANIFEST_CAP = 16 << 20;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
/** A plain file name: verify must never be steered outside DIR by the manifest it reads. */
const fileName = z.string().regex(/^(?!\.\.?$)[^/\\\0]+$/);

const fileSchema = z.strictObject({ name: fileName, bytes: z.number().int().nonnegative(), sha256: sha256Hex });
const signatureSchema = z.strictObject({
  algorithm: z.literal('ed25519'),
  file: z.literal(SIGNATURE_FILE),
  /** The signer's public key, DER SubjectPublicKeyInfo in base64: lets verify name the key. */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]+=*$/),
  /** sha256 of that DER: `openssl pkey -pubin -in pub.pem -outform DER | sha256sum`. */
  keyId: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});

export const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  tool: z.strictObject({ name: z.literal('mageprobe'), version: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  scanner: z.string(),
  targetsFile: z.strictObject({ path: z.string(), sha256: sha256Hex }).nullable(),
  targets: z.array(z.strictObject({ name: z.string(), url: z.string() })),
  outcomes: z.strictObject(Object.fromEntries(OUTCOMES.map((o) => [o, z.number().int().nonnegative()])) as Record<(typeof OUTCOMES)[number], z.ZodNumber>),
  internalErrors: z.number().int().nonnegative(),
  interrupted: z.enum(['SIGINT', 'SIGTERM']).nullable(),
  exitCode: z.number().int(),
  files: z.array(fileSchema),
  signature: signatureSchema.nullable(),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof fileSchema>;
/** A scanned target as the manifest names it. */
export type ManifestTarget = Manifest['targets'][number];

/** What the CLI knows that the scan result does not: the key to sign with, the targets file, what makes the scan fail. */
export interface ManifestOptions {
  readonly signingKey?: KeyObject;
  readonly targetsFile?: { readonly path: string; readonly sha256: string };
  /** `--fail-on` and `--min-severity`: the manifest records the exit code they give, the one the process returns. */
  readonly failPolicy?: FailPolicy;
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** `sha256:<hex>` of the key's DER SubjectPublicKeyInfo, as openssl prints it after `-outform DER`. */
export function keyId(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return `sha256:${sha256(pub.export({ type: 'spki', format: 'der' }))}`;
}

const GENPKEY = 'openssl genpkey -algorithm ed25519 -out key.pem';

/**
 * Loads an Ed25519 key from a PEM or DER file: the private key for `--sign`, the public key
 * for `verify --key` (a private key there stands for its public half). Refusals are
 * InputFileErrors named after the option: the CLI prints one line and exits 2 before any traffic.
 */
export function loadEd25519Key(path: string, want: 'private' | 'public', option: string): KeyObject {
  const label = `${option} ${path}`;
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, KEY_FILE_CAP);
  } catch (e) {
    throw e instanceof InputFileError ? new InputFileError(label, e.reason) : e;
  }
  const text = bytes.toString('latin1');
  // Refused before node sees it: an encrypted key would need a passphrase prompt (RFC 7468 §11).
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text)) {
    throw new InputFileError(label, `an encrypted key; give an unencrypted one (${GENPKEY})`);
  }
  const pem = text.includes('-----BEGIN ');
  const attempt = (make: () => KeyObject): KeyObject | undefined => {
    try {
      return make();
    } catch {
      return undefined;
    }
  };
  const privateKey = attempt(() => (pem ? createPrivateKey(bytes) : createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' })));
  const publicKey = privateKey ? undefined : attempt(() => (pem ? createPublicKey(bytes) : createPublicKey({ key: bytes, format: 'der', type: 'spki' })));
  const key = want === 'private' ? privateKey : (privateKey ?? publicKey);
  if (!key) {
    throw new InputFileError(label, publicKey ? `a public key; ${option} needs the private key (${GENPKEY})` : 'not a PEM or DER key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new InputFileError(label, `an ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  return want === 'public' && key.type === 'private' ? createPublicKey(key) : key;
}

export type Hashed = ManifestFile | { readonly name: string; readonly kind: string };

const KINDS: [(s: { isSymbolicLink(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }) => boolean, string][] = [
  [(s) => s.isSymbolicLink(), 'a symbolic link'],
  [(s) => s.isDirectory(), 'a directory'],
  [(s) => s.isFIFO(), 'a FIFO'],
  [(s) => s.isSocket(), 'a socket'],
];

/**
 * sha256 and size of DIR/name, streamed. Opened without following a symlink and without
 * blocking on a FIFO, then checked on the descriptor: anything but a regular file is named
 * by its kind instead. Returns undefined when the file does not exist.
 */
export async function hashFile(dir: string, name: string): Promise<Hashed | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(join(dir, name), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') return undefined;
    // O_NOFOLLOW on a symlink fails with ELOOP; name what is there instead.
    const stats = await lstat(join(dir, name)).catch(() => undefined);
    if (!stats) return undefined;
    return { name, kind: KINDS.find(([is]) => is(stats))?.[1] ?? 'not a regular file' };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { name, kind: KINDS.find(([is]) => is(stats))?.[1] ?? 'not a regular file' };
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of handle.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    return { name, bytes, sha256: hash.digest('hex') };
  } finally {
    await handle.close();
  }
}

export const isHashed = (h: Hashed): h is ManifestFile => 'sha256' in h;

/** The names a manifest covers: every entry directly in DIR but the manifest, its signature and subdirectories. */
export async function coveredNames(dir: string): Promise<Dirent[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory() && e.name !== MANIFEST_FILE && e.name !== SIGNATURE_FILE)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The exit code the CLI gives this scan under its fail policy (`--fail-on`, `--min-severity`); a
 * signal that came while reporting counts too. The CLI returns this and the manifest records it.
 */
export function scanExitCode(result: ScanResult, signal?: AbortSignal, policy: FailPolicy = DEFAULT_FAIL_POLICY): number {
  const interrupted = result.interrupted?.signal ?? (signal?.aborted ? (signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT') : undefined);
  return interrupted ? signalExitCode(interrupted) : exitCodeFor(result, policy);
}

/** The manifest's bytes: fixed key order, 2-space JSON, LF, trailing newline; signed as written. */
export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/**
 * Hashes every regular file in `dir` and writes manifest.json (and manifest.sig when a key is
 * given). Run after the last report is written. A stale manifest.sig is removed, so an
 * unsigned manifest never sits beside an old signature.
 */
export async function writeManifest(
  dir: string,
  targets: readonly ManifestTarget[],
  result: ScanResult,
  exitCode: number,
  opts: ManifestOptions = {},
): Promise<Manifest> {
  const files: ManifestFile[] = [];
  for (const entry of await coveredNames(dir)) {
    const hashed = await hashFile(dir, entry.name);
    // Symlinks, FIFOs and sockets are not reports: verify lists them as not covered.
    if (hashed && isHashed(hashed)) files.push(hashed);
  }
  const key = opts.signingKey;
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    tool: result.tool,
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    scanner: result.scanner,
    targetsFile: opts.targetsFile ? { path: opts.targetsFile.path, sha256: opts.targetsFile.sha256 } : null,
    targets: targets.map((t) => ({ name: t.name, url: t.url })),
    outcomes: countOutcomes(result.cases),
    internalErrors: result.internalErrors.length,
    interrupted: result.interrupted?.signal ?? null,
    exitCode,
    files,
    signature: key
      ? {
          algorithm: 'ed25519',
          file: SIGNATURE_FILE,
          publicKey: createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64'),
          keyId: keyId(key),
        }
      : null,
  };
  const bytes = manifestBytes(manifest);
  await rm(join(dir, SIGNATURE_FILE), { force: true });
  await writeAtomically(dir, MANIFEST_FILE, bytes);
  // Ed25519 takes no digest argument: null (node:crypto sign()).
  if (key) await writeAtomically(dir, SIGNATURE_FILE, sign(null, bytes, key));
  return manifest;
}

/** Written beside, then renamed: a reader never sees half a manifest. */
async function writeAtomically(dir: string, name: string, bytes: Buffer): Promise<void> {
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  await writeFile(tmp, bytes);
  await rename(tmp, join(dir, name));
}
