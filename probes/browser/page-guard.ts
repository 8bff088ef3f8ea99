/**
 * Runs in the page's own world of every frame (main, iframes, out-of-process iframes, popups),
 * before any page script (Playwright context.addInitScript). What it stops cannot be stopped
 * on the network:
 * - WebSocket frames: the DevTools Fetch domain and Playwright routing see only the handshake
 *   GET, never the frames, so send() is a no-op. The socket still opens, and the recorder still
 *   records it (Network.webSocketCreated) as an indicator; only its data never leaves.
 *   (navigator.sendBeacon needs nothing here: a beacon is a POST, refused by the route guard.)
 * - Popups: window.open() returns null. Playwright routing lets a popup's first navigation
 *   through unrouted (its frame is not known yet), so the popup must never open; any that still
 *   appears is closed by the recorder.
 * - Service workers: registration is refused, so no worker answers requests out of sight (the
 *   same as Playwright's serviceWorkers: 'block', whose own init script we would otherwise record
 *   as a page script by Playwright's private text).
 * Defined non-writable and non-configurable, so a page script in that frame cannot put them back.
 * Limit: should Chromium let a page script reach a new same-origin about:blank iframe's realm
 * before the init script ran there, a socket made from that realm would send for real (it is
 * still recorded as a connection).
 */
export const PAGE_GUARD = `(() => {
  const fix = (proto, name, value) => { try { Object.defineProperty(proto, name, { value, writable: false, configurable: false }); } catch {} };
  if (self.WebSocket) fix(WebSocket.prototype, 'send', function send() {});
  fix(self, 'open', function open() { return null; });
  if (self.ServiceWorkerContainer) fix(ServiceWorkerContainer.prototype, 'register', function register() { return Promise.reject(new DOMException('service workers are blocked by the scanner', 'SecurityError')); });
})();`;

const squeeze = (s: string) => s.replace(/\s+/g, '');
const GUARD_SQUEEZED = squeeze(PAGE_GUARD);

/**
 * Whether a parsed script is our guard (as given, or as Playwright wraps an init script in an
 * arrow function), so it is not recorded as the page's. Only an exact copy qualifies: a page
 * script with anything more in it is recorded.
 */
export function isPageGuard(source: string): boolean {
  const s = squeeze(source);
  return s === GUARD_SQUEEZED || s === `(()=>{${GUARD_SQUEEZED}})();`;
}
