import { describe, expect, it } from 'vitest';
import { AMQP_HEADER, recogniseAmqp } from '../../probes/net/handshakes/amqp.js';
import { recogniseFtpSyst, recogniseLineBanner, recogniseSmtpEhlo, recogniseSshIdent, recogniseVarnishCli } from '../../probes/net/handshakes/banners.js';
import { fastcgiGetValues, recogniseFastcgi } from '../../probes/net/handshakes/fastcgi.js';
import { httpGet, recogniseHttp } from '../../probes/net/handshakes/http.js';
import { MEMCACHED_VERSION_STATS, memcachedComplete, recogniseMemcached } from '../../probes/net/handshakes/memcached.js';
import { mongoHello, recogniseMongo } from '../../probes/net/handshakes/mongodb.js';
import { recogniseMssql, tdsPrelogin } from '../../probes/net/handshakes/mssql.js';
import { MYSQLX_CAPABILITIES_GET, recogniseMysqlGreeting, recogniseMysqlx } from '../../probes/net/handshakes/mysql.js';
import { PG_SSL_REQUEST, recognisePostgres } from '../../probes/net/handshakes/postgres.js';
import { REDIS_PING_INFO, recogniseRedis, redisComplete } from '../../probes/net/handshakes/redis.js';
import { recogniseTls, tlsClientHello } from '../../probes/net/handshakes/tls.js';

// Answers laid out byte for byte as the protocols define them (and as the servers send them), plus
// the echo of every request: an echo server must never be taken for the service it parrots.
const mysqlPacket = (payload: Buffer, seq = 0) => Buffer.concat([Buffer.from([payload.length & 0xff, payload.length >> 8, 0, seq]), payload]);

describe('MySQL / MariaDB', () => {
  const greeting = mysqlPacket(
    Buffer.concat([
      Buffer.from([0x0a]),
      Buffer.from('5.5.5-10.11.6-MariaDB-0+deb12u1\0', 'latin1'),
      Buffer.from([0x1f, 0, 0, 0]),
      Buffer.from('Xr;5b!{q\0', 'latin1'),
      Buffer.from([0xfe, 0xf7, 0x2d, 0x02, 0x00, 0xff, 0x81, 0x15]),
      Buffer.alloc(10),
      Buffer.from('V7Zo$kE^a=(N\0mysql_native_password\0', 'latin1'),
    ]),
  );
  it('reads the v10 greeting and names MariaDB', () => {
    expect(recogniseMysqlGreeting(greeting)).toMatchObject({
      service: 'mysql',
      kind: 'database',
      product: 'MariaDB 5.5.5-10.11.6-MariaDB-0+deb12u1',
      access: 'auth-required',
    });
  });
  it('an "is not allowed to connect" error packet still proves MySQL', () => {
    const refusal = mysqlPacket(
      Buffer.concat([Buffer.from([0xff, 0x6a, 0x04]), Buffer.from("Host '198.18.7.1' is not allowed to connect to this MySQL server", 'latin1')]),
    );
    const r = recogniseMysqlGreeting(refusal);
    expect(r).toMatchObject({ service: 'mysql', access: 'refused' });
    expect(r?.detail).toContain('error packet 1130 instead of a greeting (host not allowed to connect)');
  });
  it('rejects other greetings and truncated packets', () => {
    expect(recogniseMysqlGreeting(Buffer.from('SSH-2.0-OpenSSH_9.2p1\r\n'))).toBeUndefined();
    expect(recogniseMysqlGreeting(greeting.subarray(0, 20))).toBeUndefined();
  });
  it('X Protocol: capabilities answer yes, echo no', () => {
    expect(recogniseMysqlx(Buffer.from([0x20, 0, 0, 0, 0x02, ...Buffer.alloc(31, 0x0a)]))).toMatchObject({ service: 'mysqlx' });
    expect(recogniseMysqlx(MYSQLX_CAPABILITIES_GET)).toBeUndefined();
  });
});

