import type { KredsbogBridge } from '../../common/bridge';
import type { Channel, ChannelInput, ChannelOutput } from '../../common/contract';
import type { AppErrorCode, AppErrorData, FieldIssue } from '../../common/result';
import { createHttpBridge, hostToken } from './http-bridge';

/**
 * The renderer's one seam to the outside world. Components call `api.call`;
 * it returns the value or throws an ApiError carrying the closed error code,
 * which `describeError` turns into a Danish (or English) sentence.
 */
declare global {
  interface Window {
    kredsbog?: KredsbogBridge;
  }
}

export class ApiError extends Error {
  readonly code: AppErrorCode;
  readonly issues: readonly FieldIssue[];
  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.issues = data.issues ?? [];
  }
}

let bridge: KredsbogBridge | null = null;

function currentBridge(): KredsbogBridge {
  if (bridge) return bridge;
  if (window.kredsbog) bridge = window.kredsbog;
  else bridge = createHttpBridge(hostToken(window.location, window.sessionStorage) ?? '');
  return bridge;
}

/** For tests: run the renderer against a given bridge. */
export function setBridge(next: KredsbogBridge | null): void {
  bridge = next;
}

export async function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const fn = currentBridge()[channel] as (input?: ChannelInput<C>) => ReturnType<KredsbogBridge[C]>;
  const result = await fn(input);
  if (result.ok) return result.value as ChannelOutput<C>;
  throw new ApiError(result.error);
}

export const api = { call };

/** A user-facing sentence for anything a call can throw. */
export function describeError(t: (key: string) => string, error: unknown): string {
  if (error instanceof ApiError) return t(`errors.${error.code}`);
  return t('errors.INTERNAL');
}
