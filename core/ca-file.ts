import { X509Certificate } from 'node:crypto';
import { InputFileError, readRegularFile, SIZE_CAP } from './input-file.js';

interface PemBlock {
  readonly label: string;
  readonly text: string;
  readonly index: number;
}

/**
 * RFC 7468 §2 blocks: "-----BEGIN label-----", base64, "-----END label-----". Found with
 * indexOf, one pass over the file, so a crafted caFile costs time linear in its size;
 * undefined when a BEGIN has no matching END.
 */
function pemBlocks(text: string): PemBlock[] | undefined {
  const blocks: PemBlock[] = [];
  for (let at = text.indexOf('-----BEGIN '); at >= 0; at = text.indexOf('-----BEGIN ', at + 1)) {
    const labelEnd = text.indexOf('-----', at + 11);
    const label = labelEnd < 0 ? '' : text.slice(at + 11, labelEnd);
    if (!label || /[\r\n]/.test(label)) return undefined;
    const end = `-----END ${label}-----`;
    const endAt = text.indexOf(end, labelEnd + 5);
    if (endAt < 0 || text.lastIndexOf('-----BEGIN ', endAt) !== at) return undefined;
    blocks.push({ label, text: text.slice(at, endAt + end.length), index: at });
    at = endAt;
  }
  return blocks;
}

/**
 * Reads a caFile: a bounded regular file of PEM certificates, each of which must parse.
 * Node's TLS stack skips what it cannot read without a word, which would turn a wrong file
 * into "untrusted certificate" failures far from their cause; here it names the file and line.
 */
export function readCaFile(path: string): string {
  const text = readRegularFile(path, SIZE_CAP.caFile).toString('utf8');
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const blocks = pemBlocks(text);
  if (!blocks) throw new InputFileError(path, 'a PEM block has no matching -----END line');
  if (blocks.length === 0) throw new InputFileError(path, 'no PEM certificate (-----BEGIN CERTIFICATE-----) in it');
  for (const block of blocks) {
    const where = (): string => `${path}:${lineOf(block.index)}`;
    if (block.label !== 'CERTIFICATE') throw new InputFileError(where(), `a ${block.label} block, not a CERTIFICATE`);
    try {
      new X509Certificate(block.text);
    } catch (e) {
      throw new InputFileError(where(), `not a valid certificate (${(e as Error).message})`);
    }
  }
  return text;
}
