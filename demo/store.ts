import { createHash, X509Certificate } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './certificate.js';
import { checkoutRoutes, PAGE_HEADERS, SKIMMER_HOST, SKIMMER_ROUTES } from './checkout.js';
import { LEAKS } from './leaks.js';
import { HOME_PAGE, NOT_FOUND_PAGE, STYLESHEET } from './pages.js';
import type { Route } from './route.js';
import { startDemoSsh } from './ssh-server.js';

export const DEMO_HOST = 'demo-store.mageprobe.test';

// Misconfigured on purpose, the way real stores are: headers set only on the home page
// (nginx add_header without `always`), versions disclosed, CSP only report-only.
const VERSIONED = { server: 'nginx/1.18.0', 'x-powered-by': 'PHP/7.4.3' };

const ROUTES: Record<string, Route> = {
  '/': {
    status: 200,
    headers: {
      ...VERSIONED,
      'content-type': 'text/html; charset=UTF-8',
      ...PAGE_HEADERS,
      'set-cookie': ['PHPSESSID=5d41402abc4b2a76b9719d911017c592; path=/', 'private_content_version=1; path=/'],
      'x-magento-tags': 'store,cms_b_1,cms_p_2',
    },
    body: HOME_PAGE,
  },
  '/static/version1700000000/frontend/Magento/luma/en_US/css/styles-m.css': {
    status: 200,
    headers: { ...VERSIONED, 'content-type': 'text/css' },
    body: STYLESHEET,
  },
  ...Object.fromEntries(
    Object.entries(LEAKS).map(([path, leak]) => [path, { status: 200, headers: { ...VERSIONED, 'content-type': leak.type }, body: leak.body }]),
  ),
};

const NOT_FOUND: Route = { status: 404, headers: { ...VERSIONED, 'content-type': 'text/html; charset=UTF-8' }, body: NOT_FOUND_PAGE };

/** TRACE and TRACK echo the request back (a proxy or app with TraceEnable on). */
const ECHOING = new Set(['TRACE', 'TRACK']);

/** Answers as the store, or as the look-alike host when asked for it by name (the browser maps it here). */
const answerWith = (routes: Readonly<Record<string, Route>>) => (req: IncomingMessage, res: ServerResponse) => answer(routes, req, res);

function answer(store: Readonly<Record<string, Route>>, req: IncomingMessage, res: ServerResponse): void {
  if (ECHOING.has(req.method ?? '')) {
    const echo = `${req.method} ${req.url} HTTP/1.1\r\n${Object.entries(req.headers)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join('\r\n')}\r\n\r\n`;
    res.writeHead(200, { ...VERSIONED, 'content-type': 'message/http' });
    res.end(echo);
    return;
  }
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  // Every method reaches the application, which answers PUT or DELETE like a GET.
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const route = (host === SKIMMER_HOST ? SKIMMER_ROUTES : store)[path] ?? NOT_FOUND;
  res.writeHead(route.status, route.headers);
  res.end(req.method === 'HEAD' ? undefined : route.body);
}

export interface DemoStore {
  /** The loopback address it listens on. */
  readonly address: string;
  readonly httpsPort: number;
  readonly httpPort: number;
  readonly sshPort: number;
  /** base64 sha256 of the certificate's SPKI: the one key the demo's browser is told to accept. */
  readonly spki: string;
  stop(): Promise<void>;
}

/**
 * Starts the demo store on loopback: HTTPS with legacy TLS (TLS 1.0, a weak suite, an
 * expired self-signed certificate), plain HTTP that serves instead of redirecting, and an
 * SSH server that takes passwords and offers weak algorithms. `address`: a loopback address of
 * its own (127.0.0.0/8), for several stores that are several servers.
 */
export async function startDemoStore(address = '127.0.0.1'): Promise<DemoStore> {
  const { key, cert } = selfSignedCertificate(DEMO_HOST, -30);
  const routes: Record<string, Route> = { ...ROUTES };
  const https = createHttpsServer(
    {
      key,
      cert,
      minVersion: 'TLSv1',
      // @SECLEVEL=0 lets OpenSSL 3 speak TLS 1.0 and offer plain-RSA and 3DES suites.
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:AES128-SHA:DES-CBC3-SHA:@SECLEVEL=0',
    },
    answerWith(routes),
  );
  const servers: Server[] = [https, createHttpServer(answerWith(routes))];
  const ports = await Promise.all(servers.map((s) => new Promise<number>((resolve) => s.listen(0, address, () => resolve((s.address() as AddressInfo).port)))));
  // The payment pages name the look-alike origin, port included: known once listening.
  Object.assign(routes, checkoutRoutes(`https://${SKIMMER_HOST}:${ports[0]}`, VERSIONED));
  const spkiDer = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  const ssh = await startDemoSsh(address);
  return {
    address,
    httpsPort: ports[0]!,
    httpPort: ports[1]!,
    sshPort: ssh.port,
    spki: createHash('sha256').update(spkiDer).digest('base64'),
    stop: async () => {
      await ssh.stop();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}
