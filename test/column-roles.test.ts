import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ts from 'typescript';
import { ColumnRole, TableAnnexSpec } from '../src/family/spec.js';
import { loadFamilies } from '../src/family/load.js';

/**
 * Column roles are one z.enum (src/family/spec.ts): family.json is validated against it, and the column map of a
 * table is keyed by its type, so a misspelt role in code is a compile error. The code snippets below are
 * type-checked with the project's compiler options against the real modules, without being written to disk.
 */
const root = new URL('..', import.meta.url).pathname;
const header = [
  "import type { ColumnMap } from '../src/grid/header.js';",
  "import type { GridRow } from '../src/grid/grid.js';",
  "import { roleText, rowIdentity } from '../src/grid/columns.js';",
  'declare const row: GridRow;',
  'declare const columns: ColumnMap;',
];

/** Compiler error messages per snippet, each snippet a module in test/ importing the grid modules; one program. */
function compileErrors(snippets: Record<string, string[]>): Record<string, string[]> {
  const files = new Map(
    Object.entries(snippets).map(([name, body]) => [
      join(root, 'test', `__${name}.ts`),
      [...header, ...body, ''].join('\n'),
    ]),
  );
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json not read');
  const options = { ...config.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined ? getSourceFile(name, language, ...rest) : ts.createSourceFile(name, text, language);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const errors = (file: string): string[] => {
    const source = program.getSourceFile(file);
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) =>
      ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    );
  };
  return Object.fromEntries(Object.keys(snippets).map((name) => [name, errors(join(root, 'test', `__${name}.ts`))]));
}

describe('column roles in code', () => {
  // One program for both snippets: type-checking the grid modules takes seconds.
  const errors = compileErrors({
    declared: [
      "export const amount: string = roleText(row, columns, 'amount');",
      "export const at: number | undefined = columns.roles.get('budget_code');",
      "export const who = rowIdentity(columns, { code: ['region_code'], name: ['region_name'] }, () => '');",
    ],
    misspelt: [
      "export const amount = roleText(row, columns, 'amout');",
      "export const at = columns.roles.get('budgetcode');",
      "export const who = rowIdentity(columns, { code: ['region_cod'], name: ['region_name'] }, () => '');",
    ],
  });

  it('compiles a role the enumeration declares', () => {
    expect(errors['declared']).toEqual([]);
  });

  it('refuses to compile a misspelt role, read by name, looked up in the column map or declared as an identity', () => {
    const misspelt = errors['misspelt'] ?? [];
    expect(misspelt).toHaveLength(3);
    expect(misspelt[0]).toMatch(/"amout".*not assignable/);
    expect(misspelt[1]).toMatch(/"budgetcode".*not assignable/);
    expect(misspelt[2]).toMatch(/"region_cod".*not assignable/);
  });
});

describe('column roles in family.json', () => {
  const family = loadFamilies().find((f) => f.id === 'gd-special-transfer');
  if (!family) throw new Error('family gd-special-transfer not found');

  it('are the enumeration’s members, every column of the seed family included', () => {
    const declared = [...family.annexes.allocation.columns, ...family.annexes.detail.columns].map((c) => c.role);
    expect(declared.length).toBeGreaterThan(10);
    for (const role of declared) expect(ColumnRole.options).toContain(role);
  });

  it('refuses a role the enumeration does not declare, at the path of the column', () => {
    const json = JSON.parse(
      JSON.stringify({
        ...family.annexes.detail,
        columns: family.annexes.detail.columns.map((c) => ({
          ...c,
          content: c.content?.source,
          headerPattern: c.headerPattern?.source,
          several: c.several && { take: c.several.take.source, leave: c.several.leave.source },
        })),
        rowTypes: family.annexes.detail.rowTypes.map((r) => ({ ...r, pattern: r.pattern.source })),
        headerRoles: undefined,
      }),
    ) as { columns: { role: string }[] };
    expect(TableAnnexSpec.safeParse(json).success).toBe(true);
    (json.columns[1] as { role: string }).role = 'budgetcode';
    const result = TableAnnexSpec.safeParse(json);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['columns.1.role']);
  });
});
