/**
 * Cross-margin arithmetic, modelled on Paradex (docs "Cross Margin Requirement", "Risk Checks"):
 *
 *   buy open size  = max(0, position) + resting buy orders
 *   sell open size = max(0, -position) + resting sell orders
 *   open size      = max(buy open size, sell open size)
 *   IMF            = max(imf_base, imf_factor x sqrt(max(0, notional - imf_shift)), 1 / leverage)
 *   IMR(market)    = open size x mark x IMF(open notional)
 *   MMR(market)    = |position| x mark x IMF(position notional) x mmf_factor
 *   account value  = collateral + unrealized PnL;  free collateral = account value - sum IMR
 *
 * Leverage: an account may lower its maximum leverage per market (setLeverage); the default is
 * the market maximum 1 / imf_base. Aster has no imf/mmf parameters: its markets use the same
 * data with IMF = 1/leverage where that is larger. Untriggered orders reserve nothing until they
 * fire. Requirements are rounded up (ceil) at 16 dp, so they are never understated.
 */
import type { AccountMarket, AccountState } from './accounts.js';
import { absBig, isqrt, maxBig, MONEY_DP, pow10, RATE_DP, RATE_ONE, divRound } from './fixed.js';
import type { MarketSpec } from './markets.js';
import type { MarketState } from './state.js';
import type { MarginStatus } from './types.js';

/** Initial margin fraction (18 dp) for a notional (16 dp). */
export function initialMarginFraction(spec: MarketSpec, notional: bigint, leverage: number | undefined): bigint {
  let imf = spec.imfBase;
  if (spec.imfFactor > 0n) {
    const excess = notional - spec.imfShift;
    // factor x sqrt(excess) > base  <=>  factor^2 x excess > base^2: skip the root when it cannot win.
    if (excess > 0n && spec.imfFactor * spec.imfFactor * excess > spec.imfBase * spec.imfBase * pow10(MONEY_DP)) {
      // sqrt(excess / 1e16) at 18 dp = sqrt(excess x 1e20) (ceil so the requirement never shrinks)
      const radicand = excess * pow10(2 * RATE_DP - MONEY_DP);
      let root = isqrt(radicand);
      if (root * root < radicand) root += 1n;
      imf = maxBig(imf, divRound(spec.imfFactor * root, RATE_ONE, 'ceil'));
    }
  }
  if (leverage !== undefined) imf = maxBig(imf, divRound(RATE_ONE, BigInt(leverage), 'ceil'));
  return imf;
}

/** Largest leverage the market allows (1 / imf_base, floored). */
export function maxLeverage(spec: MarketSpec): number {
  return spec.imfBase === 0n ? 1000 : Number(RATE_ONE / spec.imfBase);
}

export function openSize(position: bigint, buys: bigint, sells: bigint): bigint {
  const buyOpen = (position > 0n ? position : 0n) + buys;
  const sellOpen = (position < 0n ? -position : 0n) + sells;
  return buyOpen > sellOpen ? buyOpen : sellOpen;
}

export interface MarketRequirement {
  readonly openSize: bigint;
  readonly imr: bigint;
}

/** IMR of one market with optional extra (hypothetical) buy/sell order size. */
export function marketInitialRequirement(
  spec: MarketSpec,
  am: AccountMarket,
  mark: bigint,
  extraBuy = 0n,
  extraSell = 0n,
): MarketRequirement {
  const size = openSize(am.position.size, am.openBuy + extraBuy, am.openSell + extraSell);
  if (size === 0n) return { openSize: 0n, imr: 0n };
  const notional = size * mark;
  const imf = initialMarginFraction(spec, notional, am.leverage);
  return { openSize: size, imr: divRound(notional * imf, RATE_ONE, 'ceil') };
}

export function marketMaintenanceRequirement(spec: MarketSpec, am: AccountMarket, mark: bigint): bigint {
  const size = absBig(am.position.size);
  if (size === 0n) return 0n;
  const notional = size * mark;
  const imf = initialMarginFraction(spec, notional, am.leverage);
  return divRound(notional * imf * spec.mmfFactor, RATE_ONE * RATE_ONE, 'ceil');
}

/** Account value and total IMR, with `market`'s IMR replaced by `marketImr` (the order check). */
export function valueAndInitialMargin(
  account: AccountState,
  marketOf: (id: string) => MarketState,
  market: string,
  marketImr: bigint,
): { accountValue: bigint; initialMargin: bigint } {
  let value = account.collateral;
  let imr = 0n;
  for (const am of account.markets.values()) {
    const ms = marketOf(am.market);
    if (am.position.size !== 0n) value += unrealizedPnl(am, ms.mark);
    imr += am.market === market ? marketImr : marketInitialRequirement(ms.spec, am, ms.mark).imr;
  }
  return { accountValue: value, initialMargin: imr };
}

export const unrealizedPnl = (am: AccountMarket, mark: bigint): bigint => am.position.size * mark - am.position.cost;

export interface AccountRisk {
  readonly collateral: bigint;
  readonly unrealizedPnl: bigint;
  readonly accountValue: bigint;
  readonly initialMargin: bigint;
  readonly maintenanceMargin: bigint;
  readonly freeCollateral: bigint;
  readonly status: MarginStatus;
}

export function accountRisk(account: AccountState, marketOf: (id: string) => MarketState): AccountRisk {
  let upnl = 0n;
  let imr = 0n;
  let mmr = 0n;
  for (const am of account.markets.values()) {
    const ms = marketOf(am.market);
    upnl += unrealizedPnl(am, ms.mark);
    imr += marketInitialRequirement(ms.spec, am, ms.mark).imr;
    mmr += marketMaintenanceRequirement(ms.spec, am, ms.mark);
  }
  const accountValue = account.collateral + upnl;
  const status: MarginStatus = accountValue < mmr ? 'BELOW_MAINTENANCE' : accountValue < imr ? 'BELOW_INITIAL' : 'HEALTHY';
  return {
    collateral: account.collateral,
    unrealizedPnl: upnl,
    accountValue,
    initialMargin: imr,
    maintenanceMargin: mmr,
    freeCollateral: accountValue - imr,
    status,
  };
}
