/** Danish UI text for this area (section "gdpr" of da.ts). The English twin is gdpr.en.ts, typed from this. */
export const gdprDa = {};
