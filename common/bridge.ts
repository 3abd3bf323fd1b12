import type { Channel, ChannelInput, ChannelOutput } from './contract';
import type { Result } from './result';

/**
 * The shape of `window.kredsbog`: one function per contract channel, each
 * returning a Result. Preload (Electron) and the browser-host client both
 * implement exactly this type.
 */
export type KredsbogBridge = {
  readonly [C in Channel]: (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
};
