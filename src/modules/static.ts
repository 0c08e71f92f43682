import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ModuleLoadError } from './module-problems.ts';
import type { ModuleRegistry } from './registry.ts';

/** The platform's own CSS, JS and images, served at `/static/`. */
export const SHARED_STATIC_DIR = fileURLToPath(new URL('../static/', import.meta.url));

/** The URL prefix of a module's `static/` folder. */
export function moduleStaticPrefix(code: string): string {
  return `/static/modules/${code}/`;
}

/** Third-party browser scripts served from `node_modules`, at `/static/vendor/<file>`. */
const VENDOR_SCRIPTS: readonly { readonly url: string; readonly from: string; readonly pkg: string }[] = [
  { url: '/static/vendor/alpine.min.js', from: 'alpinejs/dist/cdn.min.js', pkg: 'alpinejs' },
];

/**
 * Serves static files: `src/static/` at `/static/`, each module's `static/`
 * at `/static/modules/<code>/`, and the vendored browser libraries (Alpine.js)
 * at `/static/vendor/`. Module assets are served whether or not the module
 * is enabled on the request's platform: they hold no data, and the pages
 * that use them are gated.
 */
export async function registerModuleStatic(app: FastifyInstance, registry: ModuleRegistry): Promise<void> {
  const production = app.wizamart.settings.nodeEnv === 'production';
  const common = {
    // Nothing here calls reply.sendFile; leaving the reply alone lets several instances coexist.
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'ignore',
    // Asset URLs carry `?v=<boot id>` (see `static()` in templates), so a long cache is safe in production.
    maxAge: production ? '7d' : 0,
    schemaHide: true,
  } as const;

  await app.register(fastifyStatic, { ...common, root: SHARED_STATIC_DIR, prefix: '/static/' });
  for (const [code, manifest] of registry.manifests) {
    if (!manifest.staticDir) continue;
    await app.register(fastifyStatic, { ...common, root: manifest.staticDir, prefix: moduleStaticPrefix(code) });
  }

  for (const script of VENDOR_SCRIPTS) {
    const body = readVendorScript(script.from, script.pkg);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    app.get(script.url, { schema: { hide: true } }, async (request, reply) => {
      reply.header('cache-control', production ? 'public, max-age=604800' : 'public, max-age=0').header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/javascript; charset=utf-8').send(body);
    });
  }
}

/** Reads a browser build from an installed package; a missing package stops the start-up with the fix. */
function readVendorScript(specifier: string, pkg: string): Buffer {
  const require = createRequire(import.meta.url);
  try {
    return readFileSync(require.resolve(specifier));
  } catch (error) {
    throw new ModuleLoadError([
      {
        module: 'framework',
        file: specifier,
        reason: `cannot read the browser build of "${pkg}" (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); run \`npm install\``,
      },
    ]);
  }
}
