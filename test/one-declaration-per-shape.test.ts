import { describe, expect, it } from 'vitest';
import { declarations, twins } from './support/shapeTwins.js';

/**
 * One declaration per shape: an enumeration or a record shape is declared once, as a Zod schema in schemas/
 * (or a family's spec), and every other use derives from it (`Schema.options`, `z.infer`). The twins are found
 * with the TypeScript parser over src/ and schemas/ (support/shapeTwins.ts).
 */
const root = new URL('..', import.meta.url).pathname;
const found = declarations(root, ['src', 'schemas']);

describe('enumerations and record shapes', () => {
  it('are found in src/ and schemas/', () => {
    expect(found.filter((d) => d.kind === 'enumeration' && d.schema).length).toBeGreaterThan(10);
    expect(found.filter((d) => d.kind === 'record' && d.schema).length).toBeGreaterThan(10);
  });

  it('are each declared once', () => {
    expect(twins(found)).toEqual([]);
  });
});

describe('the twin finder', () => {
  const at = (where: string, kind: 'enumeration' | 'record', members: string[], schema: boolean) => ({
    where,
    kind,
    members: members.sort(),
    schema,
  });

  it('finds an as-const array with the members of a z.enum, and one that adds the empty string', () => {
    const kinds = at('a.ts:1 AnnexKind', 'enumeration', ['allocation', 'detail', 'targets'], true);
    expect(
      twins([kinds, at('b.ts:1 ANNEX_KINDS', 'enumeration', ['targets', 'detail', 'allocation'], false)]),
    ).toHaveLength(1);
    expect(
      twins([kinds, at('b.ts:1 ANNEX_KIND_NAMES', 'enumeration', ['allocation', 'detail', 'targets', ''], false)]),
    ).toHaveLength(1);
    expect(twins([kinds, at('b.ts:1 OTHER', 'enumeration', ['allocation', 'detail'], false)])).toEqual([]);
  });

  it('finds an interface with the properties of a z.object, but not two interfaces of their own', () => {
    const schema = at('a.ts:1 TableAccountJson', 'record', ['kind', 'annex', 'source_line', 'records'], true);
    const twin = at('b.ts:1 TableAccount', 'record', ['records', 'kind', 'annex', 'source_line'], false);
    expect(twins([schema, twin])).toEqual([
      'a.ts:1 TableAccountJson = b.ts:1 TableAccount: {annex, kind, records, source_line}',
    ]);
    expect(twins([twin, { ...twin, where: 'c.ts:1 Other' }])).toEqual([]);
  });
});
