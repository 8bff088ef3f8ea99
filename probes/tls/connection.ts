import { Socket } from 'node:net';
import { isProgrammingError } from '../../core/internal-error.js';
import { settleOnce } from './settle-once.js';

/** Where and how to reach a TLS endpoint. */
export interface TlsEndpoint {
  /** Address connected to (the target's address override, or its host). */
  readonly address: string;
  readonly port: number;
  /** Server name sent as SNI (the target's host, also when connecting to an address). */
  readonly sni?: string;
  readonly connectMs: number;
  /** Longest wait for the server's answer once the hello is sent. */
  readonly readMs: number;
}

/** What happened on the wire, before any interpretation of the bytes. */
export type WireEnd<T> =
  | { readonly kind: 'answered'; readonly value: T }
  | { readonly kind: 'connect-failed'; readonly reason: string }
  | { readonly kind: 'closed'; readonly how: 'reset' | 'fin'; readonly bytes: number }
  | { readonly kind: 'timeout'; readonly bytes: number }
  | { readonly kind: 'garbage'; readonly detail: string; readonly head: string };

/** The conversation's next step after new bytes: wait, answer with more bytes, or finish. */
export type Step<T> = { readonly need: true } | { readonly send: Buffer } | { readonly done: T };

const MAX_READ = 64 * 1024;

/**
 * Connects, sends `first`, then feeds every received byte (all of them so far) to `step`
 * until it finishes. Every phase has its own timeout; reads are capped at `maxBytes`.
 * Rejects only when `step` throws a bug of ours (TypeError…): an internal error, never "garbage".
 */
export function converse<T>(ep: TlsEndpoint, first: Buffer, step: (received: Buffer) => Step<T>, maxBytes = MAX_READ): Promise<WireEnd<T>> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let received = Buffer.alloc(0);
    let connected = false;
    const { finish, fail, deadline } = settleOnce<WireEnd<T>>(socket, resolve, reject);
    deadline(ep.connectMs, () => ({ kind: 'connect-failed', reason: `connect timeout after ${ep.connectMs} ms` }));
    socket.setNoDelay(true);
    socket.once('connect', () => {
      connected = true;
      deadline(ep.readMs, () => ({ kind: 'timeout', bytes: received.length }));
      socket.write(first);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length > maxBytes) {
        finish({ kind: 'garbage', detail: `no answer within ${maxBytes} bytes`, head: received.subarray(0, 16).toString('hex') });
        return;
      }
      let next: Step<T>;
      try {
        next = step(received);
      } catch (e) {
        if (isProgrammingError(e)) return fail(e);
        finish({ kind: 'garbage', detail: (e as Error).message, head: received.subarray(0, 16).toString('hex') });
        return;
      }
      if ('done' in next) finish({ kind: 'answered', value: next.done });
      else if ('send' in next) socket.write(next.send);
    });
    socket.once('end', () => finish({ kind: 'closed', how: 'fin', bytes: received.length }));
    socket.once('error', (e: NodeJS.ErrnoException) => {
      // Once connected, any socket error (ECONNRESET, EPIPE…) ends the conversation as a reset.
      if (!connected) finish({ kind: 'connect-failed', reason: e.code ?? e.message });
      else finish({ kind: 'closed', how: 'reset', bytes: received.length });
    });
    socket.connect({ host: ep.address, port: ep.port });
  });
}
