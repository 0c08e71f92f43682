import { Type, type Static } from 'typebox';
import { VendorCode } from './vendor-page.schema.ts';

/**
 * Path parameters of the profile's session routes. Form bodies are read
 * with `field()` and validated in the profile service, so a bad value
 * re-renders the form with its message instead of an error page.
 */
const SessionId = Type.String({ pattern: '^[0-9a-f-]{36}$' });

export const AdminSessionParams = Type.Object({ session_id: SessionId });
export const VendorSessionParams = Type.Object({ vendor_code: VendorCode, session_id: SessionId });
export type SessionParams = Static<typeof AdminSessionParams>;
