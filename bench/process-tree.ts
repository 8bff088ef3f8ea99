import { readdirSync, readFileSync } from 'node:fs';

/** pid → its children, from field 4 of /proc/PID/stat (after the parenthesised name, which may hold spaces). */
function childrenOf(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(name)]);
    } catch {
      // Gone between readdir and read.
    }
  }
  return kids;
}

/** A process and all its descendants now (the benches sample memory and CPU over the whole tree). */
export function processTree(root: number): number[] {
  const kids = childrenOf();
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(kids.get(pid) ?? []));
  }
  return out;
}
