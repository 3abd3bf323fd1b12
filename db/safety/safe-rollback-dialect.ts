import type BetterSqlite3 from 'better-sqlite3';
import { SqliteAdapter, SqliteDialect, type DatabaseConnection, type DialectAdapter, type Driver } from 'kysely';
import { AppError } from '../../common/result';

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

  /** The adapter carries the connection, so code inside a Kysely transaction can reach it (rawConnection). */
  override createAdapter(): DialectAdapter {
    return new RawConnectionAdapter(this.#sqlite);
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

class RawConnectionAdapter extends SqliteAdapter {
  constructor(readonly sqlite: BetterSqlite3.Database) {
    super();
  }
}

/**
 * The better-sqlite3 connection under a Kysely instance or transaction opened
 * by openDatabase: the one connection Kysely's transaction holds, so prepared
 * statements run on it belong to that transaction. Hot write paths (the
 * operation log, db/sync/op-log.ts) use it to avoid a round trip per statement.
 */
export function rawConnection(db: { getExecutor(): { readonly adapter: DialectAdapter } }): BetterSqlite3.Database {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof RawConnectionAdapter) return adapter.sqlite;
  throw new AppError('INTERNAL', 'Databasen er ikke åbnet med Kredsbogs forbindelse.');
}
