import type { ModuleRegistry } from '../modules/registry.ts';
import type { ModuleService } from '../modules/service.ts';
import type { ModuleConfigs } from '../modules/config.ts';
import type { Settings } from './config.ts';
import type { Database } from './database/database.ts';
import type { FeatureGate } from './feature-gate.ts';
import type { PermissionCatalog } from './permissions.ts';
import type { TaskQueue } from './queue.ts';

/** The platform a request is served for. */
export interface PlatformRef {
  readonly code: string;
}

/** Everything the framework built at boot, reachable as `app.wizamart`. */
export interface AppContext {
  readonly settings: Settings;
  readonly registry: ModuleRegistry;
  readonly database: Database;
  readonly modules: ModuleService;
  readonly moduleConfigs: ModuleConfigs;
  readonly queue: TaskQueue;
  readonly permissions: PermissionCatalog;
  readonly features: FeatureGate;
}

declare module 'fastify' {
  interface FastifyInstance {
    wizamart: AppContext;
  }
  interface FastifyRequest {
    platform: PlatformRef;
  }
  interface FastifyContextConfig {
    /** The module that owns the route (set by the route loader). */
    module?: string;
    frontend?: string;
  }
}
