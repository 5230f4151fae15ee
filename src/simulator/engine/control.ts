/**
 * State changes that do not come from trading: deposits and withdrawals, leverage, fee rates, and
 * the fault knobs the dialects expose (busting a trade, moving prices, forcing a funding rate).
 */
import { InsufficientMarginError, RequestError } from '../../core/errors.js';
import { reverseFillOnPosition, type AccountState, type FillRecord } from './accounts.js';
import type { EngineCore } from './core.js';
import { MONEY_DP, parseRequestDecimal, RATE_DP } from './fixed.js';
import { accountRisk, maxLeverage } from './margin.js';
import type { MarketState } from './state.js';
import type { FeeRates } from './options.js';
import type { FeeRatesScaled } from './state.js';
import * as views from './views.js';

export function parseAmount(value: unknown, field: string): bigint {
  const amount = parseRequestDecimal(value, MONEY_DP, field);
  if (amount <= 0n) throw new RequestError(`${field} must be greater than 0 (got "${String(value)}")`, { venueCode: 'INVALID_AMOUNT' });
  return amount;
}

export function parseFees(fees: FeeRates): FeeRatesScaled {
  return { maker: parseRequestDecimal(fees.maker, RATE_DP, 'fees.maker'), taker: parseRequestDecimal(fees.taker, RATE_DP, 'fees.taker') };
}

export function deposit(core: EngineCore, account: AccountState, amount: bigint): void {
  core.changeCollateral(account, amount, 'DEPOSIT');
}

/** Only free collateral (account value - initial margin) can leave, and never more than the collateral. */
export function withdraw(core: EngineCore, account: AccountState, amount: bigint): void {
  const risk = accountRisk(account, core.marketOf);
  const free = risk.freeCollateral < account.collateral ? risk.freeCollateral : account.collateral;
  if (amount > free) {
    throw new InsufficientMarginError(`withdrawal exceeds the free collateral of account ${account.id}`, { venueCode: 'INSUFFICIENT_FREE_COLLATERAL' });
  }
  core.changeCollateral(account, -amount, 'WITHDRAW');
}

export function setLeverage(core: EngineCore, account: AccountState, ms: MarketState, leverage: number): void {
  const max = maxLeverage(ms.spec);
  if (!Number.isInteger(leverage) || leverage < 1 || leverage > max) {
    throw new RequestError(`leverage must be an integer from 1 to ${max} for ${ms.id} (got ${leverage})`, { venueCode: 'INVALID_LEVERAGE' });
  }
  const am = account.market(ms.id);
  am.leverage = leverage;
  core.positionChanged(account, ms, am);
}

/**
 * Reverse both fills of a trade: positions, realized PnL and fees are taken back (see
 * reverseFillOnPosition for the exactness note); the orders keep their filled sizes, as a venue
 * bust does not reopen orders. Emits fill_busted, position, balance and trade_busted.
 */
export function bustTrade(core: EngineCore, tradeId: string): FillRecord[] {
  const trade = core.tradeById(tradeId);
  if (trade === undefined) throw new RequestError(`trade ${tradeId} not found (or no longer retained)`, { venueCode: 'TRADE_NOT_FOUND' });
  if (trade.busted) throw new RequestError(`trade ${tradeId} is already busted`, { venueCode: 'TRADE_ALREADY_BUSTED' });
  const ms = core.marketById(trade.market);
  for (const fill of [trade.takerFill, trade.makerFill]) {
    const account = core.accountById(fill.account);
    const am = account.market(ms.id);
    const sizeBefore = am.position.size;
    const realizedBack = reverseFillOnPosition(am.position, fill);
    core.adjustOpenInterest(ms, sizeBefore, am.position.size);
    fill.busted = true;
    core.emitFillBusted(account, fill);
    core.positionChanged(account, ms, am);
    core.changeCollateral(account, realizedBack + fill.fee, 'BUST');
  }
  trade.busted = true;
  core.bus.emit(ms.tradeStream, 'trade_busted', core.now, () => ({ market: ms.id, trade: views.trade(trade) }));
  return [trade.takerFill, trade.makerFill];
}

export function findTradeOfFill(core: EngineCore, fillId: string): string {
  const fill = core.fillById(fillId);
  if (fill === undefined) throw new RequestError(`fill ${fillId} not found (or no longer retained)`, { venueCode: 'FILL_NOT_FOUND' });
  return fill.tradeId;
}
