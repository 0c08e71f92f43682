import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type Resource, type ResourceLanguage } from 'i18next';
import { isDir } from './discovery.ts';
import { ModuleLoadError, type ModuleProblem } from './module-problems.ts';
import type { ModuleRegistry } from './registry.ts';

/** The languages every page can be read in; `en` is the fallback for any missing key. */
export const LANGUAGES = ['en', 'de', 'fr', 'lu'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** The namespace of the shared templates (`src/templates`); each module's namespace is its code. */
export const COMMON_NAMESPACE = 'common';

export interface LanguageInfo {
  readonly code: Language;
  /** The language's name in itself, as a language switcher shows it. */
  readonly name: string;
  /**
   * The BCP 47 tag for `<html lang>` and `hreflang`. Luxembourgish is `lb`;
   * the platform spells it `lu` in URLs, cookies and file names.
   */
  readonly tag: string;
}

export const LANGUAGE_INFO: Readonly<Record<Language, LanguageInfo>> = Object.freeze({
  en: { code: 'en', name: 'English', tag: 'en' },
  de: { code: 'de', name: 'Deutsch', tag: 'de' },
  fr: { code: 'fr', name: 'Français', tag: 'fr' },
  lu: { code: 'lu', name: 'Lëtzebuergesch', tag: 'lb' },
});

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Translates a key. Keys are `<namespace>:<dotted.path>`; without a
 * namespace, `common` is used. An array tries each key in turn.
 *
 * @example
 * t('dev-tools:icons.count', { count: 42 }); // "42 icons"
 */
export type TranslateFn = (key: string | readonly string[], options?: Readonly<Record<string, unknown>>) => string;

/** Every namespace's strings, loaded once at start-up, and a translator per language. */
export interface Translations {
  readonly i18n: i18n;
  readonly namespaces: readonly string[];
  translator(language: Language): TranslateFn;
}

export interface LocaleSource {
  /** The namespace: a module code, or `common`. */
  readonly namespace: string;
  /** Language code → JSON file. */
  readonly files: Readonly<Record<string, string>>;
}

/** The locale files of every module, plus the shared ones. */
export function localeSources(registry: ModuleRegistry, sharedLocalesDir: string): LocaleSource[] {
  const sources: LocaleSource[] = [{ namespace: COMMON_NAMESPACE, files: listLocaleFiles(sharedLocalesDir) }];
  for (const [code, manifest] of registry.manifests) {
    if (Object.keys(manifest.localeFiles).length > 0) sources.push({ namespace: code, files: manifest.localeFiles });
  }
  return sources;
}

/**
 * Reads every locale file and builds the translator. A file that is not a
 * JSON object of strings, or is named after a language the platform does
 * not offer, is reported by file through ModuleLoadError; every problem is
 * reported at once.
 */
export function loadTranslations(sources: readonly LocaleSource[]): Translations {
  const problems: ModuleProblem[] = [];
  const resources: Record<string, Record<string, ResourceLanguage>> = {};
  for (const { namespace, files } of sources) {
    for (const [language, file] of Object.entries(files)) {
      if (!isLanguage(language)) {
        problems.push({ module: namespace, file, reason: `"${language}" is not a platform language (${LANGUAGES.join(', ')})` });
        continue;
      }
      const parsed = readLocaleFile(file);
      if (typeof parsed === 'string') {
        problems.push({ module: namespace, file, reason: parsed });
        continue;
      }
      (resources[language] ??= {})[namespace] = parsed;
    }
  }
  if (problems.length > 0) throw new ModuleLoadError(problems);

  const namespaces = sources.map((s) => s.namespace);
  const instance = i18next.createInstance();
  // With `initAsync: false` and in-memory resources, init completes synchronously.
  void instance.init({
    resources: resources as Resource,
    supportedLngs: [...LANGUAGES],
    // Keys missing in `lu` (or empty there) read in English rather than as the key itself.
    fallbackLng: DEFAULT_LANGUAGE,
    returnEmptyString: false,
    ns: namespaces,
    defaultNS: COMMON_NAMESPACE,
    fallbackNS: false,
    // Nunjucks escapes on output; escaping here too would show `&amp;` on pages.
    // Single braces, the placeholder syntax of the error tables (`{module}`), so one
    // message template reads the same in code and in every locale file.
    interpolation: { escapeValue: false, prefix: '{', suffix: '}' },
    initAsync: false,
    showSupportNotice: false,
  });
  const translators = new Map<Language, TranslateFn>(
    LANGUAGES.map((language) => {
      const fixed = instance.getFixedT(language);
      const t: TranslateFn = (key, options) => fixed(key as string | string[], options as Record<string, unknown>);
      return [language, memoized(t)] as const;
    }),
  );
  return {
    i18n: instance,
    namespaces,
    translator: (language) => translators.get(language)!,
  };
}

/** Plain lookups kept per language; beyond this many distinct keys the rest are translated each time. */
const MEMO_LIMIT = 10_000;

/**
 * A page asks for dozens of texts, most without placeholders: those (a key,
 * perhaps with a default) are looked up in i18next once and then answered
 * from a map. The translations never change while the app runs (a change of
 * locale files rebuilds the app).
 */
function memoized(t: TranslateFn): TranslateFn {
  const memo = new Map<string, string>();
  return (key, options) => {
    if (typeof key !== 'string') return t(key, options);
    let memoKey: string | undefined;
    if (options === undefined) memoKey = key;
    else if (Object.keys(options).length === 1 && typeof options.defaultValue === 'string') memoKey = `${key}\u0000${options.defaultValue}`;
    if (memoKey === undefined) return t(key, options);
    let text = memo.get(memoKey);
    if (text === undefined) {
      text = t(key, options);
      if (memo.size < MEMO_LIMIT) memo.set(memoKey, text);
    }
    return text;
  };
}

function listLocaleFiles(dir: string): Record<string, string> {
  if (!isDir(dir)) return {};
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    files[name.replace(/\.json$/, '')] = join(dir, name);
  }
  return files;
}

/** The parsed strings, or why the file cannot be used. */
function readLocaleFile(file: string): ResourceLanguage | string {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'must hold a JSON object of translation keys';
  const bad = nonStringLeaf(value as Record<string, unknown>, '');
  if (bad) return `"${bad}" must be a string or an object of strings`;
  return value as ResourceLanguage;
}

function nonStringLeaf(node: Record<string, unknown>, prefix: string): string | undefined {
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const bad = nonStringLeaf(value as Record<string, unknown>, path);
      if (bad) return bad;
      continue;
    }
    return path;
  }
  return undefined;
}

/**
 * Picks the best platform language from an Accept-Language header, honouring
 * q-values; `lb` (Luxembourgish) counts as `lu`. Undefined when none fits.
 *
 * @example
 * negotiateLanguage('de-LU,de;q=0.9,en;q=0.5'); // 'de'
 */
export function negotiateLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=(.*)$/i.exec(p)).find(Boolean);
      // A malformed q-value counts as 0: better to skip a range than to prefer it.
      const quality = q?.[1] === undefined ? 1 : Number(q[1].trim() || 'x');
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.primary && r.primary !== '*' && r.quality > 0)
    // Highest quality first; equal qualities keep the header's order.
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { primary } of ranges) {
    const code = primary === 'lb' ? 'lu' : primary;
    if (isLanguage(code)) return code;
  }
  return undefined;
}
