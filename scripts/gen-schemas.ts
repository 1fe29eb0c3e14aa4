/**
 * Writes schemas/json/NAME.schema.json for every JSON file (datasets, notice.json, report.json) from
 * its Zod schema (output side), and docs/output.md with its field tables.
 * Run after a schema change: `npm run schemas`; tests fail while the committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../schemas/jsonSchema.js';
import { projectRoot } from '../src/tool/projectRoot.js';
import { outputDoc } from './outputDoc.js';

const dir = join(projectRoot(), 'schemas', 'json');
mkdirSync(dir, { recursive: true });
for (const [file, text] of jsonSchemas()) {
  writeFileSync(join(dir, file), text);
  process.stdout.write(`wrote schemas/json/${file}\n`);
}

mkdirSync(join(projectRoot(), 'docs'), { recursive: true });
writeFileSync(join(projectRoot(), 'docs', 'output.md'), outputDoc());
process.stdout.write('wrote docs/output.md\n');
