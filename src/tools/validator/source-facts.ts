import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** One import of a file: `import`, `export ... from`, `import()` or `import('x').T`. */
export interface ImportRef {
  readonly specifier: string;
  readonly line: number;
  readonly typeOnly: boolean;
}

/** What the validator needs to know about a source file, read from its syntax alone. */
export interface SourceFacts {
  readonly imports: readonly ImportRef[];
  /** Exported runtime names (`default` included); type-only exports are not here. */
  readonly valueExports: ReadonlySet<string>;
  /** True when the file has `export * from '...'`, whose names cannot be known statically. */
  readonly exportsAll: boolean;
  /** True when the file declares or runs anything beyond importing and re-exporting. */
  readonly hasOwnCode: boolean;
}

const cache = new Map<string, SourceFacts>();

/**
 * Parses a file with the TypeScript compiler's parser (no type checking, no
 * program: the validator must work on a tree that does not build) and
 * returns its imports and exports. Results are cached per path for a run.
 */
export function sourceFacts(file: string): SourceFacts {
  let facts = cache.get(file);
  if (!facts) {
    facts = parseFacts(file, readFileSync(file, 'utf8'));
    cache.set(file, facts);
  }
  return facts;
}

/** Forgets parsed files, so a new run sees edits (the cache only spans one run). */
export function clearSourceFacts(): void {
  cache.clear();
}

export function parseSource(file: string, text: string): ts.SourceFile {
  const kind = /\.(m|c)?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

export function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

export function parseFacts(file: string, text: string): SourceFacts {
  const sf = parseSource(file, text);
  const imports: ImportRef[] = [];
  const valueExports = new Set<string>();
  const imported = new Set<string>();
  let exportsAll = false;
  let hasOwnCode = false;

  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      if (ts.isStringLiteral(st.moduleSpecifier)) {
        imports.push({ specifier: st.moduleSpecifier.text, line: lineOf(sf, st), typeOnly: isTypeOnlyImport(st) });
      }
      collectImportedNames(st, imported);
    } else if (ts.isExportDeclaration(st)) {
      if (st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
        imports.push({ specifier: st.moduleSpecifier.text, line: lineOf(sf, st), typeOnly: st.isTypeOnly });
      }
      if (!st.exportClause) exportsAll = true;
      else if (ts.isNamespaceExport(st.exportClause)) valueExports.add(st.exportClause.name.text);
      else if (!st.isTypeOnly) {
        for (const el of st.exportClause.elements) if (!el.isTypeOnly) valueExports.add(el.name.text);
      }
    } else if (ts.isExportAssignment(st)) {
      valueExports.add('default');
      if (!isImportedReference(st.expression, imported)) hasOwnCode = true;
    } else if (ts.isVariableStatement(st)) {
      const exported = hasExportModifier(st);
      for (const decl of st.declarationList.declarations) {
        if (exported) for (const name of bindingNames(decl.name)) valueExports.add(name);
        // `export const x = imported` is an alias, not code of the file's own.
        if (!exported || !decl.initializer || !isImportedReference(decl.initializer, imported)) hasOwnCode = true;
      }
    } else if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) {
      hasOwnCode = true;
      if (hasExportModifier(st)) valueExports.add(hasDefaultModifier(st) ? 'default' : (st.name?.text ?? 'default'));
    } else if (ts.isImportEqualsDeclaration(st)) {
      if (ts.isExternalModuleReference(st.moduleReference) && ts.isStringLiteral(st.moduleReference.expression)) {
        imports.push({ specifier: st.moduleReference.expression.text, line: lineOf(sf, st), typeOnly: st.isTypeOnly });
      }
      imported.add(st.name.text);
    } else if (!ts.isEmptyStatement(st)) {
      hasOwnCode = true;
    }
  }
  collectNestedImports(sf, imports);
  return { imports, valueExports, exportsAll, hasOwnCode };
}

function isTypeOnlyImport(st: ts.ImportDeclaration): boolean {
  const clause = st.importClause;
  if (!clause) return false; // `import './x'` runs the file
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function collectImportedNames(st: ts.ImportDeclaration, into: Set<string>): void {
  const clause = st.importClause;
  if (!clause) return;
  if (clause.name) into.add(clause.name.text);
  const bindings = clause.namedBindings;
  if (!bindings) return;
  if (ts.isNamespaceImport(bindings)) into.add(bindings.name.text);
  else for (const el of bindings.elements) into.add(el.name.text);
}

/** `foo`, `foo.bar` or `foo as T` where `foo` was imported. */
function isImportedReference(expr: ts.Expression, imported: ReadonlySet<string>): boolean {
  let e: ts.Expression = expr;
  while (ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isSatisfiesExpression(e) || ts.isPropertyAccessExpression(e)) {
    e = e.expression;
  }
  return ts.isIdentifier(e) && imported.has(e.text);
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : bindingNames(el.name)));
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function hasDefaultModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/** Dynamic `import('x')` anywhere in the file, and `import('x').T` in types. */
function collectNestedImports(sf: ts.SourceFile, into: ImportRef[]): void {
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) into.push({ specifier: arg.text, line: lineOf(sf, node), typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      into.push({ specifier: node.argument.literal.text, line: lineOf(sf, node), typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
}
