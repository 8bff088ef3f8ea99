import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { InputFileError, readRegularFile } from '../core/input-file.js';
import { safeLine } from '../core/safe-text.js';
import {
  coveredNames,
  hashFile,
  isHashed,
  keyId,
  loadEd25519Key,
  MANIFEST_CAP,
  MANIFEST_FILE,
  type Manifest,
  manifestSchema,
  SIGNATURE_FILE,
} from './manifest.js';

/** What differs from the scan: a report changed, gone or new, or the manifest/signature itself. */
export interface Finding {
  readonly what: 'modified' | 'missing' | 'added' | 'manifest' | 'signature';
  readonly name: string;
  readonly detail?: string;
}

export interface Verification {
  readonly findings: readonly Finding[];
  /** What was shown to hold (signature checked, or unsigned): printed whether intact or not. */
  readonly notes: readonly string[];
  readonly manifest?: Manifest;
}

/** A verify key: the file it came from (for messages) and the Ed25519 public key. */
export interface TrustedKey {
  readonly path: string;
  readonly key: KeyObject;
}

/** An Ed25519 signature is 64 bytes (RFC 8032 §5.1.6); a bigger manifest.sig is not one. */
const SIGNATURE_CAP = 1024;

/** A file read for verification: its bytes, absent, or why it cannot be used. */
function readOptional(dir: string, name: string, cap: number): Buffer | undefined | { problem: string } {
  try {
    return readRegularFile(join(dir, name), cap);
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    return e.reason === 'no such file' ? undefined : { problem: e.reason };
  }
}

const short = (hex: string) => hex.slice(0, 16);

/**
 * Compares DIR with the manifest.json a scan wrote there: every listed file present with its
 * sha256, nothing new beside them, and the signature (manifest.sig) valid. With a trusted key
 * the signature must verify with it; without one, a signed manifest is checked against the key
 * it names (which shows it is whole, not who signed it) and an unsigned one is said to be so.
 */
export async function verifyDir(dir: string, trusted?: TrustedKey): Promise<Verification> {
  const findings: Finding[] = [];
  const notes: string[] = [];
  const raw = readOptional(dir, MANIFEST_FILE, MANIFEST_CAP);
  if (raw === undefined) return { findings: [{ what: 'missing', name: MANIFEST_FILE, detail: 'nothing shows these files are what the scan wrote' }], notes };
  if (!Buffer.isBuffer(raw)) return { findings: [{ what: 'manifest', name: MANIFEST_FILE, detail: raw.problem }], notes };
  const sig = readOptional(dir, SIGNATURE_FILE, SIGNATURE_CAP);
  if (sig && !Buffer.isBuffer(sig)) findings.push({ what: 'signature', name: SIGNATURE_FILE, detail: sig.problem });
  const signature = Buffer.isBuffer(sig) ? sig : undefined;

  // The signature covers the file's bytes as written, so it is checked before they are parsed.
  if (trusted) {
    const id = keyId(trusted.key);
    if (sig === undefined) {
      findings.push({ what: 'signature', name: SIGNATURE_FILE, detail: `missing: the manifest is not signed, but --key ${trusted.path} asks for a signature` });
    } else if (signature && !verify(null, raw, trusted.key, signature)) {
      findings.push({
        what: 'signature',
        name: SIGNATURE_FILE,
        detail: `does not verify with ${trusted.path} (key ${id}): ${MANIFEST_FILE} or ${SIGNATURE_FILE} was altered, or another key signed it`,
      });
    } else if (signature) {
      notes.push(`signature verified with ${trusted.path} (key ${id})`);
    }
  }

  const manifest = parseManifest(raw);
  if (typeof manifest === 'string') {
    findings.push({ what: 'manifest', name: MANIFEST_FILE, detail: `altered: ${manifest}` });
    return { findings, notes };
  }
  if (!trusted) checkNamedKey(manifest, raw, sig, findings, notes);
  else if (manifest.signature && manifest.signature.keyId !== keyId(trusted.key) && findings.length) {
    notes.push(`${MANIFEST_FILE} names signing key ${manifest.signature.keyId}`);
  }

  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.name);
    const now = await hashFile(dir, file.name);
    if (!now) findings.push({ what: 'missing', name: file.name });
    else if (!isHashed(now)) findings.push({ what: 'modified', name: file.name, detail: `now ${now.kind}` });
    else if (now.sha256 !== file.sha256) {
      findings.push({
        what: 'modified',
        name: file.name,
        detail: `now ${now.bytes} bytes, sha256 ${short(now.sha256)}…; the scan wrote ${file.bytes} bytes, sha256 ${short(file.sha256)}…`,
      });
    }
  }
  for (const entry of await coveredNames(dir)) {
    if (listed.has(entry.name)) continue;
    const kind = entry.isFile() ? undefined : entry.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
    findings.push({ what: 'added', name: entry.name, ...(kind ? { detail: kind } : {}) });
  }
  return { findings, notes, manifest };
}

