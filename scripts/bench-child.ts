/**
 * One measured run for the benchmark, in its own process so peak RSS is its own:
 * `parse FILE...` parses each file with unified + remark-parse + remark-gfm;
 * `extract OUT JOBS FILE...` runs the whole pipeline as the CLI does.
 * Prints one JSON line: {"maxRssKb": …}.
 */
import { readFileSync } from 'node:fs';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { runExtract } from '../src/cli/extract.js';

const [mode, ...args] = process.argv.slice(2);
if (mode === 'parse') {
  const processor = unified().use(remarkParse).use(remarkGfm);
  for (const file of args) processor.parse(readFileSync(file, 'utf8'));
} else if (mode === 'extract') {
  const [out, jobs, ...files] = args;
  const code = await runExtract(files, { out: out ?? 'out', bom: true, force: true, jobs: Number(jobs) });
  if (code !== 0) throw new Error(`extract exited ${code}`);
} else throw new Error('usage: bench-child parse|extract …');
process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }) + '\n');
