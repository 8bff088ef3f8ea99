import { dirname, resolve } from 'node:path';
import { type Document, isMap, isPair, isScalar, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { readCaFile } from './ca-file.js';
import { bareHost } from './host-name.js';
import { checkRegularFile, InputFileError, readRegularFile, SIZE_CAP } from './input-file.js';
import { type Inventory, loadInventoryFile } from './inventory.js';
import type { Target } from './target.js';
import { type TargetEntry, type TargetsFile, targetsFileSchema } from './targets-schema.js';

/** A problem in the targets file, located for the user. */
export interface TargetsFileProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted path of the offending field, e.g. targets[0].url */
  readonly field: string;
  readonly message: string;
}

export class TargetsFileError extends Error {
  constructor(readonly problems: readonly TargetsFileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.field}: ${p.message}`).join('\n'));
  }
}

/** The defaults a target gets when neither it nor `defaults` says otherwise. */
export const BUILT_IN = {
  httpPort: 80,
  allowedPorts: [80, 443],
  scan: 'magento',
  // Connection attempts in flight per host: a default-drop host (cloud security group) is scanned
  // in the filtered timeout × 2 ÷ this; 512 keeps a full range under a quarter of nmap -T4.
  scanConcurrency: 512,
  sshPort: 22,
  connectMs: 5_000,
  requestMs: 15_000,
  // Generous: a full port range plus cipher enumeration fits; a dripping server cannot hold a scan for ever.
  targetMs: 15 * 60_000,
  concurrency: 6,
  requestBudget: 2_000,
  xssProtection: ['1; mode=block'],
  hstsMinAge: 180 * 24 * 3600,
  // Magento's storefront pages where card data or credentials are entered, or that lead there.
  paymentPages: ['/', '/checkout/cart/', '/checkout/', '/customer/account/login/'],
} as const;

/**
 * Reads, validates and resolves a targets file; throws TargetsFileError with lines, or
 * InputFileError when the file itself cannot be read (FIFO, device, too large). No traffic.
 */
export function loadTargetsFile(path: string, opts: LoadOptions = {}): Target[] {
  const text = readRegularFile(path, SIZE_CAP.targetsFile).toString('utf8');
  return parseTargets(text, path, opts);
}

export interface LoadOptions {
  /** false: leave each target's `inventory:` file unread (`mageprobe inventory` drafts it). */
  readonly inventories?: boolean;
}

// An anchor expanded more often than this is a "billion laughs" file, not a targets file.
export const MAX_ALIAS_COUNT = 100;

export function parseTargets(text: string, file = '<targets>', opts: LoadOptions = {}): Target[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length) {
    throw new TargetsFileError(
      doc.errors.map((e) => {
        const { line, col } = at(e.pos[0]);
        return { file, line, column: col, field: '(yaml)', message: e.message.split('\n')[0] ?? e.message };
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // yaml throws here for an alias bomb or an alias used before its anchor.
    const { line, col } = at(firstAlias(doc) ?? 0);
    const message = (e as Error).message;
    const limit = /excessive alias/i.test(message) ? ` (aliases are expanded at most ${MAX_ALIAS_COUNT} times)` : '';
    throw new TargetsFileError([{ file, line, column: col, field: '(yaml)', message: `${message}${limit}` }]);
  }
  const parsed = targetsFileSchema.safeParse(data);
  if (!parsed.success) {
    const located = parsed.error.issues.map((issue) => locate(issue, doc.contents, at, file));
    // One problem per field: zod may report a bad URL twice (format, then scheme).
    throw new TargetsFileError(located.filter((p, i) => located.findIndex((q) => q.field === p.field) === i));
  }
  const names = new Set<string>();
  const problems: TargetsFileProblem[] = [];
  parsed.data.targets.forEach((t, i) => {
    if (names.has(t.name)) {
      problems.push(
        locate({ code: 'custom', path: ['targets', i, 'name'], message: `duplicate target name "${t.name}"` } as z.core.$ZodIssue, doc.contents, at, file),
      );
    }
    names.add(t.name);
  });
  const baseDir = file.startsWith('<') ? process.cwd() : dirname(resolve(file));
  // Files the targets file names must be usable before anything is sent: caFiles read and
  // parsed as PEM certificates, evidence documents regular files under the size cap.
  type Named = [(string | number)[], string | undefined, (path: string) => unknown];
  const checkEvidence = (path: string) => checkRegularFile(path, SIZE_CAP.evidence);
  const caTexts = new Map<string, string>();
  const checkCa = (path: string) => caTexts.set(path, caTexts.get(path) ?? readCaFile(path));
  const evidenceFiles = (scope: (string | number)[], evidence: Record<string, string> | undefined): Named[] =>
    Object.entries(evidence ?? {}).map(([id, doc]): Named => [[...scope, 'evidence', id], doc, checkEvidence]);
  const named: Named[] = [
    [['defaults', 'caFile'], parsed.data.defaults?.caFile, checkCa],
    ...evidenceFiles(['defaults'], parsed.data.defaults?.evidence),
    ...parsed.data.targets.flatMap((t, i): Named[] => [[['targets', i, 'caFile'], t.caFile, checkCa], ...evidenceFiles(['targets', i], t.evidence)]),
  ];
  for (const [path, name, check] of named) {
    if (!name) continue;
    try {
      check(resolve(baseDir, name));
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      problems.push(locate({ code: 'custom', path, message: e.message } as z.core.$ZodIssue, doc.contents, at, file));
    }
  }
  // Each target's script inventory (SCR-01..04), relative to this file; its own problems name its lines.
  const inventories = new Map<number, Inventory>();
  parsed.data.targets.forEach((t, i) => {
    if (!t.inventory || opts.inventories === false) return;
    try {
      inventories.set(i, loadInventoryFile(resolve(baseDir, t.inventory)));
    } catch (e) {
      if (e instanceof TargetsFileError) problems.push(...e.problems);
      else if (e instanceof InputFileError)
        problems.push(locate({ code: 'custom', path: ['targets', i, 'inventory'], message: e.message } as z.core.$ZodIssue, doc.contents, at, file));
      else throw e;
    }
  });
  if (problems.length) throw new TargetsFileError(problems);
  const readCa = (path: string) => caTexts.get(path) ?? readCaFile(path);
  return parsed.data.targets.map((t, i) => {
    const target = resolveTarget(t, parsed.data.defaults, baseDir, readCa);
    const inventory = inventories.get(i);
    return inventory ? { ...target, inventory } : target;
  });
}

/** Offset of the first alias (*name) in the document, where an alias bomb starts. */
export function firstAlias(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

export function locate(issue: z.core.$ZodIssue, root: unknown, at: (o: number) => { line: number; col: number }, file: string): TargetsFileProblem {
  let path = issue.path as (string | number)[];
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    message = `unknown key "${keys[0]}"${keys.length > 1 ? ` (and ${keys.slice(1).join(', ')})` : ''}`;
    path = [...path, keys[0]!];
  }
  const { node, key } = findNode(root, path);
  const range = (key ?? node)?.range;
  const { line, col } = range ? at(range[0]) : { line: 1, col: 1 };
  return { file, line, column: col, field: formatPath(path), message };
}

/** Walks the YAML AST along a zod path; returns the deepest node found (and the key node for the last step). */
function findNode(root: unknown, path: (string | number)[]): { node?: Node; key?: Node } {
  let node = root as Node | undefined;
  let key: Node | undefined;
  for (const step of path) {
    if (!node || !('items' in node)) break;
    const items = (node as unknown as { items: unknown[] }).items;
    if (isMap(node)) {
      const pair = items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === step);
      if (!pair || !isPair(pair)) break;
      key = pair.key as Node;
      node = (pair.value as Node | null) ?? key;
    } else {
      const next = items[step as number] as Node | undefined;
      if (!next) break;
      key = undefined;
      node = next;
    }
  }
  return { node, key };
}

function formatPath(path: (string | number | symbol)[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '') || '(file)';
}

type Settings = NonNullable<TargetsFile['defaults']>;

/**
 * Merges defaults under a target entry (target wins, objects merge one level deep, lists replace).
 * Reads the caFile through `readCa` (which throws InputFileError for an unusable file).
 */
export function resolveTarget(entry: TargetEntry, defaults: Settings = {}, baseDir = process.cwd(), readCa = readCaFile): Target {
  const pick = <K extends keyof Settings>(k: K): NonNullable<Settings[K]> | undefined => {
    const d = defaults[k];
    const t = entry[k];
    if (d && t && typeof d === 'object' && !Array.isArray(d)) return { ...(d as object), ...(t as object) } as NonNullable<Settings[K]>;
    return (t ?? d) as NonNullable<Settings[K]> | undefined;
  };
  const url = new URL(entry.url);
  const caFile = pick('caFile');
  const caPath = caFile ? resolve(baseDir, caFile) : undefined;
  const ports: NonNullable<Settings['ports']> = pick('ports') ?? {};
  const policy: NonNullable<Settings['policy']> = pick('policy') ?? {};
  const waivers = [...(defaults.waivers ?? []), ...(entry.waivers ?? [])];
  const target: Target = {
    name: entry.name,
    url: url.href,
    host: bareHost(url),
    ...(entry.address ? { address: entry.address } : {}),
    ...(caPath ? { caFile: caPath, ca: readCa(caPath) } : {}),
    httpPort: pick('http')?.port ?? (url.protocol === 'http:' && url.port ? Number(url.port) : BUILT_IN.httpPort),
    httpsPort: url.protocol === 'https:' ? Number(url.port || 443) : 443,
    ports: {
      allowed: ports.allowed ?? [...BUILT_IN.allowedPorts],
      scan: ports.scan ?? BUILT_IN.scan,
      concurrency: ports.concurrency ?? BUILT_IN.scanConcurrency,
    },
    ssh: { port: pick('ssh')?.port ?? BUILT_IN.sshPort, allowedFromHere: pick('ssh')?.allowedFromHere ?? false },
    admin: pick('admin')?.path ? { path: pick('admin')!.path! } : {},
    magento: {
      ...(pick('magento')?.version ? { version: pick('magento')!.version! } : {}),
      ...(pick('magento')?.edition ? { edition: pick('magento')!.edition! } : {}),
    },
    timeouts: {
      connectMs: pick('timeouts')?.connectMs ?? BUILT_IN.connectMs,
      requestMs: pick('timeouts')?.requestMs ?? BUILT_IN.requestMs,
      targetMs: pick('timeouts')?.targetMs ?? BUILT_IN.targetMs,
    },
    politeness: {
      concurrency: pick('politeness')?.concurrency ?? BUILT_IN.concurrency,
      requestBudget: pick('politeness')?.requestBudget ?? BUILT_IN.requestBudget,
    },
    policy: {
      xssProtection: policy.xssProtection ?? [...BUILT_IN.xssProtection],
      hstsMinAge: policy.hstsMinAge ?? BUILT_IN.hstsMinAge,
      ...(policy.cipherSuites ? { cipherSuites: policy.cipherSuites } : {}),
      methodsIncludeRest: policy.methodsIncludeRest ?? false,
    },
    waivers,
    paymentPages: pick('paymentPages') ?? [...BUILT_IN.paymentPages],
    evidence: Object.fromEntries(Object.entries({ ...(defaults.evidence ?? {}), ...(entry.evidence ?? {}) }).map(([id, doc]) => [id, resolve(baseDir, doc)])),
  };
  return target;
}

/** Builds a target from an inline entry, as tests and the demo do. */
export function makeTarget(entry: TargetEntry, defaults?: Settings): Target {
  const parsed = targetsFileSchema.parse({ targets: [entry], ...(defaults ? { defaults } : {}) });
  return resolveTarget(parsed.targets[0]!, parsed.defaults);
}
