import { defineFact } from '../../core/fact.js';
import { fingerprintMagento, type MagentoFingerprint, probeVersion, type VersionProbe } from '../../probes/web/magento.js';
import { webClient } from '../../probes/web/session.js';

/** The Magento fingerprint, gathered once per target and shown in every MAG check's evidence. */
export const fingerprint = defineFact('Magento fingerprint', async (ctx): Promise<MagentoFingerprint> => fingerprintMagento(await webClient(ctx)));
/** The version sources MAG-01 and MAG-02 both read. */
export const versions = defineFact('Magento version sources', async (ctx): Promise<VersionProbe> => probeVersion(await webClient(ctx)));

export const fingerprintFacts = (f: MagentoFingerprint) => ({ magentoDetected: f.isMagento, magentoMarkers: f.markers });
