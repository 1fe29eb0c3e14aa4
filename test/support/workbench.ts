import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOne } from '../../src/cli/runOne.js';
import { prepareOutFolder } from '../../src/tool/writeAtomic.js';
import { openWorkbench } from '../../src/cli/serve.js';
import { serveWorkbench, type WorkbenchServer } from '../../src/curation/server.js';
import { DecisionsFile } from '../../src/family/decisions.js';
import { loadFamilies } from '../../src/family/load.js';
import { freezeCurated } from './run.js';

const root = new URL('../..', import.meta.url).pathname;
export const NOTICE = 'yue-cai-gong-2023-126';

/** A copy of the project's family data and inputs, with a fresh extraction in out/: what a maintainer has. */
export async function workbenchProject(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'notice-extract-workbench-'));
  for (const part of ['pipelines', 'raw']) cpSync(join(root, part), join(dir, part), { recursive: true });
  // The queue the tests work through is the frozen one: live curation may have emptied it.
  freezeCurated(join(dir, 'pipelines'));
  // runOne writes into an out folder the CLI has prepared (created and checked writable) once for the batch.
  prepareOutFolder(join(dir, 'out'));
  const outcome = await runOne(join(dir, 'raw', `${NOTICE}.md`), NOTICE, loadFamilies(join(dir, 'pipelines')), {
    out: join(dir, 'out'),
    bom: true,
    force: true,
    allowPartial: false,
  });
  if (outcome.status !== 'extracted') throw new Error(`extraction failed: ${JSON.stringify(outcome)}`);
  return dir;
}

/** Serve a project copy's out/ in this process. */
export async function serveCopy(project: string): Promise<WorkbenchServer> {
  const workbench = openWorkbench([join(project, 'out')], {
    pipelines: join(project, 'pipelines'),
    input: [join(project, 'raw')],
  });
  if (Array.isArray(workbench)) throw new Error(workbench.join('\n'));
  return serveWorkbench(workbench, 0);
}

/** A citation record, the fields the workbench changes. */
export type Citation = { title_raw: string; match: string; policy_id: string };
/** The copy's extracted citations. */
export const citations = (project: string): Citation[] =>
  (JSON.parse(readFileSync(join(project, 'out', NOTICE, 'citations.json'), 'utf8')) as { records: Citation[] }).records;
/** The family's decisions file as text ('' while there is none: the family may have no decisions yet). */
export const decisionsText = (project: string): string => {
  const file = join(project, 'pipelines', 'gd-special-transfer', 'decisions.json');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};
/** The decisions of the copy's family ([] while there is no file). */
export const decisions = (project: string) =>
  decisionsText(project) === '' ? [] : DecisionsFile.parse(JSON.parse(decisionsText(project))).decisions;
