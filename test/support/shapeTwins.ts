import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** An enumeration or record shape as declared in a source file. */
export interface Declaration {
  /** Where: `src/x.ts:12 NAME`. */
  where: string;
  /** enumeration: string members; record: property names. */
  kind: 'enumeration' | 'record';
  /** Its members or property names, sorted. */
  members: string[];
  /** True for a Zod schema (z.enum, z.object), false for a TypeScript declaration or `as const` array. */
  schema: boolean;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** The string members of an array literal of string literals only, or null. */
function stringArray(node: ts.Node): string[] | null {
  if (!ts.isArrayLiteralExpression(node) || node.elements.length < 2) return null;
  const members = node.elements.map((e) => (ts.isStringLiteral(e) ? e.text : null));
  return members.every((m): m is string => m !== null) ? members : null;
}

/** The property names of an object literal (spreads and computed names left out), or null when it has fewer than two. */
function objectKeys(node: ts.Node): string[] | null {
  if (!ts.isObjectLiteralExpression(node)) return null;
  const keys = node.properties.flatMap((p) =>
    p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [],
  );
  return keys.length >= 2 ? keys : null;
}

/** The property names of an interface or type literal, or null when it has fewer than two. */
function memberNames(members: ts.NodeArray<ts.TypeElement>): string[] | null {
  const names = members.flatMap((m) =>
    ts.isPropertySignature(m) && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? [m.name.text] : [],
  );
  return names.length >= 2 ? names : null;
}

/** The members of a union of string literal types, or null. */
function literalUnion(node: ts.TypeNode): string[] | null {
  if (!ts.isUnionTypeNode(node) || node.types.length < 2) return null;
  const members = node.types.map((t) =>
    ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : null,
  );
  return members.every((m): m is string => m !== null) ? members : null;
}

/** The name a declaration is known by: its variable, type or interface name, or the enclosing one's. */
function nameOf(node: ts.Node): string {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (
      (ts.isVariableDeclaration(n) ||
        ts.isTypeAliasDeclaration(n) ||
        ts.isInterfaceDeclaration(n) ||
        ts.isPropertyAssignment(n)) &&
      ts.isIdentifier(n.name)
    )
      return n.name.text;
  }
  return '(anonymous)';
}

/**
 * Every enumeration and record shape declared in the TypeScript files under the given folders: `z.enum([...])`
 * and `[...] as const` arrays of strings and unions of string literal types; `z.object({...})` and
 * `z.strictObject({...})` literals, interfaces and type literals.
 */
export function declarations(root: string, folders: readonly string[]): Declaration[] {
  const found: Declaration[] = [];
  for (const file of folders.flatMap((f) => tsFiles(join(root, f)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const add = (node: ts.Node, kind: Declaration['kind'], members: string[], schema: boolean): void => {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({
        where: `${relative(root, file)}:${line} ${nameOf(node)}`,
        kind,
        members: [...new Set(members)].sort(),
        schema,
      });
    };
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ts.isIdentifier(node.expression.expression) &&
        node.expression.expression.text === 'z'
      ) {
        const method = node.expression.name.text;
        const [first] = node.arguments;
        const members = first && method === 'enum' ? stringArray(first) : null;
        if (members) add(node, 'enumeration', members, true);
        const keys = first && (method === 'object' || method === 'strictObject') ? objectKeys(first) : null;
        if (keys) add(node, 'record', keys, true);
      } else if (
        ts.isAsExpression(node) &&
        ts.isTypeReferenceNode(node.type) &&
        node.type.typeName.getText(source) === 'const'
      ) {
        const members = stringArray(node.expression);
        if (members) add(node, 'enumeration', members, false);
      } else if (ts.isTypeAliasDeclaration(node)) {
        const members = literalUnion(node.type);
        if (members) add(node, 'enumeration', members, false);
        const names = ts.isTypeLiteralNode(node.type) ? memberNames(node.type.members) : null;
        if (names) add(node, 'record', names, false);
      } else if (ts.isInterfaceDeclaration(node)) {
        const names = memberNames(node.members);
        if (names) add(node, 'record', names, false);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/**
 * Pairs declared twice: two enumerations with the same members, or one with the other's members and the empty
 * string besides (an optional value); a record shape declared by hand with the same property names as a Zod
 * schema (its type should be the schema's `z.infer`). Two schemas alike are branches of one union, not twins.
 */
export function twins(found: readonly Declaration[]): string[] {
  const key = (d: Declaration): string => d.members.join('\u0000');
  const pairs: string[] = [];
  for (const [i, a] of found.entries()) {
    for (const b of found.slice(i + 1)) {
      if (a.kind !== b.kind) continue;
      if (a.kind === 'enumeration') {
        const withEmpty = (x: Declaration, y: Declaration): boolean =>
          x.members.includes('') && key({ ...x, members: x.members.filter((m) => m !== '') }) === key(y);
        if (key(a) === key(b) || withEmpty(a, b) || withEmpty(b, a))
          pairs.push(`${a.where} = ${b.where}: ${a.members.join(', ')}`);
      } else if (a.schema !== b.schema && a.members.length >= 3 && key(a) === key(b)) {
        pairs.push(`${a.where} = ${b.where}: {${a.members.join(', ')}}`);
      }
    }
  }
  return pairs;
}
