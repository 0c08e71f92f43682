import { sql, type DeleteQueryBuilder, type DeleteResult, type InsertObject, type InsertQueryBuilder, type InsertResult, type Kysely, type SelectQueryBuilder, type UpdateQueryBuilder, type UpdateResult } from 'kysely';

/** The tables of `DB` that carry a `vendor_id` column: the vendor-scoped ones. */
export type VendorScopedTable<DB> = {
  [K in keyof DB & string]: DB[K] extends { vendor_id: unknown } ? K : never;
}[keyof DB & string];

/** The untyped view the helpers build queries on; the public methods put the types back. */
type Loose = Record<string, { vendor_id: number }>;
interface Filterable {
  where(lhs: unknown, op: '=', rhs: number): unknown;
}

/**
 * Tenant isolation in the data layer. A service handed a `VendorScope`
 * can only reach rows of one vendor: every select, update and delete is
 * filtered by `vendor_id`, and every insert is stamped with it, so a
 * handler that forgets a check (or an id guessed from another vendor)
 * still finds nothing.
 *
 * @example
 * const scope = new VendorScope(db.withTables<TenancyTables>(), vendorId);
 * const roles = await scope.selectFrom('vendor_roles').selectAll().execute();
 */
export class VendorScope<DB> {
  readonly db: Kysely<DB>;
  readonly vendorId: number;

  constructor(db: Kysely<DB>, vendorId: number) {
    if (!Number.isInteger(vendorId) || vendorId <= 0) throw new TypeError(`VendorScope needs a vendor id, got ${String(vendorId)}`);
    this.db = db;
    this.vendorId = vendorId;
  }

  selectFrom<T extends VendorScopedTable<DB>>(table: T): SelectQueryBuilder<DB, T, object> {
    const query = (this.db as unknown as Kysely<Loose>).selectFrom(table) as unknown as Filterable;
    return query.where(sql.ref(`${table}.vendor_id`), '=', this.vendorId) as unknown as SelectQueryBuilder<DB, T, object>;
  }

  updateTable<T extends VendorScopedTable<DB>>(table: T): UpdateQueryBuilder<DB, T, T, UpdateResult> {
    const query = (this.db as unknown as Kysely<Loose>).updateTable(table) as unknown as Filterable;
    return query.where(sql.ref(`${table}.vendor_id`), '=', this.vendorId) as unknown as UpdateQueryBuilder<DB, T, T, UpdateResult>;
  }

  deleteFrom<T extends VendorScopedTable<DB>>(table: T): DeleteQueryBuilder<DB, T, DeleteResult> {
    const query = (this.db as unknown as Kysely<Loose>).deleteFrom(table) as unknown as Filterable;
    return query.where(sql.ref(`${table}.vendor_id`), '=', this.vendorId) as unknown as DeleteQueryBuilder<DB, T, DeleteResult>;
  }

  /** Inserts rows stamped with this vendor; a `vendor_id` in `values` is overwritten, never trusted. */
  insertInto<T extends VendorScopedTable<DB>>(
    table: T,
    values: Omit<InsertObject<DB, T>, 'vendor_id'> | ReadonlyArray<Omit<InsertObject<DB, T>, 'vendor_id'>>,
  ): InsertQueryBuilder<DB, T, InsertResult> {
    const rows = (Array.isArray(values) ? values : [values]).map((v: object) => ({ ...v, vendor_id: this.vendorId }));
    return (this.db.insertInto(table) as unknown as { values(v: unknown): InsertQueryBuilder<DB, T, InsertResult> }).values(rows);
  }

  /** The same scope inside a transaction. */
  withTransaction(trx: Kysely<DB>): VendorScope<DB> {
    return new VendorScope(trx, this.vendorId);
  }
}
