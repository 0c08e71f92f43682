import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type TObject } from 'typebox';
import { describe, expect, it } from 'vitest';
import { envName } from '../../src/core/env-schema.ts';
import { CATEGORY_STATUS, type ErrorSpec } from '../../src/exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../src/exceptions/framework-errors.ts';
import { FRONTENDS, moduleTier, type ModuleDefinition, type ModuleTier } from '../../src/modules/base.ts';
import { envPrefix, loadModuleConfig } from '../../src/modules/config.ts';
import {
  DEFAULT_MODULES_DIR,
  discoverModules,
  findSource,
  importFresh,
  isDir,
  type ModuleManifest,
} from '../../src/modules/discovery.ts';

/**
 * The modules as the specification lists them: three tiers and the
 * dependency table of "Optional Modules" (no core module depends on anything).
 */
const SPEC: Readonly<Record<string, { tier: ModuleTier; requires: readonly string[] }>> = {
  core: { tier: 'core', requires: [] },
  tenancy: { tier: 'core', requires: [] },
  cms: { tier: 'core', requires: [] },
  customers: { tier: 'core', requires: [] },
  cart: { tier: 'optional', requires: [] },
  catalog: { tier: 'optional', requires: [] },
  checkout: { tier: 'optional', requires: ['cart', 'orders', 'payments'] },
  payments: { tier: 'optional', requires: [] },
  billing: { tier: 'optional', requires: ['payments'] },
  inventory: { tier: 'optional', requires: [] },
  orders: { tier: 'optional', requires: ['payments'] },
  marketplace: { tier: 'optional', requires: ['inventory'] },
  analytics: { tier: 'optional', requires: [] },
  messaging: { tier: 'optional', requires: [] },
  'dev-tools': { tier: 'internal', requires: [] },
  monitoring: { tier: 'internal', requires: [] },
};

/** The modules whose declarative surface this suite holds to the full standard. */
const DECLARED = [
  'core',
  'tenancy',
  'cms',
  'customers',
  'cart',
  'catalog',
  'checkout',
  'payments',
  'billing',
  'inventory',
  'orders',
  'marketplace',
  'analytics',
  'messaging',
] as const;

const LANGUAGES = ['de', 'en', 'fr', 'lu'];
const PATH_FIELDS = ['servicesPath', 'modelsPath', 'schemasPath', 'exceptionsPath', 'templatesPath', 'localesPath'] as const;

const manifests = await discoverModules(DEFAULT_MODULES_DIR);
const byCode = new Map(manifests.map((m) => [m.definition.code, m] as const));
const allDefinitions = manifests.map((m) => m.definition);

