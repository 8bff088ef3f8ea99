// The plan as vitest provides it (`mageprobe scan --checks`, a team's vitest with mageprobe()), for
// readPlan in a vitest worker. Loaded only on vitest's side (core/suite.ts), so the CLI never loads vitest.
import { inject } from 'vitest';
import { PLAN_KEY, planProvidedBy } from './plan.js';

planProvidedBy(() => inject(PLAN_KEY));
