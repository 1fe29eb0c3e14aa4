/**
 * The bare side of the benchmark, in its own process: `parse FILE...` reads each file and parses it
 * with unified + remark-parse + remark-gfm, what any Markdown tool must do at the least.
 */
import { readFileSync } from 'node:fs';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const [mode, ...files] = process.argv.slice(2);
if (mode !== 'parse') throw new Error('usage: bench-child parse FILE...');
const processor = unified().use(remarkParse).use(remarkGfm);
for (const file of files) processor.parse(readFileSync(file, 'utf8'));
