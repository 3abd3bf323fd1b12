/** Danish UI text for this area (section "contactFiles" of da.ts). The English twin is contact-files.en.ts, typed from this. */
export const contactFilesDa = {};
