import { X509Certificate } from 'node:crypto';
import { InputFileError, readRegularFile, SIZE_CAP } from './input-file.js';

// RFC 7468 §2: "-----BEGIN label-----", base64, "-----END label-----".
const PEM_BLOCK = /-----BEGIN ([^-\r\n]+)-----[\s\S]*?-----END \1-----/g;

/**
 * Reads a caFile: a bounded regular file of PEM certificates, each of which must parse.
 * Node's TLS stack skips what it cannot read without a word, which would turn a wrong file
 * into "untrusted certificate" failures far from their cause; here it names the file and line.
 */
export function readCaFile(path: string): string {
  const text = readRegularFile(path, SIZE_CAP.caFile).toString('utf8');
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) throw new InputFileError(path, 'no PEM certificate (-----BEGIN CERTIFICATE-----) in it');
  const begins = text.match(/-----BEGIN /g)?.length ?? 0;
  if (begins !== blocks.length) throw new InputFileError(path, 'a PEM block has no matching -----END line');
  for (const block of blocks) {
    const where = `${path}:${lineOf(block.index)}`;
    if (block[1] !== 'CERTIFICATE') throw new InputFileError(where, `a ${block[1]} block, not a CERTIFICATE`);
    try {
      new X509Certificate(block[0]);
    } catch (e) {
      throw new InputFileError(where, `not a valid certificate (${(e as Error).message})`);
    }
  }
  return text;
}
