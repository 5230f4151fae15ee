/**
 * Market stream names the simulator serves (aster.md §7.2), lower-case symbol first:
 *
 *   <symbol>@aggTrade                 every trade, real time
 *   <symbol>@bookTicker               best bid/ask on change, real time
 *   <symbol>@markPrice[@1s]           mark/index/funding every 3 s (1 s)
 *   <symbol>@depth[@100ms|@500ms]     diff depth every 250 ms (100/500 ms), U/u/pu chained
 *   <symbol>@depth<5|10|20>[@100ms|@500ms]  top-N snapshot in the depthUpdate shape
 *
 * Anything else is refused (SUBSCRIBE answers an error, a URL stream refuses the upgrade).
 */
import type { AsterSettings } from '../settings.js';
import type { AsterMarket, AsterSymbols } from '../symbols.js';

export type MarketStream =
  | { readonly kind: 'aggTrade'; readonly market: AsterMarket }
  | { readonly kind: 'bookTicker'; readonly market: AsterMarket }
  | { readonly kind: 'markPrice'; readonly market: AsterMarket; readonly intervalMs: number }
  | { readonly kind: 'depthDiff'; readonly market: AsterMarket; readonly intervalMs: number }
  | { readonly kind: 'depthPartial'; readonly market: AsterMarket; readonly intervalMs: number; readonly levels: number };

const STREAM_RE = /^([a-z0-9]+)@(aggTrade|bookTicker|markPrice(@1s)?|depth(5|10|20)?(@100ms|@500ms)?)$/;

export function parseMarketStream(name: string, symbols: AsterSymbols, settings: AsterSettings): MarketStream | undefined {
  const m = STREAM_RE.exec(name);
  if (m === null) return undefined;
  const market = symbols.fromStreamSymbol(m[1] as string);
  if (market === undefined) return undefined;
  const channel = m[2] as string;
  if (channel === 'aggTrade') return { kind: 'aggTrade', market };
  if (channel === 'bookTicker') return { kind: 'bookTicker', market };
  if (channel.startsWith('markPrice')) {
    return { kind: 'markPrice', market, intervalMs: m[3] === undefined ? settings.markPriceIntervalMs : settings.markPriceFastIntervalMs };
  }
  const speed = m[5];
  const intervalMs = speed === '@100ms' ? 100 : speed === '@500ms' ? 500 : settings.depthDefaultIntervalMs;
  if (m[4] === undefined) return { kind: 'depthDiff', market, intervalMs };
  return { kind: 'depthPartial', market, intervalMs, levels: Number(m[4]) };
}
