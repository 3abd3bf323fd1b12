import type { keyboardDa } from './keyboard.da';

export const keyboardEn: Record<keyof typeof keyboardDa, string> = {
  skipToContent: 'Skip to content',
};
