/**
 * Writes schemas/json/NAME.schema.json for every dataset from its Zod schema (output side).
 * Run after a schema change: `npm run schemas`; a test fails while the committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../schemas/jsonSchema.js';
import { projectRoot } from '../src/family/load.js';

const dir = join(projectRoot(), 'schemas', 'json');
mkdirSync(dir, { recursive: true });
for (const [file, text] of jsonSchemas()) {
  writeFileSync(join(dir, file), text);
  process.stdout.write(`wrote schemas/json/${file}\n`);
}
