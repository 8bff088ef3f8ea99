import { AMQP_HEADER, amqpComplete, recogniseAmqp } from './handshakes/amqp.js';
import { isAmbiguous220, recogniseFtpSyst, recogniseLineBanner, recogniseSmtpEhlo, recogniseSshIdent, recogniseVarnishCli } from './handshakes/banners.js';
import { fastcgiComplete, fastcgiGetValues, recogniseFastcgi } from './handshakes/fastcgi.js';
import { httpComplete, httpGet, recogniseHttp } from './handshakes/http.js';
import { MEMCACHED_VERSION_STATS, memcachedComplete, recogniseMemcached } from './handshakes/memcached.js';
import { mongoComplete, mongoHello, recogniseMongo } from './handshakes/mongodb.js';
import { recogniseMssql, tdsComplete, tdsPrelogin } from './handshakes/mssql.js';
import { MYSQLX_CAPABILITIES_GET, mysqlxComplete, recogniseMysqlGreeting, recogniseMysqlx } from './handshakes/mysql.js';
import { PG_SSL_REQUEST, recognisePostgres } from './handshakes/postgres.js';
import { REDIS_PING_INFO, recogniseRedis, redisComplete } from './handshakes/redis.js';
import { recogniseTls, tlsClientHello, tlsComplete } from './handshakes/tls.js';
import type { Recognised } from './identity.js';

/**
 * The handshake table, nmap-service-probes style. Three phases:
 * - banner: matched against what the server says unprompted right after connecting;
 * - after-banner: a follow-up command on a fresh connection, when the greeting was ambiguous;
 * - request: the server stays silent, so we speak first; tried where `ports` lists the
 *   port first, then in table order.
 */
export type ServiceProbe =
  | { readonly id: string; readonly phase: 'banner'; readonly match: (banner: Buffer) => Recognised | undefined }
  | {
      readonly id: string;
      readonly phase: 'after-banner';
      readonly when: (banner: Buffer) => boolean;
      readonly send: Buffer;
      readonly match: (banner: Buffer, reply: Buffer) => Recognised | undefined;
    }
  | {
      readonly id: string;
      readonly phase: 'request';
      readonly ports: readonly number[];
      readonly send: (host: string) => Buffer;
      /** Enough bytes to decide; without it the read ends when the server goes idle or closes. */
      readonly complete?: (reply: Buffer) => boolean;
      readonly match: (reply: Buffer) => Recognised | undefined;
    };

export const SERVICE_PROBES: readonly ServiceProbe[] = [
  { id: 'ssh-ident', phase: 'banner', match: recogniseSshIdent },
  { id: 'mysql-greeting', phase: 'banner', match: recogniseMysqlGreeting },
  { id: 'varnish-cli', phase: 'banner', match: recogniseVarnishCli },
  { id: 'line-greeting', phase: 'banner', match: recogniseLineBanner },
  // Redis in protected mode greets a non-loopback client with -DENIED before any command.
  { id: 'redis-denied', phase: 'banner', match: (b) => (b.toString('latin1').startsWith('-DENIED') ? recogniseRedis(b) : undefined) },
  { id: 'smtp-ehlo', phase: 'after-banner', when: isAmbiguous220, send: Buffer.from('EHLO mageprobe.invalid\r\n'), match: recogniseSmtpEhlo },
  { id: 'ftp-syst', phase: 'after-banner', when: isAmbiguous220, send: Buffer.from('SYST\r\n'), match: recogniseFtpSyst },
  {
    id: 'http-get',
    phase: 'request',
    ports: [80, 8080, 8081, 6081, 9200, 9300, 9600, 5601, 8983, 15672, 8025, 2082, 2086, 8880, 9090],
    send: httpGet,
    complete: httpComplete,
    match: recogniseHttp,
  },
  { id: 'tls-hello', phase: 'request', ports: [443, 8443, 2083, 2087, 8083, 10000, 465], send: tlsClientHello, complete: tlsComplete, match: recogniseTls },
  { id: 'redis-ping-info', phase: 'request', ports: [6379, 6380], send: () => REDIS_PING_INFO, complete: redisComplete, match: recogniseRedis },
  { id: 'memcached-stats', phase: 'request', ports: [11211], send: () => MEMCACHED_VERSION_STATS, complete: memcachedComplete, match: recogniseMemcached },
  { id: 'fastcgi-get-values', phase: 'request', ports: [9000, 9001], send: fastcgiGetValues, complete: fastcgiComplete, match: recogniseFastcgi },
  { id: 'amqp-header', phase: 'request', ports: [5672], send: () => AMQP_HEADER, complete: amqpComplete, match: recogniseAmqp },
  { id: 'postgres-sslrequest', phase: 'request', ports: [5432], send: () => PG_SSL_REQUEST, complete: (b) => b.length >= 1, match: recognisePostgres },
  { id: 'mysqlx-capabilities', phase: 'request', ports: [33060], send: () => MYSQLX_CAPABILITIES_GET, complete: mysqlxComplete, match: recogniseMysqlx },
  { id: 'mongodb-hello', phase: 'request', ports: [27017], send: mongoHello, complete: mongoComplete, match: recogniseMongo },
  { id: 'mssql-prelogin', phase: 'request', ports: [1433], send: tdsPrelogin, complete: tdsComplete, match: recogniseMssql },
];
