import { type CspPolicy, type FrameAncestors, frameAncestors } from './content-security-policy.js';
import type { FrameOptions } from './x-frame-options.js';

/**
 * Who decides whether the page may be framed. HTML "check a navigation response's adherence
 * to `X-Frame-Options`", step 2: when any enforced CSP has a frame-ancestors directive,
 * X-Frame-Options is not consulted at all. Every policy applies (CSP3: "the most restrictive policy wins" in effect), so framing is
 * restricted when at least one frame-ancestors restricts it.
 */
export type Framing =
  | { readonly by: 'frame-ancestors'; readonly restricts: boolean; readonly directives: readonly FrameAncestors[]; readonly xfo: FrameOptions }
  | { readonly by: 'x-frame-options'; readonly xfo: FrameOptions };

export function framing(policies: readonly CspPolicy[], xfo: FrameOptions): Framing {
  const directives = frameAncestors(policies);
  return directives.length ? { by: 'frame-ancestors', restricts: directives.some((d) => d.restricts), directives, xfo } : { by: 'x-frame-options', xfo };
}
