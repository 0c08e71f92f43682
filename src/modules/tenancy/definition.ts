import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'tenancy',
  name: 'Tenancy',
  description: 'Platform, company, vendor and admin user management: the multi-tenant infrastructure.',
  version: '1.0.0',
  isCore: true,
  isInternal: false,
  requires: [],
});
