import { Socket } from 'node:net';

/** Why a read stopped. */
export type ReadEnd = 'complete' | 'idle' | 'timeout' | 'closed' | 'cap' | 'error';

export interface ReadResult {
  /** Bytes received during this read. */
  readonly data: Buffer;
  readonly end: ReadEnd;
}

export interface ReadLimits {
  /** Give up after this long without the reply being complete. */
  readonly deadlineMs: number;
  /** Once some bytes arrived, stop after this long without more. */
  readonly idleMs: number;
  /** True once the bytes so far are enough to decide. */
  readonly complete?: (data: Buffer) => boolean;
}

/**
 * One TCP conversation with hard limits: every read has a deadline, and no more than
 * `capBytes` are kept over the whole connection.
 */
export class Conversation {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private consumed = 0;
  private ended: 'closed' | 'error' | undefined;
  private errno: string | undefined;
  private wake: (() => void) | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly capBytes: number,
  ) {
    socket.on('data', (d: Buffer) => {
      if (this.size < capBytes) {
        const room = capBytes - this.size;
        this.chunks.push(d.length > room ? d.subarray(0, room) : d);
        this.size += Math.min(d.length, room);
      }
      this.wake?.();
    });
    socket.on('end', () => this.finish('closed'));
    socket.on('close', () => this.finish('closed'));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      this.errno = e.code ?? e.message;
      this.finish('error');
    });
  }

  /** Takes over a socket that is already connected (the port scan's, kept open): from now on every byte it receives is kept. */
  static adopt(socket: Socket, capBytes: number): Conversation {
    return new Conversation(socket, capBytes);
  }

  /** Connects with a timeout; rejects with the errno (or "connect timeout"). */
  static open(address: string, port: number, connectMs: number, capBytes: number): Promise<Conversation> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('connect timeout'));
      }, connectMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new Conversation(socket, capBytes));
      });
      socket.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new Error(e.code ?? e.message));
      });
      socket.connect({ host: address, port });
    });
  }

  get error(): string | undefined {
    return this.errno;
  }

  get closed(): boolean {
    return this.ended !== undefined;
  }

  write(bytes: Uint8Array): void {
    if (!this.ended) this.socket.write(bytes);
  }

  /** Reads what arrives from now on until the reply is complete, idle, capped, closed or late. */
  async read(limits: ReadLimits): Promise<ReadResult> {
    const started = Date.now();
    let lastSize = -1;
    let idleSince = Date.now();
    for (;;) {
      const data = this.unread();
      if (data.length !== lastSize) {
        lastSize = data.length;
        idleSince = Date.now();
      }
      if (data.length && limits.complete?.(data)) return this.take('complete');
      if (this.size >= this.capBytes) return this.take('cap');
      if (this.ended) return this.take(this.ended);
      const now = Date.now();
      if (now - started >= limits.deadlineMs) return this.take('timeout');
      if (data.length && now - idleSince >= limits.idleMs) return this.take('idle');
      const waitMs = Math.min(limits.deadlineMs - (now - started), data.length ? limits.idleMs - (now - idleSince) : Infinity);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.max(1, waitMs));
        this.wake = done;
        function done() {
          clearTimeout(timer);
          resolve();
        }
      });
      this.wake = undefined;
    }
  }

  close(): void {
    this.socket.destroy();
  }

  /** Hangs up with RST (linger 0), as the port scan does: the service sees no half-finished session. */
  reset(): void {
    if (!this.socket.destroyed) this.socket.resetAndDestroy();
  }

  private unread(): Buffer {
    const all = Buffer.concat(this.chunks);
    return all.subarray(this.consumed);
  }

  private take(end: ReadEnd): ReadResult {
    const data = this.unread();
    this.consumed += data.length;
    return { data: Buffer.from(data), end };
  }

  private finish(how: 'closed' | 'error'): void {
    this.ended ??= how;
    this.wake?.();
  }
}
