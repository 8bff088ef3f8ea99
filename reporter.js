// `vitest run --reporter=mageprobe/reporter`: junit.xml, results.json and report.html of the run.
import { tsImport } from 'tsx/esm/api';

const { MageprobeReporter } = await tsImport('./reporters/vitest-reporter.ts', import.meta.url);

export default MageprobeReporter;
