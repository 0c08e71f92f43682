import { defineErrors } from '../../exceptions/base.ts';

/**
 * The dev-tools module's errors. Each reads in the user's language from
 * `locales/<lang>.json` under `errors.<CODE>`; the message here is the
 * English fallback and the API's.
 */
export const DEV_TOOLS_ERRORS = defineErrors({
  DEV_TOOLS_ICON_NOT_FOUND: { category: 'NOT_FOUND', message: 'There is no icon named "{icon}".' },
});
