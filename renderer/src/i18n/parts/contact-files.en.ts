import type { Messages } from '../da';

export const contactFilesEn: Messages['contactFiles'] = {};
