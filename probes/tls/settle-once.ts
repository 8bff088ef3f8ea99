/** How a socket conversation ends: the first call wins; later events change nothing. */
export interface Settler<T> {
  finish(value: T): void;
  /** Rejects: only for a bug of ours (an internal error), never for what the server did. */
  fail(error: unknown): void;
  /** Arms the conversation's deadline, replacing the previous one. */
  deadline(ms: number, onExpiry: () => T): void;
}

/**
 * Ends a socket conversation exactly once: clears the deadline and destroys the socket before
 * settling the promise, so a late 'error' or 'end' can neither settle twice nor leak the socket.
 */
export function settleOnce<T>(socket: { destroy(): void }, resolve: (value: T) => void, reject: (error: unknown) => void): Settler<T> {
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  const end = (then: () => void) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    socket.destroy();
    then();
  };
  return {
    finish: (value) => end(() => resolve(value)),
    fail: (error) => end(() => reject(error)),
    deadline(ms, onExpiry) {
      clearTimeout(timer);
      timer = setTimeout(() => end(() => resolve(onExpiry())), ms);
    },
  };
}
