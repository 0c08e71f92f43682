import { describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mountPrefix, storefrontGate } from './routes.ts';

function gate(request: Partial<FastifyRequest> & { vendorOptional?: boolean }): unknown {
  let result: unknown = 'not called';
  const req = { ...request, routeOptions: { config: { vendorOptional: request.vendorOptional } } } as unknown as FastifyRequest;
  storefrontGate.call(undefined as never, req, {} as FastifyReply, (error?: Error) => {
    result = error ?? null;
  });
  return result;
}

describe('storefront routes', () => {
  it('mount pages at the root of the shop and APIs below /api/v1/storefront', () => {
    expect(mountPrefix('pages', 'storefront', 'cms')).toBe('');
    expect(mountPrefix('api', 'storefront', 'cms')).toBe('/api/v1/storefront/cms');
    expect(mountPrefix('pages', 'vendor', 'cms')).toBe('/vendor');
  });

  it('answer only on an open shop’s host, unless the route also serves the platform', () => {
    const open = { id: 1, code: 'shop', name: 'Shop', status: 'active' as const };
    expect(gate({ vendor: open })).toBeNull();
    expect(gate({ vendor: undefined })).toMatchObject({ code: 'STOREFRONT_NOT_FOUND', status: 404 });
    expect(gate({ vendor: { ...open, status: 'suspended' } })).toMatchObject({ code: 'STOREFRONT_NOT_FOUND' });
    expect(gate({ vendor: undefined, vendorOptional: true })).toBeNull();
    expect(gate({ vendor: { ...open, status: 'suspended' }, vendorOptional: true })).toMatchObject({ code: 'STOREFRONT_NOT_FOUND' });
  });
});
