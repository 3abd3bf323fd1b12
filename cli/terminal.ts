import type { Output } from './command.types';

/**
 * Everything the CLI prints passes through here, so a name, title or sender
 * from a file or another laptop can never drive the terminal: C0 controls
 * (ESC starts every escape sequence; BEL, backspace and carriage return
 * rewrite what is shown), DEL and the C1 controls (U+009B is a one-character
 * CSI) are removed. Newline and tab stay — the CLI's own lines need them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const terminalControls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** JSON.stringify escapes C0 itself but writes DEL and C1 raw (inside strings, the only place they can occur). */
const rawInJson = /[\u007f-\u009f]/g;

export function terminalText(text: string): string {
  return text.replace(terminalControls, '');
}

/** JSON lines keep every value: DEL and C1 become \u escapes, which JSON.parse reads back as the same characters. */
export function terminalJson(text: string): string {
  return text.replace(rawInJson, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An Output that makes what is written safe to show (`json`: escape, keeping the data; otherwise remove). */
export function terminalOutput(output: Output, json = false): Output {
  return { write: (text: string) => output.write(json ? terminalJson(text) : terminalText(text)) };
}
