// `import { mageprobe, MageprobeReporter } from 'mageprobe/vitest'` in a team's vitest.config.ts.
// mageprobe ships TypeScript: tsx runs it, scoped to these imports, as bin/mageprobe.js does for the CLI.
import { tsImport } from 'tsx/esm/api';

const config = await tsImport('./core/vitest-config.ts', import.meta.url);

export const mageprobe = config.mageprobe;
export const MageprobeReporter = config.MageprobeReporter;
