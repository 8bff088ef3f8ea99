/**
 * The promise's value, or undefined once `ms` have passed: a hung teardown, renderer or runner
 * cannot hold the scan. A rejection of `p` within the time still rejects.
 */
export async function within<T>(ms: number, p: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), Math.max(0, ms))));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
