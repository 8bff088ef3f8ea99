import { type Algorithms, Client } from 'ssh2';

export type AuthMethodsResult =
  /** The methods the server lists after a `none` request (USERAUTH_FAILURE). */
  | { readonly outcome: 'listed'; readonly methods: readonly string[]; readonly username: string }
  /** The server accepted `none`: no authentication at all. */
  | { readonly outcome: 'none-accepted'; readonly username: string }
  | { readonly outcome: 'error'; readonly error: string };

// Accept legacy algorithms too: the point is to reach USERAUTH on any server, however old.
const ALGORITHMS: Algorithms = {
  kex: { append: ['diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'diffie-hellman-group1-sha1'], prepend: [], remove: [] },
  cipher: { append: ['aes128-cbc', 'aes256-cbc', '3des-cbc'], prepend: [], remove: [] },
  serverHostKey: { append: ['ssh-dss'], prepend: [], remove: [] },
  hmac: { append: ['hmac-sha1', 'hmac-md5'], prepend: [], remove: [] },
};

/**
 * One SSH connection that asks for `none` authentication and records the methods the
 * server offers instead; it never tries a password or key.
 */
export function listAuthMethods(address: string, port: number, timeoutMs: number, username = 'mageprobe-audit'): Promise<AuthMethodsResult> {
  return new Promise((resolve) => {
    const client = new Client();
    let result: AuthMethodsResult | undefined;
    const finish = (r: AuthMethodsResult) => {
      result ??= r;
      clearTimeout(timer);
      client.end();
      client.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ outcome: 'error', error: `no USERAUTH answer within ${timeoutMs} ms` }), timeoutMs);
    client.on('ready', () => finish({ outcome: 'none-accepted', username }));
    client.on('error', (e) => finish(result ?? { outcome: 'error', error: e.message }));
    client.on('close', () => finish(result ?? { outcome: 'error', error: 'connection closed before authentication' }));
    client.connect({
      host: address,
      port,
      username,
      ident: 'mageprobe_0.1',
      readyTimeout: timeoutMs,
      hostVerifier: () => true, // only the method list is wanted; nothing is sent that a host key would protect
      algorithms: ALGORITHMS,
      authHandler: (methodsLeft, _partial, next) => {
        // First call: methodsLeft is null (typed as an array); answer with `none`.
        if (!methodsLeft) return next({ type: 'none', username });
        result = { outcome: 'listed', methods: [...methodsLeft], username };
        next(false as unknown as 'none'); // false = stop authenticating
      },
    });
  });
}
