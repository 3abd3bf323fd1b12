import type { Messages } from '../da';

export const documentsEn: Messages['documents'] = {};
