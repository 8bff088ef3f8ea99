import type { ProtocolScan } from '../../probes/tls/enumerate.js';
import type { Protocol } from '../../probes/tls/protocol.js';

/** A protocol the server refused with a protocol_version alert after one handshake, as the enumeration records it. */
export const refusedProtocol = (p: Protocol): ProtocolScan => ({
  protocol: p,
  status: 'refused',
  accepted: [],
  acceptedCodes: [],
  refusals: ['fatal alert protocol_version'],
  errors: [],
  handshakes: 1,
});
