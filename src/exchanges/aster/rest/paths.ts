/**
 * REST paths per API generation (aster.md §4.1). V1 keeps Binance's scattered versions
 * (balance and positionRisk on /fapi/v2, account on /fapi/v4); V3 puts everything under /fapi/v3.
 * The V3 account path is one of the unconfirmed points (aster.md §10.5): the docs say
 * `accountWithJoinMargin` (renamed from `account` on 2026-03-28) while ccxt 4.5.84 calls
 * `/fapi/v4/account` with V3 signing; the client tries the documented path first and falls back
 * to ccxt's on a 404.
 */
import type { AsterApiVersion } from '../auth/types.js';

export interface AsterPaths {
  readonly ping: string;
  readonly time: string;
  readonly exchangeInfo: string;
  readonly depth: string;
  readonly trades: string;
  readonly bookTicker: string;
  readonly premiumIndex: string;
  readonly fundingRate: string;
  readonly fundingInfo: string;
  readonly klines: string;
  readonly account: readonly string[];
  readonly balance: string;
  readonly positionRisk: string;
  readonly order: string;
  readonly openOrders: string;
  readonly allOrders: string;
  readonly allOpenOrders: string;
  readonly batchOrders: string;
  readonly countdownCancelAll: string;
  readonly leverage: string;
  readonly marginType: string;
  readonly userTrades: string;
  readonly income: string;
  readonly listenKey: string;
}

function family(v: string): Omit<AsterPaths, 'account' | 'balance' | 'positionRisk'> {
  const p = `/fapi/${v}`;
  return {
    ping: `${p}/ping`,
    time: `${p}/time`,
    exchangeInfo: `${p}/exchangeInfo`,
    depth: `${p}/depth`,
    trades: `${p}/trades`,
    bookTicker: `${p}/ticker/bookTicker`,
    premiumIndex: `${p}/premiumIndex`,
    fundingRate: `${p}/fundingRate`,
    fundingInfo: `${p}/fundingInfo`,
    klines: `${p}/klines`,
    order: `${p}/order`,
    openOrders: `${p}/openOrders`,
    allOrders: `${p}/allOrders`,
    allOpenOrders: `${p}/allOpenOrders`,
    batchOrders: `${p}/batchOrders`,
    countdownCancelAll: `${p}/countdownCancelAll`,
    leverage: `${p}/leverage`,
    marginType: `${p}/marginType`,
    userTrades: `${p}/userTrades`,
    income: `${p}/income`,
    listenKey: `${p}/listenKey`,
  };
}

export const ASTER_PATHS: Readonly<Record<AsterApiVersion, AsterPaths>> = {
  v1: { ...family('v1'), account: ['/fapi/v4/account'], balance: '/fapi/v2/balance', positionRisk: '/fapi/v2/positionRisk' },
  v3: {
    ...family('v3'),
    account: ['/fapi/v3/accountWithJoinMargin', '/fapi/v4/account'],
    balance: '/fapi/v3/balance',
    positionRisk: '/fapi/v3/positionRisk',
  },
};
