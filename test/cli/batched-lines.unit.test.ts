import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { batchedLines } from '../../cli/batched-lines.js';

describe('progress lines (cli/batched-lines.ts)', () => {
  it('writes the lines of one turn of the event loop in one write, in order', async () => {
    const writes: string[] = [];
    const progress = batchedLines((t) => writes.push(t));
    progress.line('a');
    progress.line('b');
    expect(writes).toEqual([]);
    await nextTurn();
    progress.line('c');
    await nextTurn();
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('writes what is pending at once when flushed, and nothing twice', async () => {
    const writes: string[] = [];
    const progress = batchedLines((t) => writes.push(t));
    progress.line('a');
    progress.flush();
    progress.flush();
    await nextTurn();
    expect(writes).toEqual(['a\n']);
  });
});
