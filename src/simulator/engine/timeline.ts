/**
 * Engine time and the work that falls due as it passes. Engine time = clock.now() scaled by
 * `speed` around the engine's start, plus everything passed to advance(). catchUp() runs, in time
 * order, every price step and funding settlement due up to that time, each at its own timestamp,
 * so the outcome does not depend on how often the engine is polled.
 */
import type { Clock } from '../../core/clock.js';
import type { EngineCore } from './core.js';
import { settleFunding } from './funding.js';
import { stepPrices } from './price-process.js';
import type { Prng } from './prng.js';

/** Price steps older than this many intervals are skipped when the clock jumps far ahead. */
const MAX_CATCH_UP_STEPS = 10_000;

export interface TimelineSettings {
  readonly clock: Clock;
  readonly speed: number;
  readonly priceEnabled: boolean;
  readonly priceIntervalMs: number;
  readonly volatilityScale: number;
}

export class Timeline {
  private readonly origin: number;
  private offset = 0;
  private nextPriceStepAt: number;

  constructor(
    private readonly settings: TimelineSettings,
    private readonly prng: Prng,
  ) {
    this.origin = settings.clock.now();
    this.nextPriceStepAt = this.origin + settings.priceIntervalMs;
  }

  get start(): number {
    return this.origin;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a non-negative number (got ${ms})`);
    this.offset += ms;
  }

  target(): number {
    return this.origin + Math.floor((this.settings.clock.now() - this.origin) * this.settings.speed) + this.offset;
  }

  catchUp(core: EngineCore): void {
    const target = this.target();
    if (target <= core.now) return; // engine time never goes backwards
    const { priceEnabled, priceIntervalMs: interval, volatilityScale } = this.settings;
    if (priceEnabled && target - this.nextPriceStepAt > MAX_CATCH_UP_STEPS * interval) {
      this.nextPriceStepAt += (Math.floor((target - this.nextPriceStepAt) / interval) - MAX_CATCH_UP_STEPS) * interval;
    }
    for (;;) {
      let next = priceEnabled ? this.nextPriceStepAt : Number.POSITIVE_INFINITY;
      for (const ms of core.marketList) if (ms.nextFundingAt < next) next = ms.nextFundingAt;
      if (next > target) break;
      core.now = next;
      if (priceEnabled && this.nextPriceStepAt === next) {
        stepPrices(core, this.prng, volatilityScale);
        this.nextPriceStepAt += interval;
      }
      for (const ms of core.marketList) {
        if (ms.nextFundingAt === next) {
          settleFunding(core, ms);
          ms.nextFundingAt += ms.fundingPeriodMs;
        }
      }
      core.finish();
    }
    core.now = target;
  }
}
