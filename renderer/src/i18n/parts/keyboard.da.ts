/** Danish UI text for keyboard use (the skip link in app/app.tsx). The English twin is keyboard.en.ts, typed from this. */
export const keyboardDa = {
  skipToContent: 'Spring til indholdet',
};
