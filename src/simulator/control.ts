/**
 * SimulatorControl: the steering wheel of a running simulator, for tests (in process) and for
 * external tools (the same operations over HTTP, see control-http.ts). Every fault it arms is
 * recorded in `faultLog()` when it fires.
 */
import { add, decimalPlaces, div, mul, quantize } from '../core/decimal.js';
import type { Dialect } from './dialect.js';
import type { EngineAccountSummary, EngineFill, EngineMarketSummary, SimulatorEngine } from './engine/index.js';
import type { FaultInjector, FaultLogEntry, HttpFaultEffect, FaultTiming, RequestMatcher } from './faults.js';

export class SimulatorControl {
  readonly engine: SimulatorEngine;
  readonly #faults: FaultInjector;
  readonly #dialect: Dialect;

  constructor(engine: SimulatorEngine, faults: FaultInjector, dialect: Dialect) {
    this.engine = engine;
    this.#faults = faults;
    this.#dialect = dialect;
  }

  /** Engine time in ms. */
  now(): number {
    return this.engine.now();
  }

  /** Moves engine time forward: price steps, funding and triggers that fall due run now. */
  advance(ms: number): void {
    this.engine.advance(ms);
    this.engine.processPending();
  }

  setMarkPrice(market: string, markPrice: string, indexPrice?: string): EngineMarketSummary {
    const summary = this.engine.setMarkPrice(market, markPrice, indexPrice);
    this.engine.processPending();
    return summary;
  }

  /** Moves the mark price by `percent` (e.g. "-2.5"), exact to the market's tick. */
  movePrice(market: string, percent: string): EngineMarketSummary {
    const summary = this.engine.marketSummary(market);
    const tick = this.engine.market(market).tickSize;
    const next = scaleToTick(summary.markPrice, percent, tick);
    return this.setMarkPrice(market, next);
  }

  /** Credits collateral to an existing account (a faucet); accounts come into being through the venue (onboarding, first request). */
  fund(account: string, amount: string): EngineAccountSummary {
    return this.engine.fund(account, amount);
  }

  bustFill(fillId: string): readonly EngineFill[] {
    const busted = this.engine.bustFill(fillId);
    this.#faults.record('bust_fill', fillId);
    return busted;
  }

  // ---- faults ----

  dropConnections(): number {
    return this.#faults.dropConnections();
  }

  stallTopic(topic: string, frames?: number): void {
    this.#faults.stallTopic(topic, frames);
  }

  resumeTopic(topic: string): void {
    this.#faults.resumeTopic(topic);
  }

  sequenceGap(topic: string, gaps = 1): void {
    this.#faults.sequenceGap(topic, gaps);
  }

  duplicateNext(topic: string, frames = 1): void {
    this.#faults.duplicateNext(topic, frames);
  }

  reorderNext(topic: string, pairs = 1): void {
    this.#faults.reorderNext(topic, pairs);
  }

  /** Fails the next request matching `match` with a status or a hang, before or after the venue acts. */
  failNext(match: RequestMatcher, effect: HttpFaultEffect, when: FaultTiming = 'before', times = 1): void {
    this.#faults.failNext({ match, effect, when }, times);
  }

  rateLimitBurst(count: number, retryAfterMs = 1000): void {
    this.#faults.rateLimitBurst(count, retryAfterMs);
  }

  expireTokens(): number {
    const expired = this.#dialect.expireTokens();
    this.#faults.record('expire_tokens', `${expired} token(s)`);
    return expired;
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  faultLog(): readonly FaultLogEntry[] {
    return this.#faults.log;
  }

  faultCount(fault: string): number {
    return this.#faults.count(fault);
  }
}

/** price x (1 + percent/100), rounded half-up to the market's tick, exact. */
function scaleToTick(price: string, percent: string, tick: string): string {
  const factor = add('1', div(percent, '100', decimalPlaces(percent) + 2));
  return quantize(mul(price, factor), tick, 'half_up');
}
