import type { Socket } from 'node:net';
import { Conversation } from './conversation.js';

export interface HoldOptions {
  /** Connections held at once; an open port past it is reset at once, as without holding. */
  readonly limit: number;
  /** A held connection nobody took within this long is reset: the service may time idle clients out. */
  readonly holdMs: number;
  /** Bytes kept per connection (what the taker would have kept on its own connection). */
  readonly capBytes: number;
}

/**
 * Connections the port scan found open and kept instead of resetting, each for the next talker
 * to its port (service identification): one connection then both decides "open" and carries the
 * first exchange, so a forking server (sshd re-executes itself per connection) accepts one less.
 * Bytes the server sends meanwhile (a greeting) are kept for the taker. A connection the server
 * ended while held is not handed out: the taker connects afresh, as it would have anyway.
 */
export class HeldConnections {
  private readonly held = new Map<number, { readonly conversation: Conversation; readonly timer: NodeJS.Timeout }>();
  /** After releaseAll: the scan's taker is gone, nothing more is kept. */
  private ended = false;

  constructor(private readonly opts: HoldOptions) {}

  /** Keeps the scan's socket to `port` when there is room; false leaves it to the scan to reset. */
  offer(port: number, socket: Socket): boolean {
    if (this.ended || this.held.has(port) || this.held.size >= this.opts.limit) return false;
    const conversation = Conversation.adopt(socket, this.opts.capBytes);
    const timer = setTimeout(() => this.release(port), this.opts.holdMs);
    timer.unref();
    this.held.set(port, { conversation, timer });
    return true;
  }

  /** The held connection to `port`, once, while the server has not ended it; the taker closes it. */
  take(port: number): Conversation | undefined {
    const h = this.held.get(port);
    if (!h) return undefined;
    this.held.delete(port);
    clearTimeout(h.timer);
    if (!h.conversation.closed) return h.conversation;
    h.conversation.reset();
    return undefined;
  }

  /** Ports whose connection is still held. */
  get ports(): number[] {
    return [...this.held.keys()];
  }

  /** Resets a connection nobody took, as the scan would have at once. */
  private release(port: number): void {
    this.take(port)?.reset();
  }

  /** Resets every connection still held; a connection the scan still finds open afterwards is reset at once. */
  releaseAll(): void {
    this.ended = true;
    for (const port of this.ports) this.release(port);
  }
}
