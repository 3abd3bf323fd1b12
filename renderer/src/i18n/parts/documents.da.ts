/** Danish UI text for this area (section "documents" of da.ts). The English twin is documents.en.ts, typed from this. */
export const documentsDa = {};
