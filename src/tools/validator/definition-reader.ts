import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { ModuleDefinitionSchema } from '../../modules/base.ts';
import { lineOf, parseSource } from './source-facts.ts';

/** The definition fields that name paths inside the module folder. */
export const PATH_FIELDS = ['servicesPath', 'modelsPath', 'schemasPath', 'exceptionsPath', 'templatesPath', 'localesPath'] as const;
export type PathField = (typeof PATH_FIELDS)[number];

export interface Located<T> {
  readonly value: T;
  readonly line: number;
}

/** A module definition as written in `definition.ts`, read without importing it. */
export interface DefinitionFacts {
  readonly file: string;
  /** Line of the `defineModule(` call. */
  readonly line: number;
  readonly code: Located<string>;
  readonly version: string;
  readonly requires: readonly Located<string>[];
  readonly isCore: boolean;
  readonly isInternal: boolean;
  readonly isSelfContained: boolean;
  readonly paths: Readonly<Partial<Record<PathField, Located<string>>>>;
}

export interface DefinitionProblem {
  readonly message: string;
  readonly line: number | undefined;
}

export type DefinitionRead =
  | { readonly ok: true; readonly facts: DefinitionFacts }
  | { readonly ok: false; readonly problems: readonly DefinitionProblem[] };

/** Fields defineModule accepts: the schema's, plus the health check function. */
// Besides the declared data: the functions and services defineModule takes as they are.
const KNOWN_FIELDS = new Set([...Object.keys(ModuleDefinitionSchema.properties), 'healthCheck', 'provides', 'widgets', 'viewContext']);
const STRING_FIELDS = ['code', 'version', ...PATH_FIELDS] as const;
const BOOLEAN_FIELDS = ['isCore', 'isInternal', 'isSelfContained'] as const;
const DEFAULTS = { version: '1.0.0', isCore: false, isInternal: false, isSelfContained: true };

/**
 * Reads `export const definition = defineModule({...})` from the syntax
 * tree. The fields the tools rely on (code, version, requires, tier flags,
 * paths) must be literals: definitions are declarative, and a value the
 * validator cannot read is a value a reader cannot either.
 */
export function readDefinition(file: string, text = readFileSync(file, 'utf8')): DefinitionRead {
  const sf = parseSource(file, text);
  const call = findDefineModuleCall(sf);
  if (!call) {
    return fail('does not export `definition = defineModule({...})`, which discovery reads', undefined);
  }
  const arg = call.arguments[0];
  if (!arg || !ts.isObjectLiteralExpression(arg)) {
    return fail('defineModule() must be called with an object literal', lineOf(sf, call));
  }
  const problems: DefinitionProblem[] = [];
  const values = new Map<string, { node: ts.Expression; line: number }>();
  for (const prop of arg.properties) {
    const line = lineOf(sf, prop);
    if (ts.isSpreadAssignment(prop) || !prop.name || ts.isComputedPropertyName(prop.name)) {
      problems.push({ message: 'uses a spread or computed field; write every field out', line });
      continue;
    }
    const name = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : prop.name.getText(sf);
    if (!KNOWN_FIELDS.has(name)) {
      problems.push({ message: `has unknown field \`${name}\` (defineModule rejects it at boot)`, line });
      continue;
    }
    if (ts.isPropertyAssignment(prop)) values.set(name, { node: prop.initializer, line });
    else if (ts.isShorthandPropertyAssignment(prop)) values.set(name, { node: prop.name, line });
    // Methods (a `healthCheck() {}`) carry no value the validator reads.
  }

  const strings: Partial<Record<(typeof STRING_FIELDS)[number], Located<string>>> = {};
  for (const field of STRING_FIELDS) {
    const v = values.get(field);
    if (!v) continue;
    const s = literalString(v.node);
    if (s === undefined) problems.push({ message: `field \`${field}\` must be a string literal`, line: v.line });
    else strings[field] = { value: s, line: v.line };
  }
  const booleans: Partial<Record<(typeof BOOLEAN_FIELDS)[number], boolean>> = {};
  for (const field of BOOLEAN_FIELDS) {
    const v = values.get(field);
    if (!v) continue;
    const b = literalBoolean(v.node);
    if (b === undefined) problems.push({ message: `field \`${field}\` must be true or false`, line: v.line });
    else booleans[field] = b;
  }
  let requires: Located<string>[] = [];
  const req = values.get('requires');
  if (req) {
    const list = literalStringArray(unwrap(req.node), sf);
    if (!list) problems.push({ message: 'field `requires` must be an array of string literals', line: req.line });
    else requires = list;
  }
  if (!strings.code && !values.has('code')) problems.push({ message: 'has no `code`', line: lineOf(sf, call) });
  if (problems.length > 0 || !strings.code) return { ok: false, problems };

  const paths: Partial<Record<PathField, Located<string>>> = {};
  for (const field of PATH_FIELDS) if (strings[field]) paths[field] = strings[field];
  return {
    ok: true,
    facts: {
      file,
      line: lineOf(sf, call),
      code: strings.code,
      version: strings.version?.value ?? DEFAULTS.version,
      requires,
      isCore: booleans.isCore ?? DEFAULTS.isCore,
      isInternal: booleans.isInternal ?? DEFAULTS.isInternal,
      isSelfContained: booleans.isSelfContained ?? DEFAULTS.isSelfContained,
      paths,
    },
  };
}

function fail(message: string, line: number | undefined): DefinitionRead {
  return { ok: false, problems: [{ message, line }] };
}

function findDefineModuleCall(sf: ts.SourceFile): ts.CallExpression | undefined {
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    if (!(ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const decl of st.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || decl.name.text !== 'definition' || !decl.initializer) continue;
      const init = unwrap(decl.initializer);
      if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'defineModule') return init;
    }
  }
  return undefined;
}

/** Looks through `as const`, `satisfies T` and parentheses, which change no value. */
function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

function literalString(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  return ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) ? e.text : undefined;
}

function literalBoolean(expr: ts.Expression): boolean | undefined {
  const e = unwrap(expr);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

function literalStringArray(expr: ts.Expression, sf: ts.SourceFile): Located<string>[] | undefined {
  if (!ts.isArrayLiteralExpression(expr)) return undefined;
  const out: Located<string>[] = [];
  for (const el of expr.elements) {
    const s = literalString(el);
    if (s === undefined) return undefined;
    out.push({ value: s, line: lineOf(sf, el) });
  }
  return out;
}
