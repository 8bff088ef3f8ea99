import { pipeline, Readable, type Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { isProgrammingError } from '../../core/internal-error.js';
import type { BodyDecoding } from './exchange.js';

export interface ReadBody {
  readonly body: Buffer;
  readonly truncated: boolean;
  readonly decoding?: BodyDecoding;
}

type Wire = AsyncIterable<Buffer> & { destroy(): void };

/**
 * Reads at most `cap` bytes of a body as a client sees it: a Content-Encoding (RFC 9110 §8.4)
 * is undone whether we asked for it or not. Decoding is a stream that stops at `cap` decoded
 * bytes, so a decompression bomb costs no more than `cap`; the wire is capped at `cap` too.
 */
export async function readBody(wire: Wire, contentEncoding: string | undefined, cap: number): Promise<ReadBody> {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  if (!codings.length) return readCapped(wire, cap);
  const encoding = contentEncoding!.trim();
  // Own keys only: a coding named like an Object member ("constructor") is no decoder.
  const unknown = codings.find((c) => !Object.hasOwn(DECODERS, c));
  if (unknown) {
    const raw = await readCapped(wire, cap);
    const bytes = raw.body.length;
    return {
      ...raw,
      decoding: {
        encoding,
        wireBytes: bytes,
        decodedBytes: bytes,
        capped: raw.truncated,
        error: `content coding "${unknown}" is not decoded; body kept as sent`,
      },
    };
  }
  const it = wire[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return { body: Buffer.alloc(0), truncated: false, decoding: { encoding, wireBytes: 0, decodedBytes: 0, capped: false } };

  const sent: Buffer[] = [];
  let wireBytes = 0;
  let wireCapped = false;
  async function* source(): AsyncGenerator<Buffer> {
    let chunk: Buffer | undefined = first.value as Buffer;
    while (chunk) {
      const room = cap - wireBytes;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      sent.push(part);
      wireBytes += part.length;
      yield part;
      if (part !== chunk) {
        wireCapped = true;
        return;
      }
      const next = await it.next();
      chunk = next.done ? undefined : (next.value as Buffer);
    }
  }
  // Codings are listed in the order they were applied, so they are undone last to first.
  const decoders = [...codings].reverse().map((c, i) => DECODERS[c]!(i === 0 ? (first.value as Buffer) : undefined));
  const out: Buffer[] = [];
  let size = 0;
  let capped = false;
  let error: string | undefined;
  const settled = new Promise<void>((resolve) => pipeline([Readable.from(source()), ...decoders], () => resolve()));
  try {
    for await (const piece of decoders.at(-1)! as AsyncIterable<Buffer>) {
      const room = cap - size;
      if (piece.length > room) {
        out.push(piece.subarray(0, room));
        size += room;
        capped = true;
        break;
      }
      out.push(piece);
      size += piece.length;
    }
  } catch (e) {
    // A corrupt or cut stream is the server's; a bug of ours in decoding is an internal error.
    if (isProgrammingError(e)) {
      wire.destroy();
      throw e;
    }
    error = (e as Error).message;
  }
  if (capped || wireCapped || error) wire.destroy();
  await settled;
  // Data a browser could not decode is still what any other client reads: keep it as sent.
  if (error && size === 0) {
    const body = Buffer.concat(sent);
    return { body, truncated: wireCapped, decoding: { encoding, wireBytes, decodedBytes: 0, capped: false, error: `${error}; body kept as sent` } };
  }
  return {
    body: Buffer.concat(out),
    truncated: capped || wireCapped || error !== undefined,
    decoding: { encoding, wireBytes, decodedBytes: size, capped, ...(error ? { error } : {}) },
  };
}

/** A partial stream (a Range, a capped read) decodes as far as it goes instead of failing at its end. */
const ZLIB_PARTIAL = { finishFlush: constants.Z_SYNC_FLUSH };

const DECODERS: Readonly<Record<string, (head?: Buffer) => Transform>> = {
  gzip: () => createGunzip(ZLIB_PARTIAL),
  'x-gzip': () => createGunzip(ZLIB_PARTIAL),
  // RFC 9110 §8.4.1.2: "deflate" is zlib-wrapped, but some servers send raw deflate; the zlib
  // header (CMF 8, check bits) tells them apart.
  deflate: (head) =>
    head && head.length >= 2 && (head[0]! & 0x0f) === 8 && ((head[0]! << 8) | head[1]!) % 31 === 0
      ? createInflate(ZLIB_PARTIAL)
      : head
        ? createInflateRaw(ZLIB_PARTIAL)
        : createInflate(ZLIB_PARTIAL),
  br: () => createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH }),
};

async function readCapped(body: Wire, cap: number): Promise<ReadBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const room = cap - size;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      body.destroy();
      return { body: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { body: Buffer.concat(chunks), truncated: false };
}
