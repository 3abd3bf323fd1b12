import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../db/testing/test-database';
import { createDispatcher } from '../ipc/dispatch';
import { handlers } from './index';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const dispatcher = () => createDispatcher(handlers, { app: t, host: 'browser', version: 'test' }, { checkOutput: true });

describe('GDPR handlers', () => {
  it('answer NOT_FOUND, not INTERNAL, for a contact that does not exist', async () => {
    const contactId = '01890000-0000-7000-8000-000000000000';
    for (const [channel, input] of [
      ['gdpr.export', { contactId }],
      ['gdpr.erasePreview', { contactId }],
      ['gdpr.erase', { contactId, confirmName: 'Åse' }],
    ] as const) {
      const result = await dispatcher()(channel, input);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});
