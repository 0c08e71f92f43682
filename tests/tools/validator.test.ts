import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { register as registerValidate } from '../../src/cli/commands/validate.ts';
import { RULES } from '../../src/tools/validator/rules.ts';
import { runValidate } from '../../src/tools/validator/run.ts';
import { validateModules } from '../../src/tools/validator/validate.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(REPO, 'tests/fixtures/validator');
const fixture = (name: string) => join(FIXTURES, name, 'modules');
const brokenFixture = (code: string) => fixture(`broken-${code.toLowerCase()}`);
mkdirSync(join(REPO, 'tmp'), { recursive: true }); // tmp/ is git-ignored: a fresh clone has none
const scratch = mkdtempSync(join(REPO, 'tmp', 'validator-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The specification's table: MOD-001 to MOD-015 keep its severities. */
const SPEC_SEVERITIES: Record<string, string> = {
  'MOD-001': 'ERROR', 'MOD-002': 'WARNING', 'MOD-003': 'WARNING', 'MOD-004': 'WARNING', 'MOD-005': 'WARNING',
  'MOD-006': 'INFO', 'MOD-007': 'ERROR', 'MOD-008': 'WARNING', 'MOD-009': 'ERROR', 'MOD-010': 'WARNING',
  'MOD-011': 'WARNING', 'MOD-012': 'INFO', 'MOD-013': 'INFO', 'MOD-014': 'WARNING', 'MOD-015': 'WARNING',
};

describe('the rules table', () => {
  it('numbers its rules MOD-001 onwards without gaps or duplicates', () => {
    expect(RULES.map((r) => r.code)).toEqual(RULES.map((_r, i) => `MOD-${String(i + 1).padStart(3, '0')}`));
  });

  it('keeps the specification severity of MOD-001 to MOD-015', () => {
    for (const [code, severity] of Object.entries(SPEC_SEVERITIES)) {
      expect(RULES.find((r) => r.code === code)?.severity, code).toBe(severity);
    }
  });

  it('is documented: the module guide lists every rule with an example finding and fix', () => {
    const guide = readFileSync(join(REPO, 'README.md'), 'utf8');
    for (const rule of RULES) expect(guide, rule.code).toMatch(new RegExp(`#+ ${rule.code}\\b[\\s\\S]*?Finding:[\\s\\S]*?Fix:`));
  });
});

describe('validating a modules tree', () => {
  it('finds nothing wrong with a clean tree of complete modules', () => {
    const result = validateModules(fixture('clean'), { baseDir: REPO });
    expect(result.modules).toEqual(['catalog', 'shop']);
    expect(result.findings).toEqual([]);
  });

  it.each(RULES.map((r) => [r.code, r.severity] as const))('reports a tree breaking only %s with that code alone', (code, severity) => {
    const { findings } = validateModules(brokenFixture(code), { baseDir: REPO });
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.code))).toEqual(new Set([code]));
    for (const f of findings) {
      expect(f.severity).toBe(severity);
      expect(f.file.startsWith(`tests/fixtures/validator/broken-${code.toLowerCase()}/`)).toBe(true);
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.fix.length).toBeGreaterThan(10);
    }
  });

  it('points at the import line of a route reaching into another module', () => {
    const { findings } = validateModules(brokenFixture('MOD-004'), { baseDir: REPO });
    expect(findings.map((f) => [f.file.replace(/^.*modules\//, ''), f.line])).toEqual([
      ['shop/routes/api/admin.ts', 2],
      ['shop/routes/api/vendor.ts', 2],
    ]);
    expect(findings[0]?.fix).toContain("'../../../catalog/index.ts'");
  });

  it('reports the whole cycle once', () => {
    const { findings } = validateModules(brokenFixture('MOD-017'), { baseDir: REPO });
    expect(findings.map((f) => f.message)).toEqual(['circular dependency: orders -> payments -> orders']);
  });

  it('refuses a modules root that does not exist', () => {
    expect(() => validateModules(join(scratch, 'nowhere'))).toThrow(/is not a folder/);
  });
});

