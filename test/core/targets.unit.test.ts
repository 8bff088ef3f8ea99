import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputFileError, readRegularFile, SIZE_CAP } from '../../core/input-file.js';
import { loadTargetsFile, parseTargets, TargetsFileError } from '../../core/targets.js';
import { type LabCertificate, makeLabCertificate } from '../lab/pki.js';

function problems(text: string) {
  try {
    parseTargets(text, 'targets.yaml');
  } catch (e) {
    if (e instanceof TargetsFileError) return e.problems;
    throw e;
  }
  throw new Error('expected the file to be rejected');
}

describe('targets file', () => {
  it('merges defaults under each target, target keys winning', () => {
    const [t] = parseTargets(
      `defaults:
  ports: { allowed: [80, 443, 22], scan: top1000 }
  timeouts: { connectMs: 900 }
targets:
  - name: shop
    url: https://shop.example.com:8443/
    address: 203.0.113.10
    ports: { allowed: [443] }
    admin: { path: /backoffice_x7 }
`,
    );
    expect(t).toMatchObject({
      name: 'shop',
      host: 'shop.example.com',
      address: '203.0.113.10',
      httpsPort: 8443,
      httpPort: 80,
      ports: { allowed: [443], scan: 'top1000' },
      timeouts: { connectMs: 900, requestMs: 15000 },
      ssh: { port: 22, allowedFromHere: false },
      admin: { path: '/backoffice_x7' },
    });
  });

  it("names the line of a typo'd key", () => {
    const [p] = problems('targets:\n  - name: shop\n    url: https://shop.example.com/\n    adress: 203.0.113.10\n');
    expect(p).toMatchObject({ line: 4, field: 'targets[0].adress', message: 'unknown key "adress"' });
  });

  it('names the line of a bad URL, once', () => {
    const found = problems('targets:\n  - name: shop\n    url: shop.example.com\n');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 3, field: 'targets[0].url' });
  });

  it('rejects duplicate names, bad ports, expired-format dates and missing caFiles with their lines', () => {
    const found = problems(`targets:
  - name: shop
    url: https://a.example.com/
    ports: { allowed: [0] }
  - name: shop
    url: https://b.example.com/
    caFile: ./nope.pem
    waivers:
      - { check: HDR-05, justification: because reasons given, expires: 31/12/2027 }
`);
    const byField = Object.fromEntries(found.map((p) => [p.field, p.line]));
    expect(byField['targets[0].ports.allowed[0]']).toBe(4);
    expect(byField['targets[1].waivers[0].expires']).toBe(9);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('targets:\n  - name: shop\n    url: [unclosed\n')[0]!.field).toBe('(yaml)');
  });

  it('loads the caFile text relative to the targets file', async () => {
    const pki = await makeLabCertificate(['shop.example.com']);
    const file = join(pki.dir, 'targets.yaml');
    const text = 'targets:\n  - name: shop\n    url: https://shop.example.com/\n    caFile: ./ca.pem\n';
    const [t] = parseTargets(text, file);
    expect(t!.ca).toBe(pki.caPem);
    expect(() => parseTargets(text.replace('ca.pem', 'missing.pem'), file)).toThrow(/targets.yaml:4:.*missing.pem: no such file/);
  });

  it('refuses credentials in a URL, naming the line (reports would copy them everywhere)', () => {
    const [p, ...more] = problems('targets:\n  - name: shop\n    url: https://admin:s3cret@shop.example.com/\n');
    expect(more).toEqual([]);
    expect(p).toMatchObject({ line: 3, field: 'targets[0].url', message: expect.stringContaining('user:password@') });
    expect(JSON.stringify(p)).not.toContain('s3cret');
    expect(problems('targets:\n  - name: shop\n    url: http://admin@shop.example.com/\n')[0]).toMatchObject({ line: 3 });
  });

  it('refuses port 0 in a URL and in port lists', () => {
    expect(problems('targets:\n  - name: shop\n    url: https://shop.example.com:0/\n')[0]).toMatchObject({ line: 3, message: 'a port from 1 to 65535' });
    expect(problems('targets:\n  - name: shop\n    url: https://shop.example.com/\n    ssh: { port: 0 }\n')[0]).toMatchObject({
      line: 4,
      field: 'targets[0].ssh.port',
    });
  });

  it('accepts only real calendar dates for a waiver', () => {
    const waiver = (expires: string) =>
      `targets:\n  - name: shop\n    url: https://shop.example.com/\n    waivers:\n      - { check: HDR-01, justification: payment iframe until SEC-9, expires: ${expires} }\n`;
    for (const bad of ['2099-02-31', '2100-02-29', '2027-13-01', '2027-04-31']) {
      expect(problems(waiver(bad))[0], bad).toMatchObject({ line: 5, field: 'targets[0].waivers[0].expires', message: 'a real calendar date as YYYY-MM-DD' });
    }
    expect(parseTargets(waiver('2096-02-29'))[0]!.waivers[0]!.expires).toBe('2096-02-29');
  });

  it('stops a YAML alias bomb with a clear error at the first alias', () => {
    const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [prev, next] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 'g'],
      ['g', 'h'],
    ]) {
      laughs.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const started = Date.now();
    const [p] = problems(`${laughs.join('\n')}\ntargets: [*h]\n`);
    expect(p).toMatchObject({ line: 2, field: '(yaml)', message: expect.stringContaining('aliases are expanded at most 100 times') });
    expect(Date.now() - started).toBeLessThan(2_000);
    const [early] = problems('targets:\n  - name: shop\n    url: *url\nurl: &url https://shop.example.com/\n');
    expect(early).toMatchObject({ line: 3, field: '(yaml)', message: expect.stringMatching(/^Unresolved alias/) });
  });
});

