import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
 * A write through the contract. Any successful write invalidates every cached
 * read: lists, counts and detail pages all show the new truth at once.
 */
export function useApiMutation<C extends Channel>(channel: C) {
  const client = useQueryClient();
  return useMutation<ChannelOutput<C>, Error, ChannelInput<C>>({
    mutationFn: (input) => call(channel, input),
    onSuccess: () => client.invalidateQueries(),
  });
}
