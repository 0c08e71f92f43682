import { openDatabase, type Database } from '../core/database/database.ts';
import type { Settings } from '../core/config.ts';
import { lockDataDir } from './data-dir-lock.ts';

/**
 * Opens the database the settings name: PostgreSQL with DATABASE_URL,
 * otherwise the embedded PGlite in DATA_DIR, locked for this process (see
 * `lockDataDir`) until `close()`.
 *
 * @param purpose what holds the lock, shown to a second process (`npm start`, `wizamart demo`).
 */
export async function openLockedDatabase(
  settings: Pick<Settings, 'databaseUrl' | 'dataDir'>,
  purpose: string,
): Promise<Database> {
  const embedded = !settings.databaseUrl && settings.dataDir !== 'memory';
  const release = embedded ? lockDataDir(settings.dataDir, purpose) : undefined;
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  } catch (error) {
    release?.();
    throw error;
  }
  return {
    ...database,
    async close() {
      try {
        await database.close();
      } finally {
        release?.();
      }
    },
  };
}
