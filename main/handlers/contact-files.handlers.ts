import type { HandlersFor } from './handler.types';

export const contactFilesHandlers: HandlersFor<'contactFiles'> = {};
