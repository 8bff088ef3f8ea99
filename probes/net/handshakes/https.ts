import { isIP } from 'node:net';
import { connect } from 'node:tls';
import type { Recognised } from '../identity.js';
import { httpComplete, httpGet, recogniseHttp } from './http.js';

/**
 * After a TLS ServerHello: the same GET / over TLS, so an HTTPS site, Elasticsearch/OpenSearch
 * over TLS or a control panel is named rather than "tls". Certificates are not judged here (TLS-04 does).
 */
export function recogniseOverTls(address: string, host: string, port: number, timeoutMs: number, capBytes: number): Promise<Recognised | undefined> {
  return new Promise((resolve) => {
    let data = Buffer.alloc(0);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const r = recogniseHttp(data);
      resolve(r ? { ...r, service: r.service === 'http' ? 'https' : r.service, detail: `${r.detail} over TLS` } : undefined);
    };
    const timer = setTimeout(finish, timeoutMs);
    const socket = connect({ host: address, port, rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }), ALPNProtocols: ['http/1.1'] });
    socket.once('secureConnect', () => socket.write(httpGet(host)));
    socket.on('data', (d: Buffer) => {
      data = Buffer.concat([data, d]).subarray(0, capBytes);
      if (httpComplete(data) || data.length >= capBytes) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', finish);
  });
}
