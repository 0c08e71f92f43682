import { Type, type Static } from 'typebox';

/**
 * The vendor code at the start of every vendor page path. It must stay in
 * each vendor route's params schema: the sign-in check compares it with the
 * session's vendor, and a schema without it would let validation drop it.
 */
export const VendorCode = Type.String({ minLength: 1, maxLength: 64 });

export const VendorPageParams = Type.Object({ vendor_code: VendorCode });
export type VendorPageParams = Static<typeof VendorPageParams>;
