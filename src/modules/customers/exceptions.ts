import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the customers module; translated under `customers:errors.<CODE>`. */
export const CUSTOMERS_ERRORS = defineErrors({
  CUSTOMERS_NOT_FOUND: { category: 'NOT_FOUND', message: 'Customer "{customer}" does not exist.' },
  CUSTOMERS_EMAIL_TAKEN: { category: 'CONFLICT', message: 'A customer with the e-mail address "{email}" already exists.' },
  CUSTOMERS_ADDRESS_NOT_FOUND: { category: 'NOT_FOUND', message: 'Address "{address}" does not exist.' },
  CUSTOMERS_SEGMENT_NOT_FOUND: { category: 'NOT_FOUND', message: 'Customer segment "{segment}" does not exist.' },
  // Vendor back office (customers-crm): tags, notes and segments.
  CUSTOMERS_TAG_INVALID: { category: 'INVALID_DATA', message: 'The tag "{tag}" is not valid: use 1 to {max} lower-case letters, digits, "-" or "_", starting with a letter or digit.' },
  CUSTOMERS_TOO_MANY_TAGS: { category: 'INVALID_DATA', message: 'A customer can have at most {max} tags.' },
  CUSTOMERS_NOTE_NOT_FOUND: { category: 'NOT_FOUND', message: 'Note "{note}" does not exist.' },
  CUSTOMERS_NOTE_INVALID: { category: 'INVALID_DATA', message: 'A note must be 1 to {max} characters long.' },
  CUSTOMERS_NOTE_NOT_AUTHOR: { category: 'NOT_ALLOWED', message: 'Only the author of a note can delete it.' },
  CUSTOMERS_SEGMENT_NAME_INVALID: { category: 'INVALID_DATA', message: 'A segment name must be 1 to {max} characters long.' },
  CUSTOMERS_SEGMENT_DESCRIPTION_INVALID: { category: 'INVALID_DATA', message: 'A segment description can be at most {max} characters long.' },
  CUSTOMERS_SEGMENT_NAME_TAKEN: { category: 'CONFLICT', message: 'A segment named "{name}" already exists.' },
  CUSTOMERS_SEGMENT_RULES_INVALID: { category: 'INVALID_DATA', message: 'A segment needs between 1 and {max} rules.' },
  CUSTOMERS_SEGMENT_RULE_INVALID: { category: 'INVALID_DATA', message: 'Rule {position} ("{kind}") is not valid: expected {expected}.' },
  // Storefront accounts (customers-storefront): registration, profile, addresses, GDPR.
  CUSTOMERS_EMAIL_INVALID: { category: 'INVALID_DATA', message: 'The e-mail address "{email}" is not valid.' },
  CUSTOMERS_NAME_INVALID: { category: 'INVALID_DATA', message: 'A name must be 1 to {max} characters long.' },
  CUSTOMERS_PHONE_INVALID: { category: 'INVALID_DATA', message: 'The phone number "{phone}" is not valid: use digits, spaces and + ( ) - / only, at most {max} characters.' },
  CUSTOMERS_LANGUAGE_INVALID: { category: 'INVALID_DATA', message: 'The language "{language}" is not offered; choose one of {languages}.' },
  CUSTOMERS_ADDRESS_LINE_INVALID: { category: 'INVALID_DATA', message: 'The street and number must be 1 to {max} characters long.' },
  CUSTOMERS_ADDRESS_TEXT_TOO_LONG: { category: 'INVALID_DATA', message: 'An address field is longer than {max} characters.' },
  CUSTOMERS_POSTAL_CODE_INVALID: { category: 'INVALID_DATA', message: 'The postal code "{postalCode}" is not valid.' },
  CUSTOMERS_CITY_INVALID: { category: 'INVALID_DATA', message: 'The city must be 1 to {max} characters long.' },
  CUSTOMERS_COUNTRY_INVALID: { category: 'INVALID_DATA', message: 'The country "{country}" is not a valid ISO country code.' },
  CUSTOMERS_TOO_MANY_ADDRESSES: { category: 'INVALID_DATA', message: 'An account can keep at most {max} addresses.' },
  CUSTOMERS_VERIFICATION_INVALID: { category: 'INVALID_DATA', message: 'This confirmation link is invalid, already used or expired. Ask for a new one from your account.' },
  CUSTOMERS_PASSWORD_INCORRECT: { category: 'NOT_ALLOWED', message: 'The password is not correct.' },
});
