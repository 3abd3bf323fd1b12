import type { Messages } from '../da';

export const icsEn: Messages['ics'] = {};
