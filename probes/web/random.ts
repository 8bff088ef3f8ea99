import { randomBytes } from 'node:crypto';

/** A lower-case token no site has a page for (not-found baselines, echo markers). */
export function randomToken(bytes = 8): string {
  return `mp${randomBytes(bytes).toString('hex')}`;
}
