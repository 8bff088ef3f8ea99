import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBinaryPacket, parseIdentification, parseKexinit } from '../../probes/ssh/ssh-wire.js';
import { rateOffer, terrapin } from '../../suites/ssh/algorithm-ratings.js';
import { encodeKexinit, frame } from './kexinit-bytes.js';

// KEXINIT payloads captured from Debian 12's OpenSSH 9.2p1 (test/ssh/sshd-lab.ts configs).
const fixture = (name: string) => Buffer.from(readFileSync(new URL(`./fixtures/${name}.kexinit.hex`, import.meta.url), 'utf8').trim(), 'hex');

describe('SSH identification line', () => {
  it('parses software and comments, keeping preamble lines', () => {
    const r = parseIdentification(Buffer.from('Welcome\r\nSSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10\r\n\x00\x00\x04'));
    expect(r?.ident).toEqual({
      line: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10',
      protoVersion: '2.0',
      software: 'OpenSSH_9.2p1',
      comments: 'Debian-2+deb12u10',
      preamble: ['Welcome'],
    });
    expect([...r!.rest]).toEqual([0, 0, 4]);
  });
  it('waits for the end of the line and rejects a malformed one', () => {
    expect(parseIdentification(Buffer.from('SSH-2.0-OpenSS'))).toBeUndefined();
    expect(parseIdentification(Buffer.from('SSH-garbage\r\n'))).toBeUndefined();
    expect(parseIdentification(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toBeUndefined();
  });
});

describe('KEXINIT parser on captured bytes', () => {
  it('reads every name-list of the legacy server in its order', () => {
    const k = parseKexinit(fixture('openssh-9.2p1-legacy'));
    expect(k.kex).toContain('diffie-hellman-group1-sha1');
    expect(k.kex.at(-1)).toBe('kex-strict-s-v00@openssh.com');
    expect(k.hostKey).toEqual(['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(k.cipherC2S).toEqual(k.cipherS2C);
    expect(k.cipherS2C).toContain('3des-cbc');
    expect(k.macS2C).toContain('hmac-md5');
    expect(k.compressionS2C).toEqual(['none', 'zlib@openssh.com']);
    expect(k.languagesS2C).toEqual([]);
    expect(k.firstKexPacketFollows).toBe(false);
    expect(encodeKexinit(k).equals(fixture('openssh-9.2p1-legacy'))).toBe(true);
  });
  it('frames and unframes a binary packet', () => {
    const payload = fixture('openssh-9.2p1-modern');
    const packet = frame(payload);
    expect(parseBinaryPacket(packet.subarray(0, 10))).toBe('incomplete');
    const p = parseBinaryPacket(packet);
    expect(p !== 'incomplete' && p !== 'invalid' && p.payload.equals(payload)).toBe(true);
    expect(parseBinaryPacket(Buffer.from('GET / HTTP/1.1\r\n'))).toBe('invalid');
  });
  it('rejects truncated and non-KEXINIT payloads', () => {
    const payload = fixture('openssh-9.2p1-modern');
    expect(() => parseKexinit(payload.subarray(0, 60))).toThrow(/too short/);
    expect(() => parseKexinit(payload.subarray(0, 200))).toThrow(/truncated|overruns/);
    expect(() => parseKexinit(Buffer.concat([Buffer.from([21]), payload.subarray(1)]))).toThrow(/expected KEXINIT/);
  });
});

describe('algorithm ratings and Terrapin', () => {
  it('rates the legacy offer from the one table', () => {
    const weak = rateOffer(parseKexinit(fixture('openssh-9.2p1-legacy')))
      .filter((a) => a.rating === 'weak')
      .map((a) => a.name);
    expect(weak.sort()).toEqual(
      [
        '3des-cbc',
        'aes128-cbc',
        'diffie-hellman-group1-sha1',
        'diffie-hellman-group14-sha1',
        'hmac-md5',
        'hmac-sha1',
        'hmac-sha1-etm@openssh.com',
        'ssh-rsa',
        'umac-64-etm@openssh.com',
        'umac-64@openssh.com',
      ].sort(),
    );
  });
  it('modern offer has nothing weak and nothing unrated', () => {
    const rated = rateOffer(parseKexinit(fixture('openssh-9.2p1-modern')));
    expect(rated.filter((a) => a.rating === 'weak' || a.rating === 'unrated')).toEqual([]);
  });
  it('Terrapin: chacha20 or CBC+EtM without strict kex is exposed; strict kex mitigates', () => {
    const legacy = parseKexinit(fixture('openssh-9.2p1-legacy'));
    expect(terrapin(legacy)).toMatchObject({ exposed: false, strictKex: true });
    const unpatched = { ...legacy, kex: legacy.kex.filter((k) => !k.startsWith('kex-strict')) };
    const t = terrapin(parseKexinit(encodeKexinit(unpatched)));
    expect(t.exposed).toBe(true);
    expect(t.affectedModes).toEqual(['chacha20-poly1305@openssh.com', '3des-cbc with umac-64-etm@openssh.com (CBC-EtM)']);
    const gcmOnly = { ...unpatched, cipherC2S: ['aes256-gcm@openssh.com'], cipherS2C: ['aes256-gcm@openssh.com'] };
    expect(terrapin(gcmOnly).exposed).toBe(false);
  });
});
