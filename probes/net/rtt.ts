/**
 * Round-trip estimate from connect() answers (SYN → SYN-ACK or RST), RFC 6298 style as
 * nmap keeps it: timeout = srtt + 4·rttvar, clamped. A silent (filtered) port then costs
 * a few round trips instead of the full connect timeout.
 */
export class RttEstimator {
  private srtt: number | undefined;
  private rttvar = 0;
  private count = 0;

  constructor(
    /** Used until the first answer arrives. */
    private readonly initialMs: number,
    /** Floor: scheduling jitter of this process, not the network, decides it on a LAN. */
    private readonly minMs: number,
    private readonly maxMs: number,
  ) {}

  sample(rttMs: number): void {
    this.count++;
    if (this.srtt === undefined) {
      this.srtt = rttMs;
      this.rttvar = rttMs / 2;
      return;
    }
    this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rttMs);
    this.srtt = 0.875 * this.srtt + 0.125 * rttMs;
  }

  timeoutMs(): number {
    if (this.srtt === undefined) return Math.min(this.initialMs, this.maxMs);
    return Math.round(Math.min(this.maxMs, Math.max(this.minMs, this.srtt + 4 * this.rttvar)));
  }

  get samples(): number {
    return this.count;
  }

  snapshot(): { srttMs?: number; rttvarMs?: number; samples: number; timeoutMs: number } {
    return {
      ...(this.srtt === undefined ? {} : { srttMs: round2(this.srtt), rttvarMs: round2(this.rttvar) }),
      samples: this.count,
      timeoutMs: this.timeoutMs(),
    };
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
