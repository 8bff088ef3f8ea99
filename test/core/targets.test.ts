import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTargets, TargetsFileError } from '../../core/targets.js';

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

  it('names the line of a typo\'d key', () => {
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

  it('loads the caFile text relative to the targets file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-targets-'));
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
    const file = join(dir, 'targets.yaml');
    const text = 'targets:\n  - name: shop\n    url: https://shop.example.com/\n    caFile: ./ca.pem\n';
    const [t] = parseTargets(text, file);
    expect(t!.ca).toContain('BEGIN CERTIFICATE');
    expect(() => parseTargets(text.replace('ca.pem', 'missing.pem'), file)).toThrow(/targets.yaml:4:.*no such file/);
  });
});

describe('targets.schema.json', () => {
  it('is generated from the schema the CLI validates with (regenerate: npx mageprobe schema > targets.schema.json)', async () => {
    const { readFileSync } = await import('node:fs');
    const { targetsJsonSchema } = await import('../../cli/json-schema.js');
    expect(readFileSync(new URL('../../targets.schema.json', import.meta.url), 'utf8')).toBe(targetsJsonSchema());
  });
});
