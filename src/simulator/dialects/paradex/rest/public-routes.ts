/**
 * Public REST routes: system config/time/state, markets, summaries, order book, BBO, trades and
 * funding data (paradex.md §7.1). Unknown markets answer 404 on /markets (as the OpenAPI says)
 * and 400 MARKET_NOT_FOUND elsewhere.
 */
import { div, sub } from '../../../../core/decimal.js';
import type { SimResponse } from '../../../dialect.js';
import type { MarketConfig, SimulatorEngine } from '../../../engine/index.js';
import { errorResponse, jsonResponse, venueError } from '../errors.js';
import { fromWireId } from '../ids.js';
import { paginate, timeRangeOf } from '../pagination.js';
import {
  bboToWire,
  fundingDataToWire,
  marketSummaryToWire,
  marketToWire,
  orderBookToWire,
  tradeToWire,
  type WireFundingData,
  type WireTrade,
} from '../wire/index.js';
import type { RouteContext } from './context.js';

const MAX_TRADES_PAGE = 1000;
const MAX_FUNDING_PAGE = 5000;
const MAX_BOOK_DEPTH = 500;

export function findMarket(engine: SimulatorEngine, symbol: string): MarketConfig | undefined {
  // Paradex symbols only: the engine's other venue aliases (BTCUSDT) are not Paradex markets.
  return engine.markets().find((m) => m.id === symbol);
}

const marketNotFound = (symbol: string): SimResponse =>
  errorResponse(venueError(400, 'MARKET_NOT_FOUND', `market ${JSON.stringify(symbol.slice(0, 40))} not found`));

export const getSystemConfig = (ctx: RouteContext): SimResponse => jsonResponse(200, ctx.venue.systemConfig.body);
export const getSystemTime = (ctx: RouteContext): SimResponse => jsonResponse(200, { server_time: String(ctx.nowMs) });
export const getSystemState = (): SimResponse => jsonResponse(200, { status: 'ok' });

export function getMarkets(ctx: RouteContext): SimResponse {
  const symbol = ctx.request.query.get('market');
  const markets = ctx.venue.engine.markets();
  if (symbol === null || symbol === '') return jsonResponse(200, { results: markets.map(marketToWire) });
  const market = findMarket(ctx.venue.engine, symbol);
  if (market === undefined) return errorResponse(venueError(404, 'MARKET_NOT_FOUND', `market ${JSON.stringify(symbol.slice(0, 40))} not found`));
  return jsonResponse(200, { results: [marketToWire(market)] });
}

export function getMarketsSummary(ctx: RouteContext): SimResponse {
  const { engine } = ctx.venue;
  const symbol = ctx.request.query.get('market');
  if (symbol === null || symbol === '') return errorResponse(venueError(400, 'VALIDATION_ERROR', 'market is required (ALL for every market)'));
  const markets = symbol === 'ALL' ? engine.markets() : [findMarket(engine, symbol)];
  if (markets[0] === undefined) return marketNotFound(symbol);
  return jsonResponse(200, { results: markets.map((m) => marketSummaryToWire(engine.marketSummary((m as MarketConfig).id))) });
}

export function getOrderBook(ctx: RouteContext): SimResponse {
  const symbol = ctx.params[0] ?? '';
  if (findMarket(ctx.venue.engine, symbol) === undefined) return marketNotFound(symbol);
  const depthText = ctx.request.query.get('depth');
  const depth = depthText === null || depthText === '' ? 20 : Number(depthText);
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_BOOK_DEPTH) {
    return errorResponse(venueError(400, 'INVALID_REQUEST_PARAMETER', `depth must be an integer from 1 to ${MAX_BOOK_DEPTH}`));
  }
  return jsonResponse(200, orderBookToWire(ctx.venue.engine.bookSnapshot(symbol, depth)));
}

export function getBbo(ctx: RouteContext): SimResponse {
  const symbol = ctx.params[0] ?? '';
  if (findMarket(ctx.venue.engine, symbol) === undefined) return marketNotFound(symbol);
  return jsonResponse(200, bboToWire(ctx.venue.engine.bbo(symbol)));
}

export function getTrades(ctx: RouteContext): SimResponse {
  const { engine } = ctx.venue;
  const { query } = ctx.request;
  const symbol = query.get('market');
  if (symbol === null || symbol === '') return errorResponse(venueError(400, 'VALIDATION_ERROR', 'market is required'));
  if (findMarket(engine, symbol) === undefined) return marketNotFound(symbol);
  const range = timeRangeOf(query);
  if ('error' in range) return errorResponse(range);
  const trades = engine
    .recentTrades(symbol, 10_000)
    .filter((t) => !t.busted && (range.since === undefined || t.createdAt >= range.since) && (range.until === undefined || t.createdAt <= range.until))
    .map(tradeToWire);
  const page = paginate<WireTrade>(trades, (t) => BigInt(fromWireId('trade', t.id) ?? '0'), query, MAX_TRADES_PAGE);
  return page.ok ? jsonResponse(200, page.page) : errorResponse(page);
}

export function getFundingData(ctx: RouteContext): SimResponse {
  const { engine } = ctx.venue;
  const { query } = ctx.request;
  const symbol = query.get('market');
  if (symbol === null || symbol === '') return errorResponse(venueError(400, 'VALIDATION_ERROR', 'market is required'));
  const market = findMarket(engine, symbol);
  if (market === undefined) return marketNotFound(symbol);
  const range = timeRangeOf(query);
  if ('error' in range) return errorResponse(range);
  const settled = engine.fundingHistory(symbol, range).map(fundingDataToWire);
  // The venue publishes the running rate continuously; the engine settles once a period, so the
  // current estimate leads the list (as the newest data point).
  const summary = engine.marketSummary(symbol);
  const current: WireFundingData = fundingDataToWire({
    market: symbol,
    rate: summary.fundingRate,
    premium: summary.indexPrice === '0' ? '0' : div(sub(summary.markPrice, summary.indexPrice), summary.indexPrice, 12),
    markPrice: summary.markPrice,
    indexPrice: summary.indexPrice,
    fundingIndex: summary.fundingIndex,
    periodHours: market.fundingPeriodHours,
    createdAt: summary.timestamp,
  });
  const inRange = (range.since === undefined || current.created_at >= range.since) && (range.until === undefined || current.created_at <= range.until);
  const all = inRange && !settled.some((f) => f.created_at === current.created_at) ? [...settled, current] : settled;
  const page = paginate(all, (f) => BigInt(f.created_at), query, MAX_FUNDING_PAGE);
  return page.ok ? jsonResponse(200, page.page) : errorResponse(page);
}