describe('files the targets file names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-files-'));
  let pki: LabCertificate;
  beforeAll(async () => {
    pki = await makeLabCertificate(['shop.example.com']);
  });
  const caProblem = (caFile: string) => {
    const [p, ...more] = problems(`targets:\n  - name: shop\n    url: https://shop.example.com/\n    caFile: ${caFile}\n`);
    expect(more).toEqual([]);
    expect(p).toMatchObject({ line: 4, field: 'targets[0].caFile' });
    return p!.message;
  };

  it('refuses a device, a directory or a FIFO as caFile without reading from it', () => {
    expect(caProblem('/dev/zero')).toBe('/dev/zero: a character device, not a regular file');
    expect(caProblem(dir)).toBe(`${dir}: a directory, not a regular file`);
    const fifo = join(dir, 'ca.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(caProblem(fifo)).toBe(`${fifo}: a FIFO, not a regular file`);
  });

  it('refuses a caFile over the size cap', () => {
    const big = join(dir, 'big.pem');
    writeFileSync(big, readFileSync(pki.caFile));
    truncateSync(big, SIZE_CAP.caFile + 1);
    expect(caProblem(big)).toContain('over the 1048576-byte limit');
  });

  it('requires the caFile to hold PEM certificates, each of which parses', () => {
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    expect(caProblem(file('notes.txt', 'trust me\n'))).toContain('no PEM certificate');
    const key = readFileSync(pki.keyFile, 'utf8');
    expect(caProblem(file('with-key.pem', `${pki.caPem}${key}`))).toMatch(/with-key\.pem:\d+: a PRIVATE KEY block, not a CERTIFICATE/);
    const broken = pki.caPem.replace(/\n(.)/, '\nX$1');
    expect(caProblem(file('broken.pem', `# lab CA\n${broken}`))).toMatch(/broken\.pem:2: not a valid certificate/);
    expect(caProblem(file('cut.pem', pki.caPem.replace(/-----END[^\n]*\n/, '')))).toContain('no matching -----END');
    expect(caProblem(file('half.pem', `${pki.caPem}-----BEGIN CERTIFICATE-----\nMII\n`))).toContain('no matching -----END');
  });

  it('reads a crafted 1 MiB caFile of unmatched BEGIN lines in linear time', () => {
    const crafted = join(dir, 'crafted.pem');
    writeFileSync(crafted, '-----BEGIN A-----\n'.repeat(Math.floor((SIZE_CAP.caFile - 1) / 18)));
    const started = performance.now();
    expect(caProblem(crafted)).toContain('no matching -----END');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses evidence documents that are not regular files, or over the cap, naming their line', () => {
    const huge = join(dir, 'huge.pdf');
    writeFileSync(huge, '');
    truncateSync(huge, SIZE_CAP.evidence + 1); // sparse: stat says too big, nothing is read
    const found = problems(
      `defaults:\n  evidence: { INT-01: ${dir} }\ntargets:\n  - name: shop\n    url: https://shop.example.com/\n    evidence:\n      INT-02: /dev/null\n      INT-03: ${huge}\n`,
    );
    expect(found.map((p) => [p.line, p.field, p.message.replace(/^.*: /, '')])).toEqual([
      [2, 'defaults.evidence.INT-01', 'a directory, not a regular file'],
      [7, 'targets[0].evidence.INT-02', 'a character device, not a regular file'],
      [8, 'targets[0].evidence.INT-03', `${SIZE_CAP.evidence + 1} bytes, over the ${SIZE_CAP.evidence}-byte limit`],
    ]);
  });

  it('reads the targets file only if it is a regular file under the cap', () => {
    const refused = (path: string) => {
      try {
        loadTargetsFile(path);
      } catch (e) {
        if (e instanceof InputFileError) return e.message;
        throw e;
      }
      throw new Error(`${path} was accepted`);
    };
    const fifo = join(dir, 'targets.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(refused(fifo)).toBe(`${fifo}: a FIFO, not a regular file`);
    mkdirSync(join(dir, 'targets.d'));
    expect(refused(join(dir, 'targets.d'))).toContain('a directory');
    expect(refused('/dev/zero')).toContain('a character device');
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `targets: []\n${'#'.repeat(SIZE_CAP.targetsFile)}\n`);
    expect(refused(big)).toContain(`over the ${SIZE_CAP.targetsFile}-byte limit`);
    expect(refused(join(dir, 'absent.yaml'))).toBe(`${join(dir, 'absent.yaml')}: no such file`);
  });

  it('reads no further than the cap when a file claims a size it does not have', () => {
    // /proc files stat as 0 bytes; the cap still holds while reading.
    expect(() => readRegularFile('/proc/self/status', 100)).toThrow('/proc/self/status: over the 100-byte limit');
    expect(readRegularFile('/proc/self/status', 1 << 16).toString()).toContain('Name:');
  });
});

describe('targets.schema.json', () => {
  it('is generated from the schema the CLI validates with (regenerate: npx mageprobe schema > targets.schema.json)', async () => {
    const { readFileSync } = await import('node:fs');
    const { targetsJsonSchema } = await import('../../cli/json-schema.js');
    expect(readFileSync(new URL('../../targets.schema.json', import.meta.url), 'utf8')).toBe(targetsJsonSchema());
  });
});
