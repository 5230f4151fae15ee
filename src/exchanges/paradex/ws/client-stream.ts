/**
 * How ParadexClient builds its stream: URL and encoding defaults, the session as StreamAuth, and
 * the client's REST reads for book resyncs and reconnect catch-up. Kept here so client.ts only
 * sequences calls.
 */
import type { Clock } from '../../../core/clock.js';
import type { ExchangeEvent } from '../../../core/exchange-client.js';
import type { Timers } from '../../../transport/timers.js';
import type { ParadexSession } from '../session.js';
import { defaultEncoding, defaultStreamUrl } from './options.js';
import type { ParadexStreamTuning, PublicEncoding } from './options.js';
import { ParadexStream } from './stream.js';
import type { ParadexStreamOptions } from './stream.js';

export interface ClientStreamInput {
  readonly apiBaseUrl: string;
  readonly wsUrl?: string | undefined;
  readonly publicEncoding?: PublicEncoding | undefined;
  readonly tuning?: ParadexStreamTuning | undefined;
  readonly timers?: Timers | undefined;
  readonly onError?: ((error: unknown) => void) | undefined;
  /** Venue clock. */
  readonly clock: Clock;
  /** The session once connect() ran; undefined before. */
  readonly session: () => ParadexSession | undefined;
  readonly rest: ParadexStreamOptions['rest'];
  readonly emit: (event: ExchangeEvent) => void;
  readonly onMarkPrice: (market: string, price: string) => void;
}

export function createClientStream(input: ClientStreamInput): ParadexStream {
  const url = input.wsUrl ?? defaultStreamUrl(input.apiBaseUrl);
  return new ParadexStream({
    url,
    publicEncoding: input.publicEncoding ?? defaultEncoding(url),
    ...input.tuning,
    clock: input.clock,
    ...(input.timers === undefined ? {} : { timers: input.timers }),
    auth: () => {
      const session = input.session();
      if (session === undefined) return undefined;
      return { token: () => session.token(), refresh: () => session.refresh(), invalidate: () => session.invalidate() };
    },
    rest: input.rest,
    emit: input.emit,
    onMarkPrice: input.onMarkPrice,
    ...(input.onError === undefined ? {} : { onError: input.onError }),
  });
}
