import type { HandlersFor } from './handler.types';

export const gdprHandlers: HandlersFor<'gdpr'> = {};
