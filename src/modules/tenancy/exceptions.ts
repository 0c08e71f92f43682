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
  // Platforms, companies and vendors (admin back office).
  TENANCY_COMPANY_NAME_TAKEN: { category: 'CONFLICT', message: 'A company named "{name}" already exists on platform "{platform}".' },
  TENANCY_COMPANY_WRONG_PLATFORM: {
    category: 'INVALID_DATA',
    message: 'Company "{company}" is not on platform "{platform}": a vendor and its company must be on the same platform.',
  },
  TENANCY_INVALID_CODE: {
    category: 'INVALID_DATA',
    message: 'The code "{code}" is not valid: use 2 to 63 lower-case letters, digits and hyphens, starting with a letter or a digit.',
  },
  TENANCY_RESERVED_CODE: { category: 'INVALID_DATA', message: '"{code}" is reserved by the platform; choose another.' },
  TENANCY_INVALID_NAME: { category: 'INVALID_DATA', message: 'A name is required, of at most {max} characters.' },
  TENANCY_INVALID_LANGUAGE: { category: 'INVALID_DATA', message: 'The language "{language}" is not supported; choose among {supported}.' },
  TENANCY_LANGUAGE_NOT_OFFERED: {
    category: 'INVALID_DATA',
    message: 'The language "{language}" is not one of the languages of the platform ({languages}).',
  },
  TENANCY_INVALID_DOMAIN: { category: 'INVALID_DATA', message: 'The domain "{domain}" is not a valid host name such as shop.example.lu.' },
  TENANCY_INVALID_SUBDOMAIN: {
    category: 'INVALID_DATA',
    message: 'The subdomain "{subdomain}" is not valid: use up to 63 lower-case letters, digits and hyphens, not starting or ending with a hyphen.',
  },
  TENANCY_DOMAIN_NOT_FOUND: { category: 'NOT_FOUND', message: 'The domain "{domain}" is not a domain of platform "{platform}".' },
  TENANCY_INVALID_EMAIL: { category: 'INVALID_DATA', message: 'The e-mail address "{email}" is not valid.' },
  TENANCY_INVALID_VAT_NUMBER: {
    category: 'INVALID_DATA',
    message: 'The VAT number "{vat}" is not valid: expected an EU country prefix and 2 to 12 letters or digits, such as LU12345678.',
  },
  TENANCY_USER_NOT_FOUND: { category: 'NOT_FOUND', message: 'User "{user}" does not exist.' },
  TENANCY_USER_EMAIL_TAKEN: { category: 'CONFLICT', message: 'A user with the e-mail address "{email}" already exists.' },
  TENANCY_USER_EMAIL_INVALID: { category: 'INVALID_DATA', message: 'Enter a valid e-mail address (at most 320 characters).' },
  TENANCY_USER_NAME_REQUIRED: { category: 'INVALID_DATA', message: 'Enter a name (at most 200 characters).' },
  TENANCY_USER_LANGUAGE_INVALID: { category: 'INVALID_DATA', message: 'The language "{language}" is not one of the platform languages.' },
  TENANCY_USER_DISABLED: { category: 'CONFLICT', message: 'User "{user}" is disabled; enable the account first.' },
  TENANCY_ADMIN_PLATFORMS_REQUIRED: { category: 'INVALID_DATA', message: 'A platform admin needs at least one platform to administer.' },
  TENANCY_ADMIN_SELF_CHANGE: { category: 'NOT_ALLOWED', message: 'You cannot disable your own account or take away your own super admin role.' },
  TENANCY_LAST_SUPER_ADMIN: { category: 'CONFLICT', message: 'The last active super admin cannot be disabled or demoted.' },
  TENANCY_VENDOR_USER_OTHER_PLATFORMS: {
    category: 'NOT_ALLOWED',
    message: 'User "{user}" also works for vendors on platforms you do not administer; ask a super admin.',
  },
  TENANCY_TEAM_LAST_OWNER: {
    category: 'CONFLICT',
    message: 'Vendor "{vendor}" needs an owner: its last owner cannot be removed from the team or given another role.',
  },
  TENANCY_MEMBER_NOT_FOUND: { category: 'NOT_FOUND', message: 'Team member {member} does not exist.' },
  TENANCY_TEAM_ALREADY_MEMBER: { category: 'CONFLICT', message: '{email} is already a member of the team.' },
  TENANCY_TEAM_ROLE_REQUIRED: { category: 'INVALID_DATA', message: 'Choose one role: owner, manager, staff or one of your custom roles.' },
  TENANCY_INVITATION_NOT_FOUND: { category: 'NOT_FOUND', message: 'Invitation {invitation} does not exist.' },
  TENANCY_INVITATION_INVALID: { category: 'INVALID_DATA', message: 'This invitation is invalid, already used, withdrawn or expired. Ask for a new one.' },
  TENANCY_INVITATION_NAME_REQUIRED: { category: 'INVALID_DATA', message: 'Enter your name (at most 200 characters).' },
  TENANCY_ROLE_NOT_FOUND: { category: 'NOT_FOUND', message: 'Role {role} does not exist.' },
  TENANCY_ROLE_NAME_INVALID: { category: 'INVALID_DATA', message: 'A role needs a name of 1 to 100 characters other than owner, manager and staff.' },
  TENANCY_ROLE_NAME_TAKEN: { category: 'CONFLICT', message: 'A role named "{name}" already exists.' },
  TENANCY_ROLE_PERMISSION_UNKNOWN: { category: 'INVALID_DATA', message: '"{permission}" is not a permission a vendor role can grant.' },
  TENANCY_ROLE_IN_USE: {
    category: 'CONFLICT',
    message: 'The role "{role}" is held by {members} member(s) and offered by {invitations} pending invitation(s); give them another role first.',
  },
});
