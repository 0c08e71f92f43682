import type { FastifyInstance } from 'fastify';
import type { ModuleRegistry } from './registry.ts';
// TEMPORARY: replaced by the templates/locales work.
export async function registerViews(_app: FastifyInstance, _registry: ModuleRegistry): Promise<void> {}
