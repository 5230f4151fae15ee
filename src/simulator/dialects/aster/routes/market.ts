/**
 * Public market-data routes (security NONE), the same under /fapi/v1 and /fapi/v3, with the
 * documented weights (aster.md §4.1).
 */
import { AsterErrors } from '../errors.js';
import type { WireParams } from '../params.js';
import { renderExchangeInfo } from '../render/exchange-info.js';
import { renderKlines, periodOf } from '../render/klines.js';
import {
  renderAggTrades,
  renderBookTicker,
  renderDepth,
  renderFundingInfo,
  renderFundingRates,
  renderPremiumIndex,
  renderTicker24h,
  renderTickerPrice,
  renderTrades,
  tradesOldestFirst,
} from '../render/market-data.js';
import type { AsterMarket } from '../symbols.js';
import { limitParam, timeRange, type Route, type RouteRequest } from './types.js';

const DEPTH_LIMITS = [5, 10, 20, 50, 100, 500, 1000];

function depthLimit(params: WireParams): number {
  const text = params.get('limit');
  if (text === undefined) return 500;
  const limit = Number(text);
  if (!DEPTH_LIMITS.includes(limit) || String(limit) !== text) throw AsterErrors.invalidDepthLimit(text);
  return limit;
}

function depthWeight(params: WireParams): number {
  const text = params.get('limit');
  const limit = text === undefined ? 500 : Number(text);
  return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
}

function klineWeight(params: WireParams): number {
  const limit = Number(params.get('limit') ?? 500);
  return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
}

const market = (r: RouteRequest): AsterMarket => r.services.ctx.symbols.require(r.params.require('symbol'));

/** One object with `symbol`, an array of every symbol without. */
function perSymbol(r: RouteRequest, render: (m: AsterMarket) => unknown): unknown {
  const symbol = r.params.get('symbol');
  if (symbol !== undefined) return render(r.services.ctx.symbols.require(symbol));
  return r.services.ctx.symbols.list.map(render);
}

const withoutSymbol = (light: number, heavy: number) => (p: WireParams) => (p.has('symbol') ? light : heavy);

export const marketRoutes: Record<string, Route> = {
  'GET ping': { security: 'NONE', weight: 1, handle: () => ({}) },
  'GET time': { security: 'NONE', weight: 1, handle: (r) => ({ serverTime: r.now }) },
  'GET exchangeInfo': {
    security: 'NONE',
    weight: 1,
    handle: (r) => renderExchangeInfo(r.services.ctx.symbols.list, r.services.ctx.settings, r.now),
  },
  'GET depth': {
    security: 'NONE',
    weight: depthWeight,
    handle: (r) => {
      const m = market(r);
      return renderDepth(r.services.ctx.engine, m, depthLimit(r.params), r.now);
    },
  },
  'GET trades': {
    security: 'NONE',
    weight: 1,
    handle: (r) => {
      const m = market(r);
      return renderTrades(r.services.ctx.engine, m, limitParam(r.params, 500, 1000));
    },
  },
  'GET aggTrades': {
    security: 'NONE',
    weight: 20,
    handle: (r) => {
      const m = market(r);
      const fromId = r.params.int('fromId');
      return renderAggTrades(r.services.ctx.engine, m, { ...timeRange(r.params), ...(fromId === undefined ? {} : { fromId }), limit: limitParam(r.params, 500, 1000) });
    },
  },
  'GET klines': {
    security: 'NONE',
    weight: klineWeight,
    handle: (r) => {
      const m = market(r);
      const interval = r.params.require('interval');
      periodOf(interval);
      const engine = r.services.ctx.engine;
      const summary = engine.marketSummary(m.engineId);
      return renderKlines(m, tradesOldestFirst(engine, m), { interval, ...timeRange(r.params), limit: limitParam(r.params, 500, 1500) }, r.now, summary.markPrice);
    },
  },
  'GET premiumIndex': { security: 'NONE', weight: 1, handle: (r) => perSymbol(r, (m) => renderPremiumIndex(r.services.ctx.engine, m, r.now)) },
  'GET fundingRate': {
    security: 'NONE',
    weight: 1,
    handle: (r) => {
      const filter = { ...timeRange(r.params), limit: limitParam(r.params, 100, 1000) };
      const symbol = r.params.get('symbol');
      const markets = symbol === undefined ? r.services.ctx.symbols.list : [r.services.ctx.symbols.require(symbol)];
      return markets.flatMap((m) => renderFundingRates(r.services.ctx.engine, m, filter));
    },
  },
  'GET fundingInfo': { security: 'NONE', weight: 1, handle: (r) => r.services.ctx.symbols.list.map((m) => renderFundingInfo(m, r.now)) },
  'GET ticker/24hr': { security: 'NONE', weight: withoutSymbol(1, 40), handle: (r) => perSymbol(r, (m) => renderTicker24h(r.services.ctx.engine, m, r.now)) },
  'GET ticker/price': { security: 'NONE', weight: withoutSymbol(1, 2), handle: (r) => perSymbol(r, (m) => renderTickerPrice(r.services.ctx.engine, m, r.now)) },
  'GET ticker/bookTicker': { security: 'NONE', weight: withoutSymbol(1, 2), handle: (r) => perSymbol(r, (m) => renderBookTicker(r.services.ctx.engine, m, r.now)) },
};
