/**
 * Every REST path of the dialect (aster.md §4.1). V1 lives under /fapi/v1 except balance and
 * positionRisk (/fapi/v2) and account (/fapi/v4); V3 has everything under /fapi/v3, the account
 * as both /fapi/v3/account and /fapi/v3/accountWithJoinMargin (renamed 2026-03-28).
 */
import type { PathFamily } from '../auth/authenticate.js';
import { accountRoutes } from './account.js';
import { marketRoutes } from './market.js';
import { tradingRoutes } from './trading.js';
import type { Route } from './types.js';
import { userStreamRoutes } from './user-stream.js';

export interface RouteEntry {
  readonly route: Route;
  readonly family: PathFamily;
}

const V1_VERSION_OF: Readonly<Record<string, string>> = { balance: 'v2', positionRisk: 'v2', account: 'v4' };
const V3_ALIASES: Readonly<Record<string, readonly string[]>> = { account: ['account', 'accountWithJoinMargin'] };

/** "METHOD /fapi/vN/name" -> route. */
export function buildRouteTable(): ReadonlyMap<string, RouteEntry> {
  const table = new Map<string, RouteEntry>();
  for (const group of [marketRoutes, tradingRoutes, accountRoutes, userStreamRoutes]) {
    for (const [key, route] of Object.entries(group)) {
      const [method, name] = key.split(' ') as [string, string];
      table.set(`${method} /fapi/${V1_VERSION_OF[name] ?? 'v1'}/${name}`, { route, family: 'v1' });
      for (const alias of V3_ALIASES[name] ?? [name]) table.set(`${method} /fapi/v3/${alias}`, { route, family: 'v3' });
    }
  }
  return table;
}
