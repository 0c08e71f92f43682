import { defineErrors } from '../../exceptions/base.ts';

/**
 * Errors raised by the tenancy module; translated under `tenancy:errors.<CODE>`.
 * An unknown platform is the framework's PLATFORM_NOT_FOUND, not repeated here.
 */
export const TENANCY_ERRORS = defineErrors({
  TENANCY_PLATFORM_CODE_TAKEN: { category: 'CONFLICT', message: 'A platform with the code "{code}" already exists.' },
  TENANCY_COMPANY_NOT_FOUND: { category: 'NOT_FOUND', message: 'Company "{company}" does not exist.' },
  TENANCY_VENDOR_NOT_FOUND: { category: 'NOT_FOUND', message: 'Vendor "{vendor}" does not exist.' },
  TENANCY_VENDOR_CODE_TAKEN: { category: 'CONFLICT', message: 'A vendor with the code "{code}" already exists.' },
  TENANCY_VENDOR_INACTIVE: { category: 'NOT_ALLOWED', message: 'Vendor "{vendor}" is deactivated.' },
  TENANCY_DOMAIN_TAKEN: { category: 'CONFLICT', message: 'The domain "{domain}" is already in use.' },
  TENANCY_USER_NOT_FOUND: { category: 'NOT_FOUND', message: 'User "{user}" does not exist.' },
  TENANCY_USER_EMAIL_TAKEN: { category: 'CONFLICT', message: 'A user with the e-mail address "{email}" already exists.' },
  TENANCY_TEAM_LAST_OWNER: {
    category: 'CONFLICT',
    message: 'The last owner of vendor "{vendor}" cannot be removed from the team.',
  },
});
