import type { Messages } from '../da';

export const gdprEn: Messages['gdpr'] = {};
