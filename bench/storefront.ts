/**
 * What a storefront page costs, against the floor for the same bytes.
 *
 * The platform (`wizamart`, every module, demo data, production settings)
 * serves the demo shop's home and a content page on the shop's own host;
 * `bare` is Fastify plus one indexed PGlite query returning the HTML the
 * platform rendered for that path (so both send identical bytes). Rounds
 * alternate the order of the two; each figure is the median over rounds,
 * and the ratio is taken within each round.
 *
 *   node --import tsx bench/storefront.ts [--rounds 6] [--duration 4] [--connections 10] [--warmup 2]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startServer, type RunningServer } from './lib/child-process.ts';
import type { CpuReport } from './lib/gate-server.ts';
import { FOREIGN_LOAD_LIMIT_PCT, watchForeignLoad } from './lib/machine-load.ts';
import { median, round, table } from './lib/stats.ts';
import { STOREFRONT_HOST, STOREFRONT_PATHS, type StorefrontServerInfo } from './lib/storefront-pages.ts';

const SERVER = fileURLToPath(new URL('./lib/storefront-server.ts', import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL('./results/storefront.json', import.meta.url));

export interface StorefrontBenchOptions {
  rounds: number;
  duration: number;
  connections: number;
  warmup: number;
  log?: (line: string) => void;
}

export const DEFAULT_STOREFRONT_OPTIONS: StorefrontBenchOptions = { rounds: 6, duration: 4, connections: 10, warmup: 2 };

interface Run {
  readonly reqPerSec: number;
  readonly cpuUsPerRequest: number;
}

export interface StorefrontBenchResult {
  readonly options: Omit<StorefrontBenchOptions, 'log'>;
  readonly pages: Record<
    string,
    {
      readonly bytes: number;
      readonly queriesPerRequest: number;
      readonly bareReqPerSec: number;
      readonly wizamartReqPerSec: number;
      /** Median over rounds of wizamart/bare req/s within the round. */
      readonly throughputRatio: number;
      readonly cpuPerRequestRatio: number;
    }
  >;
  readonly foreignLoadPct: number;
}

async function load(server: RunningServer<StorefrontServerInfo>, path: string, seconds: number, connections: number): Promise<Run> {
  const before = await server.ask<CpuReport>('cpu');
  const result = await autocannon({ url: `http://127.0.0.1:${server.info.port}${path}`, headers: { host: STOREFRONT_HOST }, connections, duration: seconds });
  const after = await server.ask<CpuReport>('cpu');
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`${path}: ${result.errors} errors and ${result.non2xx} non-2xx responses under load`);
  return { reqPerSec: result.requests.total / result.duration, cpuUsPerRequest: (after.cpuMicros - before.cpuMicros) / result.requests.total };
}

export async function runStorefrontBench(options: StorefrontBenchOptions = DEFAULT_STOREFRONT_OPTIONS): Promise<StorefrontBenchResult> {
  const log = options.log ?? (() => undefined);
  const foreignLoad = watchForeignLoad();
  log('starting the platform with the demo data…');
  const wizamart = await startServer<StorefrontServerInfo>(SERVER, ['wizamart'], 180_000);
  const servers: Array<RunningServer<StorefrontServerInfo>> = [wizamart];
  try {
    const html = wizamart.info.html ?? {};
    const pagesFile = join(mkdtempSync(join(tmpdir(), 'wz-bench-')), 'pages.json');
    writeFileSync(pagesFile, JSON.stringify(html));
    const bare = await startServer<StorefrontServerInfo>(SERVER, ['bare', pagesFile]);
    servers.push(bare);

    const pages: StorefrontBenchResult['pages'] = {};
    for (const path of STOREFRONT_PATHS) {
      for (const s of [bare, wizamart]) await load(s, path, options.warmup, options.connections);
      const rounds: Array<{ bare: Run; wizamart: Run }> = [];
      for (let i = 0; i < options.rounds; i++) {
        const order = i % 2 === 0 ? (['bare', 'wizamart'] as const) : (['wizamart', 'bare'] as const);
        const round: Partial<Record<'bare' | 'wizamart', Run>> = {};
        for (const name of order) round[name] = await load(name === 'bare' ? bare : wizamart, path, options.duration, options.connections);
        rounds.push(round as { bare: Run; wizamart: Run });
        log(`${path} round ${i + 1}: bare ${Math.round(round.bare!.reqPerSec)} req/s, wizamart ${Math.round(round.wizamart!.reqPerSec)} req/s`);
      }
      pages[path] = {
        bytes: Buffer.byteLength(html[path]!),
        queriesPerRequest: wizamart.info.queriesPerRequest?.[path] ?? Number.NaN,
        bareReqPerSec: round(median(rounds.map((r) => r.bare.reqPerSec))),
        wizamartReqPerSec: round(median(rounds.map((r) => r.wizamart.reqPerSec))),
        throughputRatio: round(median(rounds.map((r) => r.wizamart.reqPerSec / r.bare.reqPerSec)), 2),
        cpuPerRequestRatio: round(median(rounds.map((r) => r.wizamart.cpuUsPerRequest / r.bare.cpuUsPerRequest)), 2),
      };
    }
    const cpu = await Promise.all(servers.map((s) => s.ask<CpuReport>('cpu')));
    const { foreignPct } = foreignLoad.stop(cpu.reduce((sum, c) => sum + c.cpuMicros / 1000, 0));
    return { options: { rounds: options.rounds, duration: options.duration, connections: options.connections, warmup: options.warmup }, pages, foreignLoadPct: round(foreignPct) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

export function formatStorefrontResult(result: StorefrontBenchResult): string {
  const rows: Array<Array<string | number>> = [['page', 'bytes', 'queries', 'bare req/s', 'wizamart req/s', 'wizamart/bare', 'CPU/request ratio']];
  for (const [path, p] of Object.entries(result.pages)) {
    rows.push([path, p.bytes, p.queriesPerRequest, p.bareReqPerSec, p.wizamartReqPerSec, p.throughputRatio, p.cpuPerRequestRatio]);
  }
  const warning = result.foreignLoadPct > FOREIGN_LOAD_LIMIT_PCT ? `\nother processes took ${result.foreignLoadPct}% of the machine: do not quote these figures` : '';
  return `${table(rows)}${warning}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { rounds: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' }, warmup: { type: 'string' } } });
  const options: StorefrontBenchOptions = {
    rounds: Number(values.rounds ?? DEFAULT_STOREFRONT_OPTIONS.rounds),
    duration: Number(values.duration ?? DEFAULT_STOREFRONT_OPTIONS.duration),
    connections: Number(values.connections ?? DEFAULT_STOREFRONT_OPTIONS.connections),
    warmup: Number(values.warmup ?? DEFAULT_STOREFRONT_OPTIONS.warmup),
    log: (line) => process.stderr.write(`${line}\n`),
  };
  const result = await runStorefrontBench(options);
  process.stdout.write(`${formatStorefrontResult(result)}\n`);
  // Kept beside the other results, so the README's figures can be traced to a run.
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ measuredAt: new Date().toISOString(), ...result }, null, 2)}\n`);
  process.stdout.write(`written to ${RESULTS_FILE}\n`);
}
