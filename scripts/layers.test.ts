import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** The layer rules of eslint.config.js, run on code that breaks them (the files need not exist). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('refuse an upward import from db/ into main/, host/ or cli/, and allow db/ to import common/', async () => {
    expect(await layerErrors('db/contacts/upward.ts', "import { handlers } from '../../server/handlers';\nexport const h = handlers;\n")).toEqual([expect.stringContaining('db/ imports only common/')]);
    expect(await layerErrors('db/contacts/upward.ts', "import { startBrowserHost } from '../../host/browser-host';\nexport const s = startBrowserHost;\n")).toHaveLength(1);
    expect(await layerErrors('db/contacts/upward.ts', "import { AppError } from '../../common/result';\nexport const e = AppError;\n")).toEqual([]);
  }, 60_000);

  it('refuse server/ importing a shell (main/, host/, cli/), the renderer or electron, and allow it db/ and common/', async () => {
    expect(await layerErrors('server/handlers/upward.ts', "import { registerIpc } from '../../main/ipc/register';\nexport const r = registerIpc;\n")).toEqual([expect.stringContaining('server/ imports only db/ and common/')]);
    expect(await layerErrors('server/upward.ts', "import { startBrowserHost } from '../host/browser-host';\nexport const s = startBrowserHost;\n")).toHaveLength(1);
    expect(await layerErrors('server/upward.ts', "import { main } from '../cli/cli';\nexport const m = main;\n")).toHaveLength(1);
    expect(await layerErrors('server/upward.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringContaining('only main/ may import electron')]);
    expect(await layerErrors('server/upward.ts', "import { openDatabase } from '../db/connection';\nimport { AppError } from '../common/result';\nexport const o = [openDatabase, AppError];\n")).toEqual([]);
  }, 60_000);

  it('refuse db/ and common/ importing server/, and allow the shells to import it', async () => {
    expect(await layerErrors('db/contacts/upward.ts', "import { createDispatcher } from '../../server/ipc/dispatch';\nexport const d = createDispatcher;\n")).toEqual([expect.stringContaining('db/ imports only common/')]);
    expect(await layerErrors('common/upward.ts', "import { handlers } from '../server/handlers';\nexport const h = handlers;\n")).toHaveLength(1);
    expect(await layerErrors('host/downward.ts', "import { handlers } from '../server/handlers';\nexport const h = handlers;\n")).toEqual([]);
    expect(await layerErrors('cli/downward.ts', "import { handlers } from '../server/handlers';\nexport const h = handlers;\n")).toEqual([]);
    expect(await layerErrors('main/downward.ts', "import { handlers } from '../server/handlers';\nexport const h = handlers;\n")).toEqual([]);
  }, 60_000);

  it('refuse common/ importing db/ or cli/, and the renderer importing anything but its api seam', async () => {
    expect(await layerErrors('common/upward.ts', "import { openDatabase } from '../db/connection';\nexport const o = openDatabase;\n")).toHaveLength(1);
    expect(await layerErrors('common/upward.ts', "import { main } from '../cli/cli';\nexport const m = main;\n")).toHaveLength(1);
    expect(await layerErrors('renderer/src/pages/upward.ts', "import { handlers } from '../../../server/handlers';\nexport const h = handlers;\n")).toHaveLength(1);
  }, 60_000);
});
