import { createHash } from 'node:crypto';
import { connect } from 'node:tls';
import type { Target } from '../../core/target.js';

/**
 * The target's caFile, made Chromium's: Chromium has no option to add a trust anchor for one
 * run, so Node verifies the store's chain and host name against caFile (and only caFile), and
 * the browser is told to accept exactly that leaf key (--ignore-certificate-errors-spki-list).
 * Every other certificate is judged by Chromium's own trust store as a customer's browser would.
 * Undefined when the target has no caFile, is plain HTTP, or its chain does not verify (then
 * Chromium refuses it and the page is unusable, naming the certificate error).
 */
export function pinnedLeafKey(target: Target): Promise<string | undefined> {
  const url = new URL(target.url);
  if (!target.ca || url.protocol !== 'https:') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const socket = connect({
      host: target.address ?? target.host,
      port: target.httpsPort,
      servername: target.host,
      ca: target.ca,
      rejectUnauthorized: true,
      timeout: target.timeouts.connectMs,
    });
    const done = (key: string | undefined) => {
      socket.destroy();
      resolve(key);
    };
    socket.once('secureConnect', () => {
      const der = socket.getPeerX509Certificate()?.publicKey.export({ type: 'spki', format: 'der' });
      done(der ? createHash('sha256').update(der).digest('base64') : undefined);
    });
    socket.once('error', () => done(undefined));
    socket.once('timeout', () => done(undefined));
  });
}
