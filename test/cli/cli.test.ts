import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../core/results.js';
import { SKIMMER_HOST, STATIC } from '../../demo/checkout.js';
import { DEMO_HOST, type DemoStore, startDemoStore } from '../../demo/store.js';
import { validateJUnit as xmllint } from '../reporters/readers.js';
import { demoTargetEntry, mageprobe } from './run-cli.js';

// Each spawn compiles the CLI through tsx and some tests run two scans: minutes on a loaded machine.
describe('mageprobe CLI', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-cli-'));
  let store: DemoStore;
  let listener: Server;
  let connections = 0;
  let quietPort: number;

  beforeAll(async () => {
    store = await startDemoStore();
    listener = createServer((s) => {
      connections++;
      s.destroy();
    });
    quietPort = await new Promise<number>((r) => listener.listen(0, '127.0.0.1', () => r((listener.address() as AddressInfo).port)));
  });
  afterAll(async () => {
    await store.stop();
    listener.close();
  });

  const demoTargets = (extra = '') => {
    const file = join(dir, `targets-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, `targets:\n${demoTargetEntry(store)}${extra}`);
    return file;
  };

  it('exits 2 naming file, line and field for a bad targets file, before any traffic', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      `targets:\n  - name: ok\n    url: http://127.0.0.1:${quietPort}/\n  - name: typo\n    url: https://shop.example.com/\n    adress: 203.0.113.1\n`,
    );
    const r = await mageprobe(['scan', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:6:5: targets[1].adress: unknown key "adress"`);
    expect(connections).toBe(0);
  });

  it('exits 2 on an unknown --only or --target, and on a missing file', async () => {
    expect((await mageprobe(['scan', demoTargets(), '--only', 'HDR-99'])).code).toBe(2);
    expect((await mageprobe(['scan', demoTargets(), '--target', 'nope'])).code).toBe(2);
    expect((await mageprobe(['scan', join(dir, 'absent.yaml')])).code).toBe(2);
  });

  describe('input is checked before the first packet: exit 2, one line, no stack trace, no connection', () => {
    const quietTargets = (extra = '') => {
      const file = join(dir, `quiet-${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(file, `targets:\n  - name: quiet\n    url: http://127.0.0.1:${quietPort}/\n    timeouts: { connectMs: 500, requestMs: 1000 }\n${extra}`);
      return file;
    };
    /** Runs mageprobe expecting a refusal before any traffic; returns stderr: one line per problem. */
    const refused = async (args: string[]): Promise<string> => {
      const before = connections;
      const r = await mageprobe(args);
      expect(r.code, r.stdout + r.stderr).toBe(2);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(
        r.stderr
          .trim()
          .split('\n')
          .filter((l) => !l.startsWith('mageprobe: ')),
      ).toEqual([]);
      expect(r.stdout).not.toContain('scanning');
      expect(connections).toBe(before);
      return r.stderr.trim();
    };

    it('--out naming a file, or a path through a file, is refused before scanning', async () => {
      const file = join(dir, 'not-a-dir');
      writeFileSync(file, 'keep me');
      expect(await refused(['scan', quietTargets(), '--only', 'HDR-02', '--out', file])).toBe(`mageprobe: --out ${file}: exists and is not a directory`);
      expect(await refused(['scan', quietTargets(), '--only', 'HDR-02', '--out', join(file, 'sub')])).toBe(
        `mageprobe: --out ${join(file, 'sub')}: a path component is not a directory`,
      );
      expect(await refused(['demo', '--out', file])).toContain('exists and is not a directory');
      expect(readFileSync(file, 'utf8')).toBe('keep me');
    });

    it('--only that names nothing is refused, not read as "every check"', async () => {
      const empty = 'mageprobe: --only: empty; name check IDs, prefixes or areas (see `mageprobe checks`)';
      expect(await refused(['scan', quietTargets(), '--only', ''])).toBe(empty);
      expect(await refused(['scan', quietTargets(), '--only', ' , '])).toBe(empty);
    });

    it('a FIFO or a directory as the targets file is refused without hanging', async () => {
      const fifo = join(dir, 'targets.fifo');
      execFileSync('mkfifo', [fifo]);
      expect(await refused(['scan', fifo])).toBe(`mageprobe: ${fifo}: a FIFO, not a regular file`);
      expect(await refused(['validate', dir])).toBe(`mageprobe: ${dir}: a directory, not a regular file`);
    });

    it('unusable caFiles, port 0, impossible dates and alias bombs name the file and line', async () => {
      const lines = async (file: string) => (await refused(['scan', file, '--out', join(dir, 'never')])).split('\n').map((l) => l.replace(/^mageprobe: /, ''));
      const target = (name: string, extra: string) => `  - name: ${name}\n    url: http://127.0.0.1:${quietPort}/\n${extra}`;
      writeFileSync(join(dir, 'not-pem.crt'), 'just text\n');
      const files = join(dir, 'bad-files.yaml');
      writeFileSync(
        files,
        `targets:\n${target('zero', '    caFile: /dev/zero\n')}${target('folder', `    caFile: ${dir}\n`)}${target('text', '    caFile: not-pem.crt\n')}`,
      );
      expect(await lines(files)).toEqual([
        `${files}:4:5: targets[0].caFile: /dev/zero: a character device, not a regular file`,
        `${files}:7:5: targets[1].caFile: ${dir}: a directory, not a regular file`,
        `${files}:10:5: targets[2].caFile: ${join(dir, 'not-pem.crt')}: no PEM certificate (-----BEGIN CERTIFICATE-----) in it`,
      ]);
      const values = join(dir, 'bad-values.yaml');
      const waiver = '    waivers: [{ check: HDR-01, justification: payment iframe until SEC-9, expires: 2099-02-31 }]\n';
      writeFileSync(values, `targets:\n${target('port', '    http: { port: 0 }\n')}${target('date', waiver)}`);
      expect(await lines(values)).toEqual([
        `${values}:4:13: targets[0].http.port: a port from 1 to 65535`,
        `${values}:7:75: targets[1].waivers[0].expires: a real calendar date as YYYY-MM-DD`,
      ]);
      const bomb = join(dir, 'laughs.yaml');
      const levels = [
        'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
        ...'bcdefgh'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
      ];
      writeFileSync(bomb, `${levels.join('\n')}\ntargets: [*h]\n`);
      expect((await lines(bomb))[0]).toMatch(new RegExp(`^${bomb}:2:8: \\(yaml\\): Excessive alias count`));
      expect(readdirSync(dir)).not.toContain('never');
    });

    it('validate refuses credentials in a URL, naming the line and not echoing them', async () => {
      const file = join(dir, 'creds.yaml');
      writeFileSync(file, `targets:\n  - name: shop\n    url: https://admin:s3cret@127.0.0.1:${quietPort}/\n`);
      const stderr = await refused(['validate', file]);
      expect(stderr).toContain(`${file}:3:5: targets[0].url: no user:password@ in the URL`);
      expect(stderr).not.toContain('s3cret');
    });
  });

  it('server text with ESC/BEL, C1 or bidi sequences never reaches stdout or the reports raw', async () => {
    // Written as raw bytes: Node's own HTTP server would refuse these headers.
    const body = '<html><title>\x1b]0;pwned-body\x07 \u202etxt.exe</title> [[ATTACHMENT|/etc/passwd]]</html>';
    const head = `HTTP/1.1 200 OK\r\nServer: nginx/1.18.0 \x9b2J [[ATTACHMENT|/etc/shadow]]\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
    const http = createServer((c) => {
      c.on('error', () => undefined);
      c.once('data', () => c.end(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body)])));
    });
    const ssh = createServer((c) => {
      c.on('error', () => undefined);
      c.write('SSH-2.0-OpenSSH_9.6 \x1b]0;pwned\x07\x1b[2J\r\n', 'latin1');
      setTimeout(() => c.destroy(), 200);
    });
    const listen = (s: Server) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));
    const [httpPort, sshPort] = [await listen(http), await listen(ssh)];
    try {
      const file = join(dir, 'hostile.yaml');
      writeFileSync(
        file,
        `targets:\n  - name: hostile\n    url: http://127.0.0.1:${httpPort}/\n    ssh: { port: ${sshPort} }\n    timeouts: { connectMs: 1000, requestMs: 3000 }\n`,
      );
      const out = join(dir, 'hostile');
      const r = await mageprobe(['scan', file, '--only', 'HDR-01,HDR-07,SSH-01', '--out', out]);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      // What a terminal, browser or XML parser would act on: C0 but tab/newline, DEL, C1, bidi controls.
      const raw = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;
      expect(r.stdout).not.toMatch(raw);
      expect(r.stdout).toContain('SSH-2.0-OpenSSH_9.6 \\x1b]0;pwned\\x07\\x1b[2J');
      expect(r.stdout).toContain('server: nginx/1.18.0 \\x9b2J');
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).not.toMatch(raw);
      expect(html).toContain('\\u202etxt.exe');
      expect(html).toContain('&lt;title&gt;');
      const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
      expect(xml).not.toMatch(raw);
      expect(xml).not.toMatch(/\[\[attachment\|/i);
      expect(xml).toContain('[[ATTACHMENT\\|/etc/shadow]]');
      await xmllint(join(out, 'junit.xml'));
      const json = readFileSync(join(out, 'results.json'), 'utf8');
      expect(json).not.toMatch(raw);
      expect(json).not.toMatch(/\\u00(1b|07|9b)/i);
      expect((JSON.parse(json) as ScanResult).cases.map((c) => c.verdict.outcome)).toEqual(['fail', 'fail', 'fail']);
    } finally {
      http.close();
      ssh.close();
    }
  });

  it('exits 0 when nothing fails, 1 when a check fails', async () => {
    const out = join(dir, 'pass');
    const passed = await mageprobe(['scan', demoTargets(), '--only', 'HDR-02', '--out', out]);
    expect(passed.code, passed.stdout + passed.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ScanResult;
    expect(results.cases.map((c) => [c.check.id, c.verdict.outcome])).toEqual([['HDR-02', 'pass']]);
    expect((await mageprobe(['scan', demoTargets(), '--only', 'HDR-01', '--out', join(dir, 'fail')])).code).toBe(1);
  });

  it('reports a waived failure as skipped with its justification; an expired waiver is ignored', async () => {
    const waiver = (expires: string) =>
      `    waivers:\n      - { check: HDR-01, justification: framing needed by the payment iframe until SEC-9, expires: ${expires} }\n`;
    const out = join(dir, 'waived');
    const waived = await mageprobe(['scan', demoTargets(waiver('2099-12-31')), '--only', 'HDR-01', '--out', out]);
    expect(waived.code, waived.stdout + waived.stderr).toBe(0);
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(xml).toContain(
      `<skipped message="[medium] demo (${DEMO_HOST}:${store.httpsPort}): waived until 2099-12-31: framing needed by the payment iframe until SEC-9 (found: X-Frame-Options is absent`,
    );
    await xmllint(join(out, 'junit.xml'));
    expect((await mageprobe(['scan', demoTargets(waiver('2020-01-01')), '--only', 'HDR-01', '--out', join(dir, 'expired')])).code).toBe(1);
  });

  it('exits 3 when nothing fails but something is inconclusive, and writes <error> for it', async () => {
    const file = join(dir, 'silent.yaml');
    // The listener accepts and hangs up at once: no HTTP answer, so headers cannot be judged.
    writeFileSync(file, `targets:\n  - name: mute\n    url: http://127.0.0.1:${quietPort}/\n    timeouts: { connectMs: 500, requestMs: 1000 }\n`);
    const out = join(dir, 'silent');
    const r = await mageprobe(['scan', file, '--only', 'HDR-02', '--out', out]);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(xml).toMatch(/<error message="\[medium\] mute \(127\.0\.0\.1:\d+\): GET http:\/\/127\.0\.0\.1:\d+\/: no answer \(reset/);
    await xmllint(join(out, 'junit.xml'));
  });

  it('demo writes schema-valid JUnit with failing HDR cases that show the observed headers', async () => {
    const out = join(dir, 'demo');
    const r = await mageprobe(['demo', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
    await xmllint(join(out, 'junit.xml'));
    expect(xml).toMatch(
      /<testcase name="HDR-04 [^"]+" classname="demo-store\.headers"[^>]*>\s*<failure message="\[low\] demo-store \(demo-store\.mageprobe\.test:\d+\): X-XSS-Protection is &quot;0&quot;/,
    );
    expect(xml).toContain('server: nginx/1.18.0');
    // Evidence once: a failure's body holds it, no <system-out> repeats it; a pass keeps it there.
    expect(xml).not.toMatch(/<\/(failure|error|skipped)>\s*<system-out>/);
    expect(xml).toMatch(/<testcase name="HDR-02 [^"]+" classname="demo-store\.headers"[^>]*>\s*<system-out>HDR-02 [^<]*: PASS/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<td>HDR-04 [^<]*<\/td><td>low<\/td><td class="o o-fail">fail<\/td>/);
    expect(r.stdout).toMatch(/demo-store\s+\d+\s+\d+/);
    // The payment pages, as Chromium loads them: the script the tampered module injects is named
    // (unlisted, no SRI, a look-alike host); the page headers are as the shipped inventory records.
    const skimmer = `https://${SKIMMER_HOST}:\\d+/analytics\\.js`;
    expect(xml).toMatch(
      new RegExp(
        `<testcase name="SCR-01 [^"]+"[^>]*>\\s*<failure message="\\[critical\\] demo-store \\([^)]+\\): ${skimmer} on /checkout/cart/, /checkout/ is not in the inventory \\(PCI DSS 6\\.4\\.3\\)"`,
      ),
    );
    expect(xml).toMatch(new RegExp(`<testcase name="SCR-02 [^"]+"[^>]*>\\s*<failure message="[^"]*${skimmer} on /checkout/cart/, /checkout/ has no SRI`));
    expect(xml).toMatch(
      /<testcase name="SCR-04 [^"]+"[^>]*>\s*<failure message="[^"]*script origin https:\/\/www\.googie-analytics\.test:\d+ on \/checkout\/cart\/, \/checkout\/ is a look-alike of Google Analytics/,
    );
    expect(xml).toMatch(/<testcase name="SCR-03 [^"]+" classname="demo-store\.scripts"[^>]*>\s*<system-out>SCR-03 [^<]*: PASS/);
    // Every other script on the four pages is authorised: the skimmer is SCR-01's only finding.
    const result = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ScanResult;
    const scr01 = result.cases.find((c) => c.check.id === 'SCR-01')!.verdict;
    expect(scr01.message).not.toContain(';');
    expect(r.stdout).not.toContain('No Chromium');
  });

  it('the injected script is invisible to a static read of the demo checkout page and its modules', async () => {
    const get = async (path: string) => {
      const { request } = await import('node:https');
      return new Promise<string>((resolve, reject) => {
        request({ host: '127.0.0.1', port: store.httpsPort, path, servername: DEMO_HOST, headers: { host: DEMO_HOST }, rejectUnauthorized: false }, (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve(body));
        })
          .on('error', reject)
          .end();
      });
    };
    const page = await get('/checkout/');
    expect(page).toContain('Place Order');
    const modules = await Promise.all(['requirejs/require', 'Vendor_Analytics/js/tracker'].map((m) => get(`${STATIC}${m}.js`)));
    expect(modules[1]).toContain('atob(');
    for (const text of [page, ...modules]) expect(text).not.toMatch(/googie|analytics\.js/i);
  });

  it('demo without Chromium says how to install it, and the SCR checks are inconclusive, not passed', async () => {
    const out = join(dir, 'demo-no-browser');
    const r = await mageprobe(['demo', '--out', out], { MAGEPROBE_CHROMIUM: '/nonexistent/chromium' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'No Chromium at /nonexistent/chromium: the payment-page checks SCR-01..04 will be inconclusive. Install it (apt-get install chromium)',
    );
    const result = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ScanResult;
    const scr = result.cases.filter((c) => c.check.id.startsWith('SCR-'));
    expect(scr.map((c) => [c.check.id, c.verdict.outcome]).sort()).toEqual([
      ['SCR-01', 'inconclusive'],
      ['SCR-02', 'inconclusive'],
      ['SCR-03', 'inconclusive'],
      ['SCR-04', 'inconclusive'],
    ]);
    for (const c of scr) expect(c.verdict.message).toContain('apt-get install chromium');
  });
});