describe('Redis and memcached', () => {
  const info = '# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n';
  const open = Buffer.from(`+PONG\r\n$${info.length}\r\n${info}\r\n`);
  it('INFO answered = unauthenticated; NOAUTH = auth required; DENIED = refused', () => {
    expect(redisComplete(open)).toBe(true);
    expect(redisComplete(open.subarray(0, 20))).toBe(false);
    expect(recogniseRedis(open)).toMatchObject({ service: 'redis', product: 'Redis 7.0.15', access: 'unauthenticated' });
    const noauth = Buffer.from('-NOAUTH Authentication required.\r\n-NOAUTH Authentication required.\r\n');
    expect(redisComplete(noauth)).toBe(true);
    expect(recogniseRedis(noauth)).toMatchObject({ access: 'auth-required' });
    expect(recogniseRedis(Buffer.from('-DENIED Redis is running in protected mode because protected mode is enabled\r\n'))).toMatchObject({
      access: 'refused',
    });
  });
  it('names Valkey from its INFO', () => {
    const v = '# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.0.1\r\n';
    expect(recogniseRedis(Buffer.from(`+PONG\r\n$${v.length}\r\n${v}\r\n`))).toMatchObject({ service: 'valkey', product: 'Valkey 8.0.1' });
  });
  it('memcached stats = unauthenticated, CLIENT_ERROR unauthenticated = auth required', () => {
    const stats = Buffer.from('VERSION 1.6.18\r\nSTAT pid 42\r\nSTAT uptime 3\r\nEND\r\n');
    expect(memcachedComplete(stats)).toBe(true);
    expect(recogniseMemcached(stats)).toMatchObject({ service: 'memcached', product: 'memcached 1.6.18', access: 'unauthenticated' });
    expect(recogniseMemcached(Buffer.from('CLIENT_ERROR unauthenticated\r\nCLIENT_ERROR unauthenticated\r\n'))).toMatchObject({ access: 'auth-required' });
  });
  it('echoes of the requests are not recognised', () => {
    expect(recogniseRedis(REDIS_PING_INFO)).toBeUndefined();
    expect(recogniseMemcached(MEMCACHED_VERSION_STATS)).toBeUndefined();
  });
});

describe('HTTP-based backends', () => {
  const http = (status: string, headers: string[], body: string) =>
    Buffer.from(`HTTP/1.1 ${status}\r\n${[...headers, `content-length: ${Buffer.byteLength(body)}`].join('\r\n')}\r\n\r\n${body}`);
  it('Elasticsearch / OpenSearch cluster JSON = unauthenticated search', () => {
    const es = http(
      '200 OK',
      ['content-type: application/json'],
      JSON.stringify({ name: 'n1', cluster_name: 'magento', version: { number: '7.17.9' }, tagline: 'You Know, for Search' }),
    );
    expect(recogniseHttp(es)).toMatchObject({ service: 'elasticsearch', kind: 'search', product: 'Elasticsearch 7.17.9', access: 'unauthenticated' });
    const os = http(
      '200 OK',
      [],
      JSON.stringify({
        cluster_name: 'c',
        version: { distribution: 'opensearch', number: '2.11.0' },
        tagline: 'The OpenSearch Project: https://opensearch.org/',
      }),
    );
    expect(recogniseHttp(os)).toMatchObject({ product: 'OpenSearch 2.11.0' });
  });
  it('its 401 with the security realm = auth required', () => {
    const r = recogniseHttp(http('401 Unauthorized', ['WWW-Authenticate: Basic realm="security" charset="UTF-8"'], '{"error":{}}'));
    expect(r).toMatchObject({ service: 'elasticsearch', access: 'auth-required' });
  });
  it("the transport port's plain-text answer, MailHog and plain web", () => {
    expect(recogniseHttp(Buffer.from('This is not an HTTP port'))).toMatchObject({ service: 'elasticsearch-transport', kind: 'search' });
    expect(recogniseHttp(http('200 OK', [], '<title>MailHog</title>'))).toMatchObject({ service: 'mailhog', kind: 'dev-mail', access: 'unauthenticated' });
    expect(recogniseHttp(http('200 OK', ['Server: nginx'], 'shop'))).toMatchObject({ service: 'http', kind: 'web', product: 'nginx' });
    expect(recogniseHttp(httpGet('shop.test'))).toBeUndefined();
  });
});

