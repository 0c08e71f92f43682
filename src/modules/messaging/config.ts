import { Type, type Static } from 'typebox';
import { loadModuleConfig } from '../config.ts';

/** Settings of the messaging module, read from `MESSAGING_*` variables. */
export const configSchema = Type.Object(
  {
    /** @default 'noreply@wizamart.lu' */
    senderEmail: Type.String({
      default: 'noreply@wizamart.lu',
      format: 'email',
      maxLength: 254,
      description: 'Sender address of notification e-mails (MESSAGING_SENDER_EMAIL).',
    }),
    /** @default 'Wizamart' */
    senderName: Type.String({
      default: 'Wizamart',
      minLength: 1,
      maxLength: 100,
      description: 'Sender name shown with that address (MESSAGING_SENDER_NAME).',
    }),
  },
  { additionalProperties: false },
);

export type MessagingConfig = Static<typeof configSchema>;

export const config = loadModuleConfig('messaging', configSchema);
