import type { ModuleRegistry } from '../modules/registry.ts';
import type { ModuleService } from '../modules/service.ts';
import type { ModuleConfigs } from '../modules/config.ts';
import type { Settings } from './config.ts';
import type { Database } from './database/database.ts';
import type { FeatureGate } from './feature-gate.ts';
import type { PermissionCatalog } from './permissions.ts';
import type { TaskQueue } from './queue.ts';
import type { AuthService } from './auth/auth-service.ts';
import type { Mailer } from './mail/mailer.ts';
import type { MenuConfigStore } from './menu-config.ts';
import type { TenantResolver } from './tenants.ts';
import type { ObjectStorage } from './storage/object-storage.ts';

/** The platform a request is served for (id, name and language once the tenancy module resolved it). */
export interface PlatformRef {
  readonly code: string;
  readonly id?: number;
  readonly name?: string;
  readonly defaultLanguage?: string;
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
  /** Sign-in, tokens, sessions and the principal of a request, for every audience a module provides. */
  readonly auth: AuthService;
  readonly mailer: Mailer;
  /** Per-platform hidden and reordered menu items. */
  readonly menus: MenuConfigStore;
  /** Host and code to platform/vendor, when a module (tenancy) provides it. */
  readonly tenants: TenantResolver | undefined;
  /** Uploaded files (local disk or S3), served at `/media/<key>`. */
  readonly storage: ObjectStorage;
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
