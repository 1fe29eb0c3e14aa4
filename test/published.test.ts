import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFamilies } from '../src/family/load.js';
import { extractNotice } from '../src/pipeline.js';
import { noticeFolder } from '../src/emit/noticeFiles.js';
import { renderContent } from '../src/tool/byteSink.js';

/**
 * out/ is committed as the published dataset. It must be exactly what the code extracts from raw/
 * now, so it cannot drift: after a change that alters outputs, run `npm run extract -- --force`.
 */
const root = new URL('..', import.meta.url).pathname;
const notices = readdirSync(join(root, 'raw')).filter((n) => n.endsWith('.md'));
/** The live families: out/ is published from the registries and decisions as curated now, not the frozen test copies. */
const families = loadFamilies();

describe('the published datasets in out/', () => {
  it('exist for every notice in raw/', () => {
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices) expect(existsSync(join(root, 'out', n.replace(/\.md$/, ''), 'notice.json')), n).toBe(true);
  });

  for (const name of notices) {
    const id = name.replace(/\.md$/, '');
    it(`equal a fresh extraction of raw/${name}, file for file and byte for byte (the workbook included)`, async () => {
      const fresh = noticeFolder(
        extractNotice(`${name}`, id, readFileSync(join(root, 'raw', name)), families, {
          bom: false,
          allowPartial: false,
        }),
      );
      const published = readdirSync(join(root, 'out', id)).sort();
      expect(published).toEqual([...fresh.keys()].sort());
      expect(published).toContain(`${id}.xlsx`);
      for (const [file, content] of fresh) {
        const stale = `${id}/${file} is stale: run npm run extract -- --force`;
        // out/ was written by the CLI, file by file as pieces; this renders the same writers in memory.
        if (typeof content === 'string') expect(readFileSync(join(root, 'out', id, file), 'utf8'), stale).toBe(content);
        else expect(readFileSync(join(root, 'out', id, file)).equals(renderContent(content)), stale).toBe(true);
      }
    });
  }
});
