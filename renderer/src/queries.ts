import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelOutput } from '../../common/contract';
import { call } from './api';

/** A read through the contract, cached by channel + input. */
export function useApiQuery<C extends Channel>(
  channel: C,
  input?: ChannelInput<C>,
  options: { enabled?: boolean; refetchInterval?: number | false | ((data: ChannelOutput<C> | undefined) => number | false) } = {},
) {
  const { refetchInterval } = options;
  return useQuery<ChannelOutput<C>>({
    queryKey: [channel, input ?? null],
    queryFn: () => call(channel, input),
    enabled: options.enabled ?? true,
    ...(refetchInterval === undefined ? {} : { refetchInterval: typeof refetchInterval === 'function' ? (query) => refetchInterval(query.state.data) : refetchInterval }),
  });
}

/**
 * After successful writes on `channels`: refetches the cached reads in the
 * areas those channels declare in the contract (`affects`), and only those;
 * a read or a read-only export refetches nothing. Every cached read is keyed
 * by its channel name first, and its area is the name's prefix.
 * The contract (and its schemas) loads on the first write, not with the first view.
 */
export async function invalidateAfter(client: QueryClient, ...channels: readonly Channel[]): Promise<void> {
  const { affectedAreas } = await import('../../common/contract');
  const areas = new Set<string>(channels.flatMap((channel) => affectedAreas(channel)));
  if (areas.size === 0) return;
  await client.invalidateQueries({ predicate: (query) => typeof query.queryKey[0] === 'string' && areas.has(query.queryKey[0].split('.')[0]!) });
}

/** A write through the contract: on success the areas it declares are refetched (invalidateAfter). */
export function useApiMutation<C extends Channel>(channel: C) {
  const client = useQueryClient();
  return useMutation<ChannelOutput<C>, Error, ChannelInput<C>>({
    mutationFn: (input) => call(channel, input),
    onSuccess: () => invalidateAfter(client, channel),
  });
}
