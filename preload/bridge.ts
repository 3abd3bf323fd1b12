import { channels, ipcPrefix } from '../common/contract';
import type { KredsbogBridge } from '../common/bridge';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/**
 * One forwarding function per contract channel, and nothing else: no
 * ipcRenderer, no generic `invoke(anyChannel)`. Validation happens in main.
 */
export function createBridge(invoke: Invoke): KredsbogBridge {
  const bridge: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const channel of channels) bridge[channel] = (input?: unknown) => invoke(`${ipcPrefix}${channel}`, input);
  return Object.freeze(bridge) as unknown as KredsbogBridge;
}
