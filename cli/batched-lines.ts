/**
 * Lines for stdout, written together: one write per turn of the event loop instead of one per
 * line. A scan prints a line per case, cases end in bursts, and each write to a pipe or file is a
 * system call (synchronous on Linux): 53 of them for one target, 5,300 for a hundred.
 */
export interface BatchedLines {
  line(text: string): void;
  /** Writes what is pending now: before other output that must come after these lines. */
  flush(): void;
}

export function batchedLines(write: (text: string) => void = (text) => process.stdout.write(text)): BatchedLines {
  let pending: string[] = [];
  const flush = () => {
    if (!pending.length) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    write(text);
  };
  return {
    line(text) {
      if (!pending.length) setImmediate(flush);
      pending.push(text);
    },
    flush,
  };
}
