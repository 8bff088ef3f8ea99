import type { CheckContext } from '../../core/check.js';
import { fingerprintMagento, type MagentoFingerprint, probeVersion, type VersionProbe } from '../../probes/web/magento.js';
import { webClient } from '../../probes/web/session.js';

/** The Magento fingerprint, gathered once per target and shown in every MAG check's evidence. */
export const fingerprint = (ctx: CheckContext): Promise<MagentoFingerprint> => ctx.fact('magento:fingerprint', async () => fingerprintMagento(await webClient(ctx)));
/** The version sources MAG-01 and MAG-02 both read. */
export const versions = (ctx: CheckContext): Promise<VersionProbe> => ctx.fact('magento:version', async () => probeVersion(await webClient(ctx)));

export const fingerprintFacts = (f: MagentoFingerprint) => ({ magentoDetected: f.isMagento, magentoMarkers: f.markers });
