import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { extractNotice, type ExtractOptions } from '../../src/pipeline.js';
import { loadFamilies } from '../../src/family/load.js';
import type { NoticeFiles } from '../../src/emit/noticeFiles.js';

/**
 * The curated data (registries, decisions) frozen beside a family's fixtures, so that curating the
 * live registries never changes what these tests expect; the live ones are checked for their
 * invariants in registries.test.ts and against out/ in published.test.ts.
 */
export function frozenCurated(familyId: string): string {
  return new URL(`../fixtures/${familyId}/curated/`, import.meta.url).pathname;
}

/**
 * Put the frozen curated data into a copy of the pipelines folder: each family's registries and
 * decisions as the fixtures were written against (no decisions.json when none was frozen), so a test
 * that works the review queue in a copy starts from the queue it expects.
 */
export function freezeCurated(pipelines: string): void {
  for (const familyId of readdirSync(pipelines)) {
    const frozen = frozenCurated(familyId);
    if (!existsSync(frozen)) continue;
    for (const file of ['policies.json', 'indicators.json', 'decisions.json']) {
      const target = join(pipelines, familyId, file);
      if (existsSync(join(frozen, file))) cpSync(join(frozen, file), target);
      else rmSync(target, { force: true });
    }
  }
}

/** The families as the fixtures were written against: live declarations, frozen registries and decisions. */
export const families = loadFamilies(undefined, { curatedFrom: frozenCurated });

/** Run the whole pipeline on a text in memory, as the CLI would on a file. */
export function extractText(
  text: string | Buffer,
  noticeId = 'fixture',
  options: Partial<ExtractOptions> = {},
): NoticeFiles {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return extractNotice(`${noticeId}.md`, noticeId, bytes, families, { bom: false, allowPartial: false, ...options });
}

/** Run the pipeline on a file. */
export function extractFile(path: string, noticeId = 'fixture'): NoticeFiles {
  return extractText(readFileSync(path), noticeId);
}

/** The records of one dataset from a run. */
export function recordsOf(result: NoticeFiles, dataset: string): Record<string, unknown>[] {
  const json = result.files.get(`${dataset}.json`);
  if (!json) throw new Error(`no ${dataset}.json in the output`);
  return (JSON.parse(json) as { records: Record<string, unknown>[] }).records;
}

/** Records with their source positions (`source_line`, `*_line`, `source_row`) removed, for comparing encodings of one notice. */
export function withoutLines(records: Record<string, unknown>[]): Record<string, unknown>[] {
  return records.map((r) =>
    Object.fromEntries(Object.entries(r).filter(([k]) => !k.endsWith('_line') && k !== 'source_row')),
  );
}

/** The seed notice's text. */
export function seedText(): string {
  return readFileSync(new URL('../../raw/yue-cai-gong-2023-126.md', import.meta.url), 'utf8');
}
