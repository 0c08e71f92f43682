import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the messaging module; translated under `messaging:errors.<CODE>`. */
export const MESSAGING_ERRORS = defineErrors({
  MESSAGING_CONVERSATION_NOT_FOUND: { category: 'NOT_FOUND', message: 'Conversation "{conversation}" does not exist.' },
  MESSAGING_TEMPLATE_NOT_FOUND: { category: 'NOT_FOUND', message: 'Notification template "{template}" does not exist.' },
  MESSAGING_RECIPIENT_INVALID: { category: 'INVALID_DATA', message: 'Messages cannot be sent to "{recipient}".' },
  MESSAGING_DELIVERY_FAILED: { category: 'UNAVAILABLE', message: 'The message to "{recipient}" could not be delivered.' },
});
