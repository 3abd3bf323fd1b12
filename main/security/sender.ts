/** The scheme and host the packaged renderer is served from (see main/protocol.ts). */
export const appScheme = 'app';
export const appHost = 'kredsbog';
export const appOrigin = `${appScheme}://${appHost}`;

export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * IPC is answered only for the app's own top-level frame: an iframe, a
 * navigated-away page or a destroyed frame gets FORBIDDEN_SENDER.
 * (For custom schemes WHATWG `URL.origin` is "null", so compare scheme + host.)
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  // Electron's WebFrameMain getters throw once the frame is disposed: refuse rather than reject the invoke.
  try {
    if (!frame || frame.parent !== null) return false;
    const url = new URL(frame.url);
    return url.protocol === `${appScheme}:` && url.host === appHost;
  } catch {
    return false;
  }
}
