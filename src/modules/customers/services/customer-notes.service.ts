import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { CUSTOMERS_ERRORS } from '../exceptions.ts';
import type { CrmTables, CustomerNoteRow } from '../models/crm.model.ts';

export const NOTE_MAX_LENGTH = 4000;

export interface CustomerNote {
  readonly id: number;
  readonly customerId: number;
  readonly authorId: number | null;
  readonly authorName: string;
  readonly body: string;
  readonly createdAt: Date;
}

/** Who writes a note: the signed-in vendor user. */
export interface NoteAuthor {
  readonly id: number;
  readonly name: string;
}

/**
 * Staff notes on a vendor's customers ("prefers pick-up in Esch", "called
 * about the late parcel"). Notes are plain text (templates escape them),
 * listed newest first; only their author deletes them. A customer or note
 * of another vendor is "not found", like one that does not exist.
 *
 * @example
 * const notes = CustomerNotesService.forPrincipal(app.wizamart, request.principal);
 * await notes.add(customerId, { id: user.userId, name: user.name }, 'Wants invoices by post');
 */
export class CustomerNotesService {
  readonly #scope: VendorScope<CrmTables>;

  constructor(scope: VendorScope<CrmTables>) {
    this.#scope = scope;
  }

  static forPrincipal(ctx: Pick<AppContext, 'database'>, principal: Principal | undefined): CustomerNotesService {
    const vendorId = principal?.vendor?.id;
    if (vendorId === undefined) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
    return new CustomerNotesService(new VendorScope(ctx.database.db.withTables<CrmTables>(), vendorId));
  }

  /** The customer's notes, newest first. */
  async list(customerId: number): Promise<CustomerNote[]> {
    await this.#assertCustomer(customerId);
    const rows = await this.#scope
      .selectFrom('customer_notes')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toNote);
  }

  async add(customerId: number, author: NoteAuthor, body: string): Promise<CustomerNote> {
    const text = checkBody(body);
    await this.#assertCustomer(customerId);
    const row = await this.#scope
      .insertInto('customer_notes', { customer_id: customerId, author_id: author.id, author_name: author.name.slice(0, 200), body: text })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toNote(row);
  }

  /** Deletes a note of the customer; CUSTOMERS_NOTE_NOT_AUTHOR when someone else wrote it. */
  async delete(customerId: number, noteId: number, author: NoteAuthor): Promise<void> {
    const note = await this.#scope.selectFrom('customer_notes').select(['id', 'author_id']).where('id', '=', noteId).where('customer_id', '=', customerId).executeTakeFirst();
    if (!note) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_NOTE_NOT_FOUND, { note: noteId });
    if (note.author_id !== author.id) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_NOTE_NOT_AUTHOR);
    await this.#scope.deleteFrom('customer_notes').where('id', '=', noteId).execute();
  }

  async #assertCustomer(customerId: number): Promise<void> {
    const row = await this.#scope.selectFrom('customers').select('id').where('id', '=', customerId).executeTakeFirst();
    if (!row) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_NOT_FOUND, { customer: customerId });
  }
}

/** Trimmed; line breaks kept (the page shows them), 1 to NOTE_MAX_LENGTH characters. */
export function checkBody(raw: string): string {
  const body = raw.replace(/\r\n?/g, '\n').trim();
  if (body.length === 0 || body.length > NOTE_MAX_LENGTH) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_NOTE_INVALID, { max: NOTE_MAX_LENGTH });
  return body;
}

function toNote(row: CustomerNoteRow): CustomerNote {
  return { id: row.id, customerId: row.customer_id, authorId: row.author_id, authorName: row.author_name, body: row.body, createdAt: row.created_at };
}
