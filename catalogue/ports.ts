/**
 * Ports a Magento host may expose, and what usually listens there. The port number only
 * says where to look and which handshake to try first; a service is identified from its
 * own handshake (probes/net/service-probes.ts), never from the number.
 */

/** What a service is for; NET-02 and NET-03 judge by kind. */
export type ServiceKind =
  | 'web'
  | 'tls'
  | 'remote-shell'
  | 'database'
  | 'cache'
  | 'search'
  | 'queue'
  | 'cache-admin'
  | 'runtime'
  | 'dev-mail'
  | 'mail'
  | 'file-transfer'
  | 'control-panel'
  | 'remote-desktop';

export interface KnownPort {
  readonly port: number;
  /** Service usually found there (IANA or de-facto name). */
  readonly service: string;
  readonly kind: ServiceKind;
}

const p = (port: number, service: string, kind: ServiceKind): KnownPort => ({ port, service, kind });

/** The `magento` port set: everything a Magento deployment runs, plus common admin panels. */
export const MAGENTO_PORTS: readonly KnownPort[] = [
  p(80, 'http', 'web'),
  p(443, 'https', 'web'),
  p(8080, 'http-alt', 'web'),
  p(8443, 'https-alt', 'web'),
  p(8081, 'http (Varnish backend / alt)', 'web'),
  p(6081, 'Varnish HTTP', 'web'),
  p(22, 'ssh', 'remote-shell'),
  p(2222, 'ssh-alt', 'remote-shell'),
  p(3306, 'MySQL/MariaDB', 'database'),
  p(3307, 'MySQL/MariaDB (alt)', 'database'),
  p(33060, 'MySQL X Protocol', 'database'),
  p(5432, 'PostgreSQL', 'database'),
  p(1433, 'MSSQL', 'database'),
  p(27017, 'MongoDB', 'database'),
  p(6379, 'Redis/Valkey', 'cache'),
  p(6380, 'Redis/Valkey (TLS or second instance)', 'cache'),
  p(11211, 'memcached', 'cache'),
  p(9200, 'Elasticsearch/OpenSearch HTTP', 'search'),
  p(9300, 'Elasticsearch/OpenSearch transport', 'search'),
  p(9600, 'OpenSearch Performance Analyzer / Logstash API', 'search'),
  p(5601, 'Kibana / OpenSearch Dashboards', 'search'),
  p(8983, 'Solr', 'search'),
  p(5672, 'RabbitMQ AMQP', 'queue'),
  p(15672, 'RabbitMQ management', 'queue'),
  p(4369, 'Erlang port mapper (RabbitMQ)', 'queue'),
  p(25672, 'RabbitMQ inter-node', 'queue'),
  p(6082, 'Varnish admin CLI', 'cache-admin'),
  p(9000, 'php-fpm (FastCGI)', 'runtime'),
  p(9001, 'php-fpm (FastCGI, second pool)', 'runtime'),
  p(1025, 'MailHog/Mailpit SMTP', 'dev-mail'),
  p(8025, 'MailHog/Mailpit web UI', 'dev-mail'),
  p(21, 'ftp', 'file-transfer'),
  p(25, 'smtp', 'mail'),
  p(465, 'smtps', 'mail'),
  p(587, 'submission', 'mail'),
  p(110, 'pop3', 'mail'),
  p(143, 'imap', 'mail'),
  p(2082, 'cPanel', 'control-panel'),
  p(2083, 'cPanel (TLS)', 'control-panel'),
  p(2086, 'WHM', 'control-panel'),
  p(2087, 'WHM (TLS)', 'control-panel'),
  p(2222, 'DirectAdmin', 'control-panel'),
  p(8083, 'Plesk / VestaCP', 'control-panel'),
  p(8443, 'Plesk (TLS)', 'control-panel'),
  p(8880, 'Plesk (HTTP)', 'control-panel'),
  p(10000, 'Webmin', 'control-panel'),
  p(9090, 'Cockpit', 'control-panel'),
  p(3389, 'RDP', 'remote-desktop'),
  p(5900, 'VNC', 'remote-desktop'),
];

/** Every kind usually found on a port (2222 and 8443 have two). */
export function kindsAt(port: number): ServiceKind[] {
  return [...new Set(MAGENTO_PORTS.filter((k) => k.port === port).map((k) => k.kind))];
}

/** Ports of the given kinds, as NET-02/NET-03 list them. */
export function portsOfKinds(kinds: readonly ServiceKind[]): number[] {
  return [...new Set(MAGENTO_PORTS.filter((k) => kinds.includes(k.kind)).map((k) => k.port))].sort((a, b) => a - b);
}
