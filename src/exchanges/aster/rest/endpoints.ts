/**
 * One function per Aster REST endpoint the client uses: path (per API generation), method,
 * security type, weight and schema in one place. Parameters are ordered pairs: their order is the
 * signed text's order.
 */
import { z } from 'zod';
import type { Params } from '../auth/wire-text.js';
import { depthWeight, klinesWeight } from './budgets.js';
import type { AsterPaths } from './paths.js';
import type { AsterRequester } from './requester.js';
import * as s from './schemas/index.js';

export interface Api {
  readonly r: AsterRequester;
  readonly paths: AsterPaths;
}

type P = [string, string][];
const opt = (key: string, value: string | number | undefined): P => (value === undefined ? [] : [[key, String(value)]]);

// ---- public ----

export const getServerTime = (a: Api) => a.r.call({ method: 'GET', path: a.paths.time, security: 'NONE', weight: 1, operation: 'read' }, s.serverTimeSchema);

export const getExchangeInfo = (a: Api) =>
  a.r.call({ method: 'GET', path: a.paths.exchangeInfo, security: 'NONE', weight: 1, operation: 'read' }, s.exchangeInfoSchema);

export const DEPTH_LIMITS = [5, 10, 20, 50, 100, 500, 1000] as const;

export const getDepth = (a: Api, symbol: string, limit: number) =>
  a.r.call(
    { method: 'GET', path: a.paths.depth, params: [['symbol', symbol], ['limit', String(limit)]], security: 'NONE', weight: depthWeight(limit), operation: 'read' },
    s.depthSchema,
  );

export const getTrades = (a: Api, symbol: string, limit: number) =>
  a.r.call(
    { method: 'GET', path: a.paths.trades, params: [['symbol', symbol], ['limit', String(limit)]], security: 'NONE', weight: 1, operation: 'read' },
    s.tradesSchema,
  );

export const getBookTicker = (a: Api, symbol: string) =>
  a.r.call({ method: 'GET', path: a.paths.bookTicker, params: [['symbol', symbol]], security: 'NONE', weight: 1, operation: 'read' }, s.bookTickerSchema);

export const getPremiumIndex = (a: Api, symbol: string) =>
  a.r.call({ method: 'GET', path: a.paths.premiumIndex, params: [['symbol', symbol]], security: 'NONE', weight: 1, operation: 'read' }, s.premiumIndexSchema);

export const getFundingRateHistory = (a: Api, symbol: string, limit = 1) =>
  a.r.call(
    { method: 'GET', path: a.paths.fundingRate, params: [['symbol', symbol], ['limit', String(limit)]], security: 'NONE', weight: 1, operation: 'read' },
    s.fundingRatesSchema,
  );

export const getFundingInfo = (a: Api) =>
  a.r.call({ method: 'GET', path: a.paths.fundingInfo, security: 'NONE', weight: 1, operation: 'read' }, s.fundingInfoSchema);

export const getKlines = (a: Api, symbol: string, interval: string, limit: number, startTime?: number, endTime?: number) =>
  a.r.call(
    {
      method: 'GET',
      path: a.paths.klines,
      params: [['symbol', symbol], ['interval', interval], ...opt('startTime', startTime), ...opt('endTime', endTime), ['limit', String(limit)]],
      security: 'NONE',
      weight: klinesWeight(limit),
      operation: 'read',
    },
    s.klinesSchema,
  );

// ---- account ----

export const getAccount = (a: Api, path: string) =>
  a.r.call({ method: 'GET', path, security: 'SIGNED', weight: 5, operation: 'read' }, s.accountSchema);

export const getBalances = (a: Api) => a.r.call({ method: 'GET', path: a.paths.balance, security: 'SIGNED', weight: 5, operation: 'read' }, s.balancesSchema);

export const getPositionRisk = (a: Api, symbol?: string) =>
  a.r.call({ method: 'GET', path: a.paths.positionRisk, params: opt('symbol', symbol), security: 'SIGNED', weight: 5, operation: 'read' }, s.positionRisksSchema);

export const postLeverage = (a: Api, symbol: string, leverage: number) =>
  a.r.call(
    { method: 'POST', path: a.paths.leverage, params: [['symbol', symbol], ['leverage', String(leverage)]], security: 'SIGNED', weight: 1, operation: 'write' },
    s.leverageSchema,
  );

export const postMarginType = (a: Api, symbol: string, marginType: 'ISOLATED' | 'CROSSED') =>
  a.r.call(
    { method: 'POST', path: a.paths.marginType, params: [['symbol', symbol], ['marginType', marginType]], security: 'SIGNED', weight: 1, operation: 'write' },
    s.codeMsgSchema,
  );

export interface TimeWindow {
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit?: number;
}

export const getUserTrades = (a: Api, symbol: string, w: TimeWindow & { fromId?: string }) =>
  a.r.call(
    {
      method: 'GET',
      path: a.paths.userTrades,
      params: [['symbol', symbol], ...opt('startTime', w.startTime), ...opt('endTime', w.endTime), ...opt('fromId', w.fromId), ...opt('limit', w.limit)],
      security: 'SIGNED',
      weight: 5,
      operation: 'read',
    },
    s.userTradesSchema,
  );

