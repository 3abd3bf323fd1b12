import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../db/testing/test-database';
import { createDispatcher, toErrorData, type Dispatch } from '../ipc/dispatch';
import type { HandlerContext } from './handler.types';
import { handlers } from './index';

describe('sync file uploads', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let dispatch: Dispatch;
  let context: HandlerContext;
  beforeEach(async () => {
    t = await createTestDatabase();
    context = { app: t, host: 'browser', version: '1.2.3' };
    dispatch = createDispatcher(handlers, context, { checkOutput: true });
  });
  afterEach(() => t.dispose());

  it('refuses a file name that is only dots, a path or holds NUL as invalid input, never as an internal error', async () => {
    for (const fileName of ['.', '..', ' .. ', '...', 'a/..', '../x.kredsbog', 'mappe\\fil.kredsbog', 'a\u0000b.kredsbog']) {
      for (const channel of ['sync.preview', 'sync.import'] as const) {
        const result = await dispatch(channel, { fileName, base64: '' });
        expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['fileName'], message: 'validation.invalid' }] } });
      }
    }
  });

  it('writes the upload under a safe name even when handed "." or ".." directly', async () => {
    for (const fileName of ['.', '..']) {
      const error = await handlers['sync.preview']({ fileName, base64: Buffer.from('hej').toString('base64') }, context).catch((e: unknown) => e);
      // The reader got a file and refused its content: not EISDIR from writing to the folder itself.
      expect(toErrorData(error)).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^Filen kan ikke importeres: den er ikke en Kredsbog-synkroniseringsfil/) });
    }
  });

  it('still takes a name with dots in it', async () => {
    const result = await dispatch('sync.preview', { fileName: '..kredsbog', base64: Buffer.from('hej').toString('base64') });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^Filen kan ikke importeres/) } });
  });
});
