import type { ColumnType, Kysely } from 'kysely';
import type { FrameworkTables, PlatformsTable } from '../../../core/database/tables.ts';
import type { CoreSettingsTables } from '../models/settings.model.ts';

/**
 * What the settings read and write: core's own tables, plus the columns of
 * tenancy's `vendors` and `platforms` that settings own in the user's eyes
 * (a store's name and default language, a platform's languages). Declared
 * here rather than imported, as core modules do not import each other (see
 * `dashboard.queries.ts`).
 */
// A type alias, not an interface: `withTables` needs an index-signature-compatible shape.
export type SettingsTables = Omit<FrameworkTables, 'platforms'> &
  CoreSettingsTables & {
    platforms: PlatformsTable & {
      default_language: ColumnType<string, string | undefined, string>;
      languages: ColumnType<string[], string, string>;
      updated_at: ColumnType<Date, Date | undefined, Date>;
    };
    vendors: {
      id: number;
      code: string;
      name: string;
      platform_id: number;
      status: string;
      default_language: ColumnType<string, string | undefined, string>;
      updated_at: ColumnType<Date, Date | undefined, Date>;
    };
  };

export type SettingsDb = Kysely<SettingsTables>;

export function settingsDb(db: Kysely<FrameworkTables>): SettingsDb {
  return db.withTables<SettingsTables>() as unknown as SettingsDb;
}
