/**
 * Funding, settled at the end of every funding period (multiples of the period since the epoch).
 *
 *   rate    = override (setFundingRate) or clamp(average premium over the period, +/- max_funding_rate)
 *             where premium = (mark - index) / index, sampled at every price step
 *             (the current premium when no step happened in the period)
 *   payment = -position size x mark x rate, rounded half-even to settlementDecimals
 *             (positive rate: longs pay, shorts receive)
 *   index  += mark x rate (cumulative funding per unit of size, 16 dp)
 *
 * Payments go straight to collateral (a simplification of Paradex's continuous funding, which
 * accrues into unrealized funding PnL); each is recorded and published.
 */
import { pushBounded, type FundingPaymentRecord } from './accounts.js';
import type { EngineCore } from './core.js';
import { divRound, MONEY_DP, PRICE_DP, pow10, RATE_DP, SIZE_DP } from './fixed.js';
import { currentPremium } from './price-process.js';
import type { FundingRateRecord, MarketState } from './state.js';
import * as views from './views.js';

/** The rate a settlement would apply right now. */
export function pendingFundingRate(ms: MarketState): { rate: bigint; premium: bigint } {
  const premium = ms.premiumSamples > 0 ? divRound(ms.premiumSum, BigInt(ms.premiumSamples), 'half_even') : currentPremium(ms);
  if (ms.fundingRateOverride !== undefined) return { rate: ms.fundingRateOverride, premium };
  const cap = ms.spec.maxFundingRate;
  const rate = premium > cap ? cap : premium < -cap ? -cap : premium;
  return { rate, premium };
}

export function settleFunding(core: EngineCore, ms: MarketState): void {
  const { rate, premium } = pendingFundingRate(ms);
  ms.premiumSum = 0n;
  ms.premiumSamples = 0;
  const mark = ms.mark;
  ms.fundingIndex += divRound(mark * rate, pow10(PRICE_DP + RATE_DP - MONEY_DP), 'half_even');
  const record: FundingRateRecord = { rate, premium, mark, index: ms.index, fundingIndex: ms.fundingIndex, createdAt: core.now };
  pushBounded(ms.fundingHistory, record, 1000);
  core.bus.emit(ms.fundingStream, 'funding_rate', core.now, () => ({ market: ms.id, funding: views.fundingRate(ms, record) }));

  const decimals = Math.min(core.settings.settlementDecimals, MONEY_DP);
  const rawScale = SIZE_DP + PRICE_DP + RATE_DP; // size x mark x rate
  for (const account of core.accounts.values()) {
    const am = account.markets.get(ms.id);
    if (am === undefined || am.position.size === 0n) continue;
    const size = am.position.size;
    const payment = divRound(-size * mark * rate, pow10(rawScale - decimals), 'half_even') * pow10(MONEY_DP - decimals);
    am.position.fundingPnl += payment;
    core.changeCollateral(account, payment, 'FUNDING');
    const paymentRecord: FundingPaymentRecord = {
      id: core.nextPaymentId(),
      account: account.id,
      market: ms.id,
      payment,
      rate,
      positionSize: size,
      mark,
      fundingIndex: ms.fundingIndex,
      createdAt: core.now,
    };
    core.recordFundingPayment(account, paymentRecord);
    core.positionChanged(account, ms, am);
  }
  core.finish();
}
