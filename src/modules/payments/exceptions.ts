import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the payments module; translated under `payments:errors.<CODE>`. */
export const PAYMENTS_ERRORS = defineErrors({
  PAYMENTS_NOT_FOUND: { category: 'NOT_FOUND', message: 'Payment "{payment}" does not exist.' },
  PAYMENTS_METHOD_UNAVAILABLE: { category: 'INVALID_DATA', message: 'Payment method "{method}" is not available.' },
  PAYMENTS_CURRENCY_UNSUPPORTED: { category: 'INVALID_DATA', message: 'Currency "{currency}" is not supported.' },
  PAYMENTS_DECLINED: { category: 'NOT_ALLOWED', message: 'The payment was declined: {reason}' },
  PAYMENTS_ALREADY_CAPTURED: { category: 'CONFLICT', message: 'Payment "{payment}" has already been captured.' },
  PAYMENTS_REFUND_EXCEEDS_AMOUNT: {
    category: 'INVALID_DATA',
    message: 'At most {refundable} can still be refunded on payment "{payment}".',
  },
  PAYMENTS_GATEWAY_UNAVAILABLE: { category: 'UNAVAILABLE', message: 'The payment provider "{gateway}" cannot be reached.' },
  PAYMENTS_WEBHOOK_SIGNATURE_INVALID: {
    category: 'UNAUTHORIZED',
    message: 'The notification from "{gateway}" has an invalid signature.',
  },
});
