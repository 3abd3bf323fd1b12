import type { HandlersFor } from './handler.types';

export const documentsHandlers: HandlersFor<'referat'> = {};
