import { z } from 'zod';
import { targetsFileSchema } from '../core/targets-schema.js';

/** targets.schema.json (for editors), from the same zod schema the CLI validates with. */
export function targetsJsonSchema(): string {
  const schema = z.toJSONSchema(targetsFileSchema, { target: 'draft-7', io: 'input' });
  return `${JSON.stringify({ title: 'mageprobe targets file', ...schema }, null, 2)}\n`;
}
