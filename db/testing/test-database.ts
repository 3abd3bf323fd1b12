import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type AppDatabase } from '../connection';

/** A fresh, fully migrated database in its own temp folder — a real file, never a mock. */
export async function createTestDatabase(): Promise<AppDatabase & { readonly dir: string; dispose(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-test-'));
  const app = await openDatabase(path.join(dir, 'kredsbog.sqlite'));
  return {
    ...app,
    dir,
    dispose: async () => {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-test-'));
}