function parseManifest(raw: Buffer): Manifest | string {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'not valid JSON';
  }
  const parsed = manifestSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return `not a mageprobe manifest (${issue.path.join('.') || 'top level'}: ${issue.message})`;
}

/** No trusted key: a signed manifest is checked against the key it names; unsigned is said to be so. */
function checkNamedKey(manifest: Manifest, raw: Buffer, sig: Buffer | undefined | { problem: string }, findings: Finding[], notes: string[]): void {
  // An unreadable manifest.sig is already a finding.
  if (sig && !Buffer.isBuffer(sig)) return;
  const signature = sig;
  const named = manifest.signature;
  if (!named) {
    if (signature)
      findings.push({ what: 'signature', name: SIGNATURE_FILE, detail: `present, but ${MANIFEST_FILE} declares no signature: the manifest was altered` });
    else
      notes.push(
        `${MANIFEST_FILE} is unsigned: its hashes show whether the reports changed since it was written, not who wrote it (sign scans with --sign KEY.pem)`,
      );
    return;
  }
  if (!signature) {
    findings.push({ what: 'signature', name: SIGNATURE_FILE, detail: `missing, but ${MANIFEST_FILE} says key ${named.keyId} signed it` });
    return;
  }
  let key: KeyObject | undefined;
  try {
    key = createPublicKey({ key: Buffer.from(named.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    key = undefined;
  }
  if (key?.asymmetricKeyType !== 'ed25519' || keyId(key) !== named.keyId || !verify(null, raw, key, signature)) {
    findings.push({
      what: 'signature',
      name: SIGNATURE_FILE,
      detail: `does not verify with the key ${MANIFEST_FILE} names (${named.keyId}): the manifest or its signature was altered`,
    });
    return;
  }
  notes.push(
    `signature matches the key ${MANIFEST_FILE} names (${named.keyId}); that shows the manifest is whole, not who signed it: pass --key PUB.pem to check it against your key`,
  );
}

/** What `mageprobe verify` prints: a verdict line, what the manifest says the scan was, each finding. */
export function describeVerification(dir: string, v: Verification): string[] {
  const lines: string[] = [];
  const m = v.manifest;
  const scan = m
    ? ` (scan of ${m.targets.length > 3 ? `${m.targets.length} targets` : m.targets.map((t) => t.name).join(', ') || 'no target'} on ${m.scanner}, ${m.startedAt} to ${m.finishedAt}, exit ${m.exitCode})`
    : '';
  if (v.findings.length === 0) lines.push(`${dir}: intact: ${m!.files.length} file(s) match ${MANIFEST_FILE}${scan}`);
  else lines.push(`${dir}: CHANGED since the scan${scan}:`);
  for (const f of v.findings) lines.push(`  ${f.what}: ${f.name}${f.detail ? ` — ${f.detail}` : ''}`);
  for (const n of v.notes) lines.push(`${dir}: ${n}`);
  return lines.map(safeLine);
}

/**
 * `mageprobe verify DIR [--key PUB.pem]`: 0 intact, 1 changed. A DIR that is not a directory
 * or an unusable key is an InputFileError (the CLI exits 2 with one line).
 */
export async function runVerify(dir: string, keyPath: string | undefined, print: (line: string) => void): Promise<0 | 1> {
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (!stats) throw new InputFileError(dir, 'no such directory');
  if (!stats.isDirectory()) throw new InputFileError(dir, 'not a directory; name the directory the reports were written to');
  const trusted = keyPath === undefined ? undefined : { path: keyPath, key: loadEd25519Key(keyPath, 'public', '--key') };
  const v = await verifyDir(dir, trusted);
  for (const line of describeVerification(dir, v)) print(line);
  return v.findings.length ? 1 : 0;
}
