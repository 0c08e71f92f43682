/**
 * Module loader hooks for `npm run dev`, registered by `src/dev-server.ts`
 * with `module.register` (they run in Node's loader thread).
 *
 * A rebuild imports each module's entry files (definition, routes, tasks,
 * config) with a new `?v=<stamp>` query, so Node loads them again. But the
 * files those import (`../services/stats.service.ts`) would keep their old
 * URL, so an edited service would never be seen. This hook passes the
 * stamp on: a file inside a module folder imported by a stamped file gets
 * the same stamp. Framework files at the root of the modules folder
 * (`base.ts`, `routes.ts`) and everything outside it keep one instance, so
 * their state (the active module configs, say) is shared by every build.
 */

interface ResolveResult {
  url: string;
  format?: string | null | undefined;
  shortCircuit?: boolean | undefined;
}
interface ResolveContext {
  parentURL?: string | undefined;
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<ResolveResult>;

/** The modules folder as a file URL ending in `/`. */
let modulesRoot: string | undefined;

export async function initialize(data: { modulesDirUrl: string }): Promise<void> {
  modulesRoot = data.modulesDirUrl.endsWith('/') ? data.modulesDirUrl : `${data.modulesDirUrl}/`;
}

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult> {
  const result = await nextResolve(specifier, context);
  const parent = context.parentURL;
  if (!modulesRoot || !parent?.startsWith(modulesRoot) || !inModuleFolder(result.url)) return result;
  const stamp = new URL(parent).searchParams.get('v');
  const url = new URL(result.url);
  if (!stamp || url.searchParams.has('v')) return result;
  url.searchParams.set('v', stamp);
  return { ...result, url: url.href };
}

/** `<modules>/<code>/...`: a file of a module, not a framework file beside the module folders. */
function inModuleFolder(url: string): boolean {
  return modulesRoot !== undefined && url.startsWith(modulesRoot) && url.slice(modulesRoot.length).split('?')[0]!.includes('/');
}
