import type { FastifyRequest } from 'fastify';
import { formError } from '../../../../../api/forms.ts';
import { isAppError } from '../../../../../exceptions/base.ts';
import { LANGUAGE_INFO, LANGUAGES } from '../../../../locales.ts';

/** Required sign-in on a storefront page: signed-out visitors go to `/account/login?next=…`. */
export const signedIn = { signIn: 'required' as const };

export type AccountSection = 'profile' | 'addresses' | 'data';

/** The account navigation, with the current section marked. */
export function accountNav(request: FastifyRequest, active: AccountSection) {
  const items: Array<{ id: AccountSection; path: string; icon: string }> = [
    { id: 'profile', path: '/account', icon: 'user' },
    { id: 'addresses', path: '/account/addresses', icon: 'map-pin' },
    { id: 'data', path: '/account/data', icon: 'shield-check' },
  ];
  return items.map((item) => ({ ...item, label: request.t(`customers:account.nav.${item.id}`), active: item.id === active }));
}

/** The languages a customer can choose, each named in itself. */
export function languageOptions() {
  return LANGUAGES.map((code) => ({ code, name: LANGUAGE_INFO[code].name, tag: LANGUAGE_INFO[code].tag }));
}

/** A translated error and the status the API would answer; sign-in failures (401) re-render as 400, the visitor is on the page already. */
export function pageError(request: FastifyRequest, error: unknown): { message: string; status: number; code: string } {
  const message = formError(request, error);
  const status = isAppError(error) ? error.status : 400;
  return { message, status: status === 401 ? 400 : status, code: isAppError(error) ? error.code : 'INVALID' };
}
