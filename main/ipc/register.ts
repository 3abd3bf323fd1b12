import type { IpcMainInvokeEvent } from 'electron';
import { channels, ipcPrefix } from '../../common/contract';
import { err, type Result } from '../../common/result';
import { isTrustedSender } from '../security/sender';
import type { Dispatch } from '../../server/ipc/dispatch';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>): void;
}

/**
 * The one loop that serves the contract over Electron IPC: for every channel,
 * sender check → (dispatch: schema parse → handler → Result).
 */
export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch): void {
  for (const channel of channels) {
    ipcMain.handle(`${ipcPrefix}${channel}`, async (event, input) => {
      if (!isTrustedSender(event.senderFrame)) return err({ code: 'FORBIDDEN_SENDER', message: 'Afsenderen er ikke Kredsbog selv; forespørgslen er afvist.' });
      return dispatch(channel, input);
    });
  }
}
