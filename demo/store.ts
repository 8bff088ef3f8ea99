import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './certificate.js';
import { HOME_PAGE, NOT_FOUND_PAGE, STYLESHEET } from './pages.js';

export const DEMO_HOST = 'demo-store.mageprobe.test';

/** What the demo store's routes answer: status, headers and body, data rather than branches. */
interface Route {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: string;
}

// Misconfigured on purpose, the way real stores are: headers set only on the home page
// (nginx add_header without `always`), versions disclosed, CSP only report-only.
const VERSIONED = { server: 'nginx/1.18.0', 'x-powered-by': 'PHP/7.4.3' };

const ROUTES: Record<string, Route> = {
  '/': {
    status: 200,
    headers: {
      ...VERSIONED,
      'content-type': 'text/html; charset=UTF-8',
      'x-content-type-options': 'nosniff',
      'x-xss-protection': '0',
      'referrer-policy': 'no-referrer-when-downgrade',
      'content-security-policy-report-only': "default-src 'self'; report-uri /csp-report",
      'strict-transport-security': 'max-age=3600',
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
};

const NOT_FOUND: Route = { status: 404, headers: { ...VERSIONED, 'content-type': 'text/html; charset=UTF-8' }, body: NOT_FOUND_PAGE };

function answer(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const route = ROUTES[path] ?? NOT_FOUND;
  res.writeHead(route.status, route.headers);
  res.end(req.method === 'HEAD' ? undefined : route.body);
}

export interface DemoStore {
  readonly httpsPort: number;
  readonly httpPort: number;
  stop(): Promise<void>;
}

/** Starts the demo store on loopback: HTTPS and plain HTTP (which serves the store instead of redirecting). */
export async function startDemoStore(): Promise<DemoStore> {
  const { key, cert } = selfSignedCertificate(DEMO_HOST, 365);
  const servers: Server[] = [createHttpsServer({ key, cert }, answer), createHttpServer(answer)];
  const ports = await Promise.all(servers.map((s) => new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)))));
  return {
    httpsPort: ports[0]!,
    httpPort: ports[1]!,
    stop: async () => {
      await Promise.all(
        servers.map((s) => new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        })),
      );
    },
  };
}
