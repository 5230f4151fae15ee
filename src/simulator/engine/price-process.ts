/**
 * Index and mark prices. Each step, the index of every market moves by a whole number of ticks
 * drawn from an (approximately) normal distribution with standard deviation
 * index x volatility x volatilityScale, and the mark moves by the same amount, so the premium
 * (mark - index) stays what setMarkPrice/setIndexPrice last made it (0 by default). Each step
 * also samples the premium for the next funding rate.
 *
 * After a market's prices move: mark_price event, market maker requote, trigger evaluation.
 */
import type { EngineCore } from './core.js';
import { divRound, fmtPrice, PRICE_DP, RATE_ONE, pow10 } from './fixed.js';
import { requote } from './market-maker.js';
import { evaluateTriggers } from './order-flow.js';
import type { Prng } from './prng.js';
import type { MarketState } from './state.js';

const PRICE_UNIT = Number(pow10(PRICE_DP));

export function stepPrices(core: EngineCore, prng: Prng, volatilityScale: number): void {
  for (const ms of core.marketList) {
    const sigma = ms.spec.volatility * volatilityScale;
    if (sigma > 0) {
      // Floats only choose how many ticks to move; the price itself stays an exact bigint.
      const sigmaTicks = ((Number(ms.index) / PRICE_UNIT) * sigma) / (Number(ms.spec.tick) / PRICE_UNIT);
      const ticks = Math.round(prng.nextGaussian() * sigmaTicks);
      if (ticks !== 0) {
        const delta = BigInt(ticks) * ms.spec.tick;
        movePrices(core, ms, clampPrice(ms, ms.mark + delta), clampPrice(ms, ms.index + delta));
      }
    }
    samplePremium(ms);
  }
}

/** Set both prices and run what follows a move (event, requote, triggers). */
export function movePrices(core: EngineCore, ms: MarketState, mark: bigint, index: bigint): void {
  if (mark === ms.mark && index === ms.index) return;
  ms.setPrices(mark, index);
  core.bus.emit(ms.markStream, 'mark_price', core.now, () => ({ market: ms.id, markPrice: fmtPrice(mark), indexPrice: fmtPrice(index) }));
  requote(core, ms);
  core.finish();
  evaluateTriggers(core, ms);
}

/** (mark - index) / index at 18 dp. */
export function currentPremium(ms: MarketState): bigint {
  return divRound((ms.mark - ms.index) * RATE_ONE, ms.index, 'half_even');
}

function samplePremium(ms: MarketState): void {
  ms.premiumSum += currentPremium(ms);
  ms.premiumSamples++;
}

/** Prices never fall below one tick. */
function clampPrice(ms: MarketState, price: bigint): bigint {
  return price < ms.spec.tick ? ms.spec.tick : price;
}
