import { INTERFERENCE, type InterferenceSignature } from '../../catalogue/interference.js';
import type { HttpExchange } from './exchange.js';

const BODY_CHARS = 16_384;

/** The interference an answer shows (catalogue/interference.ts), named, or undefined. */
export function recogniseInterference(ex: Pick<HttpExchange, 'status' | 'headers' | 'body'>): string | undefined {
  const text = ex.body.subarray(0, BODY_CHARS).toString('utf8');
  return INTERFERENCE.find((sig) => fits(sig, ex, text))?.name;
}

function fits(sig: InterferenceSignature, ex: Pick<HttpExchange, 'status' | 'headers'>, text: string): boolean {
  if (sig.status && !sig.status.includes(ex.status)) return false;
  for (const want of sig.headers ?? []) {
    const values = Object.entries(ex.headers)
      .filter(([name]) => (typeof want.name === 'string' ? name === want.name : want.name.test(name)))
      .flatMap(([, v]) => (Array.isArray(v) ? v : [v as string]));
    if (!values.some((v) => want.value.test(v))) return false;
  }
  return !sig.body || sig.body.test(text);
}