export const getIncome = (a: Api, w: TimeWindow & { symbol?: string; incomeType?: string }) =>
  a.r.call(
    {
      method: 'GET',
      path: a.paths.income,
      params: [...opt('symbol', w.symbol), ...opt('incomeType', w.incomeType), ...opt('startTime', w.startTime), ...opt('endTime', w.endTime), ...opt('limit', w.limit)],
      security: 'SIGNED',
      weight: 30,
      operation: 'read',
    },
    s.incomesSchema,
  );

// ---- orders ----

/** Identifies one order on the wire: by venue id or by our client id. */
export type WireOrderRef = { readonly orderId: string } | { readonly origClientOrderId: string };
const refParams = (ref: WireOrderRef): P => ('orderId' in ref ? [['orderId', ref.orderId]] : [['origClientOrderId', ref.origClientOrderId]]);

export const postOrder = (a: Api, params: Params, timeoutMs?: number) =>
  a.r.call(
    { method: 'POST', path: a.paths.order, params, security: 'SIGNED', weight: 1, orders: 1, operation: 'write', ...(timeoutMs === undefined ? {} : { timeoutMs }) },
    s.orderSchema,
  );

/** V3 only: modify a LIMIT order's price and quantity in place. */
export const putOrder = (a: Api, symbol: string, ref: WireOrderRef, quantity: string, price: string) =>
  a.r.call(
    {
      method: 'PUT',
      path: a.paths.order,
      params: [['symbol', symbol], ...refParams(ref), ['quantity', quantity], ['price', price]],
      security: 'SIGNED',
      weight: 1,
      orders: 1,
      operation: 'write',
    },
    s.orderSchema,
  );

export const getOrder = (a: Api, symbol: string, ref: WireOrderRef) =>
  a.r.call({ method: 'GET', path: a.paths.order, params: [['symbol', symbol], ...refParams(ref)], security: 'SIGNED', weight: 1, operation: 'read' }, s.orderSchema);

export const deleteOrder = (a: Api, symbol: string, ref: WireOrderRef) =>
  a.r.call({ method: 'DELETE', path: a.paths.order, params: [['symbol', symbol], ...refParams(ref)], security: 'SIGNED', weight: 1, operation: 'write' }, s.orderSchema);

export const getOpenOrders = (a: Api, symbol?: string) =>
  a.r.call(
    { method: 'GET', path: a.paths.openOrders, params: opt('symbol', symbol), security: 'SIGNED', weight: symbol === undefined ? 40 : 1, operation: 'read' },
    s.ordersSchema,
  );

export const getAllOrders = (a: Api, symbol: string, w: TimeWindow) =>
  a.r.call(
    {
      method: 'GET',
      path: a.paths.allOrders,
      params: [['symbol', symbol], ...opt('startTime', w.startTime), ...opt('endTime', w.endTime), ...opt('limit', w.limit)],
      security: 'SIGNED',
      weight: 5,
      operation: 'read',
    },
    s.ordersSchema,
  );

export const deleteAllOpenOrders = (a: Api, symbol: string) =>
  a.r.call({ method: 'DELETE', path: a.paths.allOpenOrders, params: [['symbol', symbol]], security: 'SIGNED', weight: 1, operation: 'write' }, s.codeMsgSchema);

/** Up to 5 orders as a JSON list sent literally (see auth/wire-text.ts for why nothing is encoded). */
export const postBatchOrders = (a: Api, orders: readonly Params[]) =>
  a.r.call(
    {
      method: 'POST',
      path: a.paths.batchOrders,
      params: [['batchOrders', JSON.stringify(orders.map((o) => Object.fromEntries(o)))]],
      security: 'SIGNED',
      weight: 5,
      orders: orders.length,
      operation: 'write',
    },
    s.batchResultSchema,
  );

/** Up to 10 orders of one symbol, by venue ids or by client ids. */
export const deleteBatchOrders = (a: Api, symbol: string, ids: { orderIds: readonly string[] } | { clientOrderIds: readonly string[] }) =>
  a.r.call(
    {
      method: 'DELETE',
      path: a.paths.batchOrders,
      params: [
        ['symbol', symbol],
        'orderIds' in ids ? ['orderIdList', `[${ids.orderIds.join(',')}]`] : ['origClientOrderIdList', JSON.stringify(ids.clientOrderIds)],
      ],
      security: 'SIGNED',
      weight: 1,
      operation: 'write',
    },
    s.batchResultSchema,
  );

/** Cancels every open order of `symbol` unless refreshed within `countdownMs`; 0 stops the countdown. */
export const postCountdownCancelAll = (a: Api, symbol: string, countdownMs: number) =>
  a.r.call(
    {
      method: 'POST',
      path: a.paths.countdownCancelAll,
      params: [['symbol', symbol], ['countdownTime', String(countdownMs)]],
      security: 'SIGNED',
      weight: 10,
      operation: 'write',
    },
    s.countdownSchema,
  );

// ---- user data stream ----

export const postListenKey = (a: Api) =>
  a.r.call({ method: 'POST', path: a.paths.listenKey, security: 'USER_STREAM', weight: 1, operation: 'write' }, s.listenKeySchema);

export const putListenKey = (a: Api) =>
  a.r.call({ method: 'PUT', path: a.paths.listenKey, security: 'USER_STREAM', weight: 1, operation: 'write' }, z.unknown());

export const deleteListenKey = (a: Api) =>
  a.r.call({ method: 'DELETE', path: a.paths.listenKey, security: 'USER_STREAM', weight: 1, operation: 'write' }, z.unknown());
