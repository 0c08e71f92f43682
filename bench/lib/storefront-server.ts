/**
 * A server process of the storefront benchmark, run by `bench/storefront.ts`:
 *
 *   node --import tsx bench/lib/storefront-server.ts wizamart
 *   node --import tsx bench/lib/storefront-server.ts bare <pages.json>
 *
 * `wizamart` is the whole platform (`buildApp`, production settings, logging
 * off) on an in-memory PGlite with the demo data: every module, the demo
 * shops, their content pages and themes. `bare` is Fastify alone on its own
 * PGlite, with one table holding the very HTML the platform rendered for
 * each path, served by one indexed query: the floor for the same bytes.
 * Both report `{ port }`, answer `cpu` on stdin, and run until stopped.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { PGlite } from '@electric-sql/pglite';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadDemoData } from '../../src/core/demo-data.ts';
import { emitResult } from './child-result.ts';
import type { CpuReport } from './gate-server.ts';
import { STOREFRONT_HOST, STOREFRONT_PATHS, type StorefrontServerInfo } from './storefront-pages.ts';


const LISTEN = { port: 0, host: '127.0.0.1' } as const;

async function serve(app: FastifyInstance, extra: Omit<StorefrontServerInfo, 'port'> = {}): Promise<void> {
  await app.listen(LISTEN);
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('expected a TCP address');
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'cpu') {
      const { user, system } = process.cpuUsage();
      emitResult({ cpuMicros: user + system } satisfies CpuReport);
    }
  });
  emitResult({ port: address.port, ...extra } satisfies StorefrontServerInfo);
}

async function wizamart(): Promise<void> {
  // Every query the app sends goes through this one PGlite, so counting its calls counts the page's queries.
  const pglite = await PGlite.create();
  let queries = 0;
  const query = pglite.query.bind(pglite);
  pglite.query = ((...args: Parameters<typeof query>) => {
    queries++;
    return query(...args);
  }) as typeof pglite.query;
  const app = await buildApp({
    env: {},
    pglite,
    migrate: true,
    settings: { logLevel: 'silent', dataDir: 'memory', nodeEnv: 'production', authSecret: 'bench-secret-0123456789-0123456789-0123456789' },
  });
  const { registry, modules, storage, database } = app.wizamart;
  await loadDemoData({ db: database.db, registry, modules, storage });
  const queriesPerRequest: Record<string, number> = {};
  const html: Record<string, string> = {};
  for (const path of STOREFRONT_PATHS) {
    const get = () => app.inject({ url: path, headers: { host: STOREFRONT_HOST } });
    const first = await get();
    if (first.statusCode !== 200) throw new Error(`${path} on ${STOREFRONT_HOST} answered ${first.statusCode}: ${first.body.slice(0, 300)}`);
    // The second request finds the caches warm: that is what a page costs under load.
    const before = queries;
    html[path] = (await get()).body;
    queriesPerRequest[path] = queries - before;
  }
  await serve(app, { queriesPerRequest, html });
}

async function bare(pagesFile: string): Promise<void> {
  const pages = JSON.parse(readFileSync(pagesFile, 'utf8')) as Record<string, string>;
  const db = await PGlite.create();
  await db.exec('create table pages (host text not null, path text not null, html text not null, primary key (host, path))');
  for (const [path, html] of Object.entries(pages)) {
    await db.query('insert into pages (host, path, html) values ($1, $2, $3)', [STOREFRONT_HOST, path, html]);
  }
  const app = Fastify({ logger: false });
  const page = async (host: string, path: string) => (await db.query<{ html: string }>('select html from pages where host = $1 and path = $2', [host, path])).rows[0]?.html;
  app.get('/*', async (request, reply) => {
    const html = await page(request.hostname, request.url.split('?')[0] ?? '/');
    return html === undefined ? reply.status(404).send('not found') : reply.type('text/html; charset=utf-8').send(html);
  });
  await serve(app);
}

process.once('SIGTERM', () => process.exit(0));

const [variant, file] = process.argv.slice(2);
if (variant === 'wizamart') await wizamart();
else if (variant === 'bare' && file) await bare(file);
else throw new Error('usage: storefront-server.ts wizamart | bare <pages.json>');
