import fs from 'node:fs';
import { afterEach } from 'vitest';
import { tempDir } from '../db/testing/test-database';
import { runCli } from './cli';

/** Test support for CLI tests: run a command with captured output. */
export async function runCapturedCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { write: (s) => void (stdout += s) }, { write: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

/** Call at the top of a test file: returns a maker of temporary folders, removed after each test. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = tempDir();
    dirs.push(dir);
    return dir;
  };
}