describe('binary handshakes', () => {
  it('AMQP Connection.Start (RabbitMQ) and the echo of our header', () => {
    const props = Buffer.concat([
      Buffer.from([7]),
      Buffer.from('product'),
      Buffer.from([0x53, 0, 0, 0, 8]),
      Buffer.from('RabbitMQ'),
      Buffer.from([7]),
      Buffer.from('version'),
      Buffer.from([0x53, 0, 0, 0, 6]),
      Buffer.from('3.12.1'),
    ]);
    const args = Buffer.concat([
      Buffer.from([0, 10, 0, 10, 0, 9]),
      Buffer.from([0, 0, 0, props.length]),
      props,
      Buffer.from([0, 0, 0, 14]),
      Buffer.from('AMQPLAIN PLAIN'),
      Buffer.from([0, 0, 0, 5]),
      Buffer.from('en_US'),
    ]);
    const frame = Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, args.length]), args, Buffer.from([0xce])]);
    expect(recogniseAmqp(frame)).toMatchObject({ service: 'amqp', kind: 'queue', product: 'RabbitMQ 3.12.1', access: 'auth-required' });
    expect(recogniseAmqp(frame)?.detail).toContain('AMQPLAIN PLAIN');
    expect(recogniseAmqp(AMQP_HEADER)).toBeUndefined();
  });
  it('FastCGI GET_VALUES_RESULT, not its echo', () => {
    const content = Buffer.concat([Buffer.from([15, 1]), Buffer.from('FCGI_MPXS_CONNS0')]);
    const result = Buffer.concat([Buffer.from([1, 10, 0, 0, 0, content.length, 7, 0]), content, Buffer.alloc(7)]);
    expect(recogniseFastcgi(result)).toMatchObject({ service: 'fastcgi', kind: 'runtime', access: 'unauthenticated' });
    expect(recogniseFastcgi(fastcgiGetValues())).toBeUndefined();
  });
  it('PostgreSQL answers one byte to SSLRequest', () => {
    expect(recognisePostgres(Buffer.from('S'))).toMatchObject({ service: 'postgresql', kind: 'database' });
    expect(recognisePostgres(Buffer.from('N'))).toMatchObject({ service: 'postgresql' });
    expect(recognisePostgres(PG_SSL_REQUEST)).toBeUndefined();
  });
  it('MongoDB OP_MSG reply to hello, MSSQL PRELOGIN response', () => {
    const reply = Buffer.alloc(60);
    reply.writeInt32LE(60, 0);
    reply.writeInt32LE(0x6d70, 8);
    reply.writeInt32LE(2013, 12);
    reply.write('maxWireVersion', 30, 'latin1');
    expect(recogniseMongo(reply)).toMatchObject({ service: 'mongodb', kind: 'database' });
    expect(recogniseMongo(mongoHello())).toBeUndefined();
    // VERSION at payload offset 11 (16.0.4000, subbuild 0), ENCRYPTION at 17 (NOT_SUP).
    const tds = Buffer.from([
      0x04, 0x01, 0x00, 0x1a, 0, 0, 0x01, 0, 0x00, 0x00, 0x0b, 0x00, 0x06, 0x01, 0x00, 0x11, 0x00, 0x01, 0xff, 0x10, 0x00, 0x0f, 0xa0, 0x00, 0x00, 0x02,
    ]);
    expect(recogniseMssql(tds)).toMatchObject({ service: 'mssql', product: 'SQL Server 16.0.4000' });
    expect(recogniseMssql(tdsPrelogin())).toBeUndefined();
  });
  it('TLS ServerHello and alert, not an echoed ClientHello', () => {
    const hello = Buffer.concat([Buffer.from([0x16, 0x03, 0x03, 0x00, 0x4a, 0x02, 0x00, 0x00, 0x46, 0x03, 0x03]), Buffer.alloc(70)]);
    expect(recogniseTls(hello)).toMatchObject({ service: 'tls', detail: 'TLS ServerHello (TLS 1.2)' });
    expect(recogniseTls(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46]))).toMatchObject({ service: 'tls' });
    expect(recogniseTls(tlsClientHello('shop.test'))).toBeUndefined();
  });
});

describe('greetings', () => {
  it('Varnish CLI: 107 challenge vs 200 open banner', () => {
    const challenge = Buffer.from('107 59      \nqmwnebrvtcyxuzlakjshdgfpoiqmwneb\n\nAuthentication required.\n\n');
    expect(recogniseVarnishCli(challenge)).toMatchObject({ service: 'varnish-cli', kind: 'cache-admin', access: 'auth-required' });
    const open = Buffer.from(
      "200 210     \n-----------------------------\nVarnish Cache CLI 1.0\n-----------------------------\nLinux,6.1.0,x86_64,-jnone,-sdefault,-sdefault,-hcritbit\nvarnish-7.1.1 revision 7cee1c581bead20e88d101ab3d72afb29f14d87a\n\nType 'help' for command list.\nType 'quit' to close CLI session.\n\n",
    );
    expect(recogniseVarnishCli(open)).toMatchObject({ access: 'unauthenticated', product: 'Varnish 7.1.1' });
  });
  it('SSH, SMTP, MailHog, FTP; a bare 220 is settled by EHLO or SYST', () => {
    expect(recogniseSshIdent(Buffer.from('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10\r\n'))).toMatchObject({ service: 'ssh', product: 'OpenSSH_9.2p1' });
    expect(recogniseLineBanner(Buffer.from('220 mail.example.com ESMTP Postfix (Debian/GNU)\r\n'))).toMatchObject({ service: 'smtp', kind: 'mail' });
    expect(recogniseLineBanner(Buffer.from('220 mailhog.example ESMTP MailHog\r\n'))).toMatchObject({ service: 'smtp', kind: 'dev-mail', product: 'MailHog' });
    expect(recogniseLineBanner(Buffer.from('220 (vsFTPd 3.0.3)\r\n'))).toMatchObject({ service: 'ftp', product: 'vsFTPd' });
    const bare = Buffer.from('220 welcome\r\n');
    expect(recogniseLineBanner(bare)).toBeUndefined();
    expect(recogniseSmtpEhlo(bare, Buffer.from('250-host\r\n250 8BITMIME\r\n'))).toMatchObject({ service: 'smtp' });
    expect(recogniseFtpSyst(bare, Buffer.from('215 UNIX Type: L8\r\n'))).toMatchObject({ service: 'ftp' });
    expect(recogniseSmtpEhlo(bare, Buffer.from('500 EHLO not understood\r\n'))).toBeUndefined();
  });
});
