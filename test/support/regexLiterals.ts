import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** A regular expression literal of the source tree: where it is, its pattern and flags. */
export interface RegexLiteral {
  /** `src/parse/markdown.ts:12`. */
  at: string;
  source: string;
  flags: string;
}

/** Every regular expression literal in the TypeScript files under `dir`, found by TypeScript's own parser. */
export function regexLiterals(dir: string, root = dir): RegexLiteral[] {
  const out: RegexLiteral[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...regexLiterals(path, root));
    else if (entry.name.endsWith('.ts')) {
      const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const text = node.getText(file);
          const end = text.lastIndexOf('/');
          const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
          out.push({
            at: `${relative(join(root, '..'), path)}:${line + 1}`,
            source: text.slice(1, end),
            flags: text.slice(end + 1),
          });
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  }
  return out;
}