function manifest(code: string): ModuleManifest {
  const found = byCode.get(code);
  if (!found) throw new Error(`module ${code} was not discovered`);
  return found;
}

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`: the keys i18next resolves. */
function flatten(value: unknown, prefix = ''): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { [prefix]: value };
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) Object.assign(out, flatten(child, prefix ? `${prefix}.${key}` : key));
  return out;
}

function readLocale(m: ModuleManifest, language: string): Record<string, unknown> {
  const file = m.localeFiles[language];
  if (!file) throw new Error(`${m.definition.code} has no ${language}.json`);
  return flatten(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

function placeholders(text: unknown): string[] {
  return [...new Set([...String(text).matchAll(/\{(\w+)\}/g)].map((match) => match[1]!))].sort();
}

function errorsConstName(code: string): string {
  return `${code.replace(/-/g, '_').toUpperCase()}_ERRORS`;
}

async function loadErrors(m: ModuleManifest): Promise<Record<string, ErrorSpec> | undefined> {
  const file = findSource(m.dir, 'exceptions');
  if (!file) return undefined;
  const mod = (await importFresh(file)) as Record<string, unknown>;
  return mod[errorsConstName(m.definition.code)] as Record<string, ErrorSpec> | undefined;
}

async function loadConfigSchema(m: ModuleManifest): Promise<TObject> {
  const mod = (await importFresh(m.configFile!)) as { configSchema?: TObject; config?: unknown };
  expect(mod.configSchema, `${m.definition.code}/config.ts exports configSchema`).toBeDefined();
  expect(mod.config, `${m.definition.code}/config.ts exports config`).toBeDefined();
  return mod.configSchema!;
}

/** Values each setting must refuse; none for a setting without bounds. */
function badValues(schema: Record<string, unknown>): string[] {
  if (Array.isArray(schema.anyOf)) return ['not-one-of-the-choices'];
  if (schema.type === 'integer' || schema.type === 'number') {
    const out = ['not-a-number'];
    if (typeof schema.minimum === 'number') out.push(String(schema.minimum - 1));
    if (typeof schema.maximum === 'number') out.push(String(schema.maximum + 1));
    return out;
  }
  if (schema.type === 'boolean') return ['maybe'];
  if (schema.type === 'string') {
    const out: string[] = [];
    if (typeof schema.pattern === 'string' || typeof schema.format === 'string') out.push('%% not valid %%');
    if (typeof schema.maxLength === 'number') out.push('x'.repeat(schema.maxLength + 1));
    return out;
  }
  return [];
}

function menuEntries(definition: ModuleDefinition) {
  return FRONTENDS.flatMap((frontend) => (definition.menuItems[frontend] ?? []).map((item) => ({ frontend, item })));
}

describe('the modules of the specification', () => {
  it('discovers exactly the 16 modules the specification lists', () => {
    expect(manifests.map((m) => m.definition.code).sort()).toEqual(Object.keys(SPEC).sort());
  });

  it('puts core, tenancy, cms and customers in core, dev-tools and monitoring in internal, the rest in optional', () => {
    const tiers = Object.fromEntries(allDefinitions.map((d) => [d.code, moduleTier(d)]));
    expect(tiers).toEqual(Object.fromEntries(Object.entries(SPEC).map(([code, s]) => [code, s.tier])));
  });

  it("declares exactly the specification's dependency table", () => {
    const requires = Object.fromEntries(allDefinitions.map((d) => [d.code, [...d.requires].sort()]));
    expect(requires).toEqual(Object.fromEntries(Object.entries(SPEC).map(([code, s]) => [code, [...s.requires].sort()])));
  });

  it('gives every module its own display name, analytics the one of the specification', () => {
    const names = allDefinitions.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(manifest('analytics').definition.name).toBe('Analytics & Reporting');
  });

  it("gates analytics by the specification's features and shows it in the vendor menu only", () => {
    const analytics = manifest('analytics').definition;
    expect(analytics.features).toEqual(['basic_reports', 'analytics_dashboard', 'custom_reports']);
    expect(analytics.menuItems.admin ?? []).toEqual([]);
    expect(analytics.menuItems.vendor?.map((i) => i.id)).toEqual(['analytics']);
  });
});

describe('declarations across modules', () => {
  it("names every permission and event after its module, once across the platform", () => {
    const permissions = allDefinitions.flatMap((d) => d.permissions.map((p) => ({ module: d.code, code: p.code })));
    const events = allDefinitions.flatMap((d) => d.events.map((e) => ({ module: d.code, code: e.name })));
    for (const { module, code } of [...permissions, ...events]) expect(code.startsWith(`${module}.`), code).toBe(true);
    expect(new Set(permissions.map((p) => p.code)).size).toBe(permissions.length);
    expect(new Set(events.map((e) => e.code)).size).toBe(events.length);
  });

  it('declares each feature code in one module only', () => {
    const features = allDefinitions.flatMap((d) => d.features);
    expect(new Set(features).size).toBe(features.length);
  });

  it('gives each menu item an id and a path no other item of its frontend uses', () => {
    for (const frontend of FRONTENDS) {
      const items = allDefinitions.flatMap((d) => d.menuItems[frontend] ?? []);
      const ids = items.map((i) => i.id);
      const paths = items.map((i) => i.path);
      expect(new Set(ids).size, `${frontend} menu ids: ${ids.join(', ')}`).toBe(ids.length);
      expect(new Set(paths).size, `${frontend} menu paths: ${paths.join(', ')}`).toBe(paths.length);
    }
  });

  it('guards menu items only by permissions their module declares', () => {
    for (const d of allDefinitions) {
      const declared = new Set(d.permissions.map((p) => p.code));
      for (const { frontend, item } of menuEntries(d)) {
        if (item.permission !== undefined) expect(declared.has(item.permission), `${d.code} ${frontend} ${item.id}`).toBe(true);
      }
    }
  });

  it('finds every translated menu label in the English locale of its module', () => {
    for (const m of manifests) {
      for (const { frontend, item } of menuEntries(m.definition)) {
        const colon = item.label.indexOf(':');
        if (colon === -1) continue; // a literal label, allowed by the contract
        expect(item.label.slice(0, colon), `${m.definition.code} ${frontend} ${item.id}`).toBe(m.definition.code);
        expect(readLocale(m, 'en'), item.label).toHaveProperty([item.label.slice(colon + 1)]);
      }
    }
  });

  it('keeps the same keys in en, de, fr and lu, each with a translation', () => {
    for (const m of manifests.filter((x) => Object.keys(x.localeFiles).length > 0)) {
      expect(Object.keys(m.localeFiles).sort(), m.definition.code).toEqual(LANGUAGES);
      const english = Object.keys(readLocale(m, 'en')).sort();
      for (const language of LANGUAGES) {
        const locale = readLocale(m, language);
        expect(Object.keys(locale).sort(), `${m.definition.code}/${language}.json`).toEqual(english);
        for (const [key, text] of Object.entries(locale)) {
          expect(typeof text === 'string' && text.trim() !== '', `${m.definition.code}/${language}.json ${key}`).toBe(true);
        }
      }
    }
  });

  it('declares every folder a definition points to', () => {
    for (const m of manifests) {
      for (const field of PATH_FIELDS) {
        const path = m.definition[field];
        if (path !== undefined) expect(isDir(join(m.dir, path)), `${m.definition.code}.${field}`).toBe(true);
      }
    }
  });

  it('uses each error code once across the framework and all modules, prefixed by its module', async () => {
    const codes = Object.keys(FRAMEWORK_ERRORS);
    for (const m of manifests) {
      const errors = await loadErrors(m);
      if (!errors) continue;
      const prefix = errorsConstName(m.definition.code).replace(/ERRORS$/, '');
      for (const [key, spec] of Object.entries(errors)) {
        expect(key.startsWith(prefix), key).toBe(true);
        expect(spec.code).toBe(key);
        expect(Object.keys(CATEGORY_STATUS)).toContain(spec.category);
        codes.push(key);
      }
    }
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });
});

describe.each(DECLARED)('the %s module', (code) => {
  const m = manifest(code);
  const d = m.definition;

  it('has a declarative definition importing only ../base.ts and the code it hands to the framework', () => {
    const source = readFileSync(m.definitionFile, 'utf8');
    const imports = [...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(|\brequire\s*\(/g)].map((x) => x[1] ?? x[0]);
    expect(imports[0]).toBe('../base.ts');
    // `provides`, `widgets` and `viewContext` name the module's own services and widgets; nothing else is imported.
    for (const other of imports.slice(1)) expect(other).toMatch(/^\.\/(services\/[a-z0-9.-]+|widgets)\.ts$/);
    if (imports.length > 1) expect(d.provides ?? d.widgets ?? d.viewContext).toBeDefined();
  });

  it('describes itself at version 1.0.0', () => {
    expect(d.description.length).toBeGreaterThan(0);
    expect(d.version).toBe('1.0.0');
  });

  it('does not claim a self-contained structure it has not built yet', () => {
    const built = m.routeFiles.length > 0 || isDir(join(m.dir, 'services'));
    if (!built) {
      expect(d.isSelfContained).toBe(false);
      for (const field of PATH_FIELDS) expect(d[field], field).toBeUndefined();
    }
  });

  it('labels its menu items with <code>:menu.<id> keys below the frontend root', () => {
    for (const { item } of menuEntries(d)) {
      expect(item.label).toBe(`${code}:menu.${item.id}`);
      expect(item.path).toMatch(/^\/[a-z0-9/-]*$/);
    }
  });

  it('translates its name, description, menu labels, permissions and errors', async () => {
    const english = readLocale(m, 'en');
    const expected = [
      'name',
      'description',
      ...menuEntries(d).map(({ item }) => `menu.${item.id}`),
      ...d.permissions.map((p) => `permissions.${p.code}`),
    ];
    for (const key of expected) expect(english, key).toHaveProperty([key]);
    const errors = await loadErrors(m);
    expect(errors, `${code}/exceptions.ts exports ${errorsConstName(code)}`).toBeDefined();
    for (const spec of Object.values(errors!)) {
      // The English text is the error table's own message, so both read the same.
      expect(english[`errors.${spec.code}`], spec.code).toBe(spec.message);
      for (const language of LANGUAGES) {
        const text = readLocale(m, language)[`errors.${spec.code}`];
        expect(placeholders(text), `${language} ${spec.code}`).toEqual(placeholders(spec.message));
      }
    }
  });

  it('reads its settings with defaults, descriptions and bounds, refusing bad values by variable name', async () => {
    if (!m.configFile) return;
    const schema = await loadConfigSchema(m);
    const properties = Object.entries(schema.properties as Record<string, Record<string, unknown>>);
    const defaults = Object.fromEntries(properties.map(([key, s]) => [key, s.default]));
    expect(loadModuleConfig(code, schema, {})).toEqual(defaults);
    for (const [key, propSchema] of properties) {
      expect(propSchema.default, `${code}.${key} default`).toBeDefined();
      expect(propSchema.description, `${code}.${key} description`).toEqual(expect.any(String));
      const variable = envName(envPrefix(code), key);
      const bad = badValues(propSchema);
      expect(bad.length, `${variable} has bounds`).toBeGreaterThan(0);
      for (const value of bad) {
        expect(() => loadModuleConfig(code, schema, { [variable]: value }), `${variable}=${value}`).toThrow(variable);
      }
    }
  });
});

describe('module settings', () => {
  it('loads every config.ts from an empty environment, and refuses what its bounds exclude', async () => {
    for (const m of manifests.filter((x) => x.configFile)) {
      const schema = await loadConfigSchema(m);
      expect(() => loadModuleConfig(m.definition.code, schema, {}), m.definition.code).not.toThrow();
      for (const [key, propSchema] of Object.entries(schema.properties as Record<string, Record<string, unknown>>)) {
        const variable = envName(envPrefix(m.definition.code), key);
        for (const value of badValues(propSchema)) {
          expect(() => loadModuleConfig(m.definition.code, schema, { [variable]: value })).toThrow(variable);
        }
      }
    }
  });

  it('gives marketplace the Letzshop defaults of the specification and reads MARKETPLACE_* variables', async () => {
    const schema = await loadConfigSchema(manifest('marketplace'));
    expect(loadModuleConfig('marketplace', schema, {})).toMatchObject({ apiTimeout: 30, batchSize: 100, maxRetries: 3 });
    expect(loadModuleConfig('marketplace', schema, { MARKETPLACE_API_TIMEOUT: '60', MARKETPLACE_BATCH_SIZE: '500' })).toMatchObject({
      apiTimeout: 60,
      batchSize: 500,
    });
    expect(() => loadModuleConfig('marketplace', schema, { MARKETPLACE_API_TIMEOUT: '0' })).toThrow('MARKETPLACE_API_TIMEOUT');
    expect(() => loadModuleConfig('marketplace', schema, { MARKETPLACE_API_URL: 'letzshop.lu' })).toThrow('MARKETPLACE_API_URL');
  });

  it('charges in EUR unless told otherwise, and only in ISO currencies it supports', async () => {
    const schema = await loadConfigSchema(manifest('payments'));
    expect(loadModuleConfig('payments', schema, {})).toMatchObject({ defaultCurrency: 'EUR' });
    expect(loadModuleConfig('payments', schema, { PAYMENTS_DEFAULT_CURRENCY: 'CHF' })).toMatchObject({ defaultCurrency: 'CHF' });
    expect(() => loadModuleConfig('payments', schema, { PAYMENTS_DEFAULT_CURRENCY: 'eur' })).toThrow('PAYMENTS_DEFAULT_CURRENCY');
  });

  it('reads dev-tools settings from DEV_TOOLS_* variables', () => {
    expect(envPrefix('dev-tools')).toBe('DEV_TOOLS_');
    const schema = Type.Object({ pageSize: Type.Integer({ default: 20, minimum: 1, maximum: 200 }) });
    expect(loadModuleConfig('dev-tools', schema, { DEV_TOOLS_PAGE_SIZE: '50' })).toEqual({ pageSize: 50 });
    expect(() => loadModuleConfig('dev-tools', schema, { DEV_TOOLS_PAGE_SIZE: '0' })).toThrow('DEV_TOOLS_PAGE_SIZE');
  });
});