describe('the validate run', () => {
  const run = (root: string, options: Parameters<typeof runValidate>[0] = {}) => runValidate({ cwd: REPO, root, ...options });

  it('exits 0 on a clean tree and says so', () => {
    const result = run(fixture('clean'));
    expect(result.exitCode).toBe(0);
    expect(result.output).toBe('Checked 2 modules in tests/fixtures/validator/clean/modules: no findings.\n');
  });

  it('fails on an ERROR, on a WARNING only with --strict, and never on INFO', () => {
    expect(run(brokenFixture('MOD-001')).exitCode).toBe(1);
    expect(run(brokenFixture('MOD-010')).exitCode).toBe(0);
    expect(run(brokenFixture('MOD-010'), { strict: true }).exitCode).toBe(1);
    expect(run(brokenFixture('MOD-012'), { strict: true }).exitCode).toBe(0);
  });

  it('prints each finding with its place, severity, code and fix', () => {
    const { output } = run(brokenFixture('MOD-010'));
    expect(output).toBe(
      [
        'tests/fixtures/validator/broken-mod-010/modules/shop/routes/api/admin.ts  WARNING  MOD-010  route file routes/api/admin.ts does not export `router`',
        '    fix: Export its routes as `export const router = defineRouter(async (r) => { ... })`.',
        '',
        'Checked 1 module in tests/fixtures/validator/broken-mod-010/modules: 0 error(s), 1 warning(s), 0 info.',
        '',
      ].join('\n'),
    );
  });

  it('writes the documented JSON shape', () => {
    const report = JSON.parse(run(brokenFixture('MOD-016'), { format: 'json' }).output);
    expect(report).toEqual({
      tool: 'wizamart-validate',
      version: 1,
      root: 'tests/fixtures/validator/broken-mod-016/modules',
      modules: ['core', 'shop'],
      summary: { ERROR: 1, WARNING: 0, INFO: 0, baselined: 0 },
      findings: [
        {
          code: 'MOD-016',
          severity: 'ERROR',
          title: 'Core modules must not depend on optional modules',
          module: 'core',
          file: 'tests/fixtures/validator/broken-mod-016/modules/core/definition.ts',
          line: 6,
          message: 'core module "core" requires optional module "shop"',
          fix: expect.stringContaining("Remove 'shop' from requires"),
        },
      ],
    });
  });

  it('writes SARIF 2.1.0 with every rule and a located result per finding', () => {
    const sarif = JSON.parse(run(brokenFixture('MOD-004'), { format: 'sarif' }).output);
    expect(sarif.version).toBe('2.1.0');
    const [runs] = sarif.runs;
    expect(runs.tool.driver.name).toBe('wizamart-validate');
    expect(runs.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.code));
    expect(runs.tool.driver.rules[3].defaultConfiguration.level).toBe('warning');
    expect(runs.originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/.*\/$/);
    expect(runs.results).toHaveLength(2);
    expect(runs.results[0]).toMatchObject({
      ruleId: 'MOD-004',
      ruleIndex: 3,
      level: 'warning',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'tests/fixtures/validator/broken-mod-004/modules/shop/routes/api/admin.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2 },
          },
        },
      ],
    });
    expect(runs.results[0].message.text).toContain('Fix: ');
    expect(runs.results[0].partialFingerprints['wizamart/v1']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('records a baseline, then fails only on findings that are new', () => {
    const tree = join(scratch, 'baseline-tree');
    cpSync(join(FIXTURES, 'broken-mod-001'), tree, { recursive: true });
    const baseline = join(scratch, 'validator-baseline.json');
    const first = run(join(tree, 'modules'), { baseline });
    expect(first.exitCode).toBe(0);
    expect(first.notes).toEqual([expect.stringMatching(/written with 1 finding/)]);
    expect(existsSync(baseline)).toBe(true);

    const again = run(join(tree, 'modules'), { baseline });
    expect(again.exitCode).toBe(0);
    expect(again.output).toMatch(/no findings; 1 known finding\(s\) hidden by the baseline/);

    writeFileSync(join(tree, 'modules/shop/definition.ts'), readFileSync(join(tree, 'modules/shop/definition.ts'), 'utf8').replace('requires: []', "requires: ['billing']"));
    const later = run(join(tree, 'modules'), { baseline });
    expect(later.exitCode).toBe(1);
    expect(later.findings.map((f) => f.code)).toEqual(['MOD-021']);
  });

  it('refuses an unknown format and a file that is not a baseline', () => {
    expect(() => run(fixture('clean'), { format: 'xml' as 'json' })).toThrow(/unknown format/);
    const bogus = join(scratch, 'bogus.json');
    writeFileSync(bogus, '{"findings": 3}');
    expect(() => run(fixture('clean'), { baseline: bogus })).toThrow(/not a wizamart-validate baseline/);
  });
});

describe('wizamart validate', () => {
  const cli = async (...args: string[]) => {
    const program = new Command('wizamart').exitOverride();
    registerValidate(program);
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync(['validate', ...args], { from: 'user' });
      return { exitCode: process.exitCode, stdout: written.join('') };
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
  };

  it('checks the modules root it is given and sets the exit status', async () => {
    const result = await cli(brokenFixture('MOD-010'), '--strict', '--format', 'json');
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['MOD-010']);
    expect((await cli(fixture('clean'))).exitCode).toBe(0);
  });

  it('writes the report to a file with --output', async () => {
    const out = join(scratch, 'report.sarif');
    const result = await cli(brokenFixture('MOD-017'), '--format', 'sarif', '--output', out);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).runs[0].results).toHaveLength(1);
  });

  it('exits with status 2 when called wrongly', async () => {
    await expect(cli(join(scratch, 'nowhere'))).rejects.toMatchObject({ name: 'CliError', exitCode: 2 });
    await expect(cli(fixture('clean'), '--update-baseline')).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--baseline') });
  });
});

describe("the project's own modules", () => {
  it('have no finding above INFO (what CI runs with --strict)', () => {
    const { findings } = validateModules(join(REPO, 'src/modules'), { baseDir: REPO });
    expect(findings.filter((f) => f.severity !== 'INFO').map((f) => `${f.code} ${f.file}:${f.line ?? ''} ${f.message}`)).toEqual([]);
  });
});
