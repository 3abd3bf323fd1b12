import type { HandlersFor } from './handler.types';

export const calendarHandlers: HandlersFor<'calendar'> = {};
