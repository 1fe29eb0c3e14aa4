import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Lines stay within 120 characters (code points, as the formatter counts them) in the code people read. */
const LIMIT = 120;
const root = new URL('..', import.meta.url).pathname;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

describe('the shape of the code', () => {
  it('has no line over 120 characters in src/ or schemas/', () => {
    const long = ['src', 'schemas'].flatMap((folder) =>
      tsFiles(join(root, folder)).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => ([...line].length > LIMIT ? [`${relative(root, file)}:${i + 1}`] : [])),
      ),
    );
    expect(long).toEqual([]);
  });

  it('has no `as unknown as` cast in src/: a value of another type is parsed or narrowed, not cast', () => {
    const casts = tsFiles(join(root, 'src')).filter((file) => /\bas unknown as\b/.test(readFileSync(file, 'utf8')));
    expect(casts.map((f) => relative(root, f))).toEqual([]);
  });
});
