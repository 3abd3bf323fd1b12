import type BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';

/**
 * Kysely's SqliteDialect, except that it does not roll back a transaction
 * SQLite has already rolled back by itself.
 *
 * When COMMIT fails on a full disk or an I/O error (SQLITE_FULL,
 * SQLITE_IOERR…), SQLite rolls the transaction back automatically. Kysely
 * then sends its own ROLLBACK, which fails with "cannot rollback - no
 * transaction is active" (SQLITE_ERROR) and replaces the real error: the
 * user saw "uventet fejl" instead of "Disken er fuld" (db/safety/disk.test.ts).
 */
export class SafeRollbackSqliteDialect extends SqliteDialect {
  readonly #sqlite: BetterSqlite3.Database;

  constructor(sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    const sqlite = this.#sqlite;
    driver.rollbackTransaction = async (connection: DatabaseConnection) => {
      if (sqlite.inTransaction) await rollback(connection);
    };
    return driver;
  }
}
