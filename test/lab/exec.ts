import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

/** Runs a command and returns stdout; throws with stderr in the message on failure. */
export async function run(cmd: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<string> {
  try {
    if (opts.input !== undefined) {
      return await new Promise<string>((resolve, reject) => {
        const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}: ${err}`))));
        // A command may exit before reading all its input (openssl s_client on a refused handshake): not an error of the test.
        child.stdin.on('error', () => undefined);
        child.stdin.end(opts.input);
      });
    }
    const { stdout } = await execFileP(cmd, args, { timeout: opts.timeoutMs ?? 30_000, maxBuffer: 16 << 20 });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.stderr || err.message}`);
  }
}

/** Starts a long-running process; resolves once it has run `settleMs` without exiting. */
export async function startDaemon(cmd: string, args: string[], settleMs = 300): Promise<ChildProcess> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d) => (err += d));
  child.stdout?.on('data', () => undefined);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, settleMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited early (${code}): ${err}`));
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  return child;
}
