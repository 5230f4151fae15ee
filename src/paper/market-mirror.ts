/**
 * Mirrors a real venue's prices into the simulator engine, so paper fills follow the live market:
 * each BBO from the market-data client sets the engine's mark to the mid (on the engine's tick
 * grid); the engine's market maker then requotes around it, market orders walk that book and
 * resting limit orders fill when the quotes cross them. Streams the BBO where the client can,
 * polls getBBO otherwise.
 */
import { add, div, quantize } from '../core/decimal.js';
import type { ExchangeClient } from '../core/exchange-client.js';
import type { BBO } from '../core/types.js';
import type { SimulatorEngine } from '../simulator/engine/index.js';

export interface MarketMirrorOptions {
  readonly source: ExchangeClient;
  readonly engine: SimulatorEngine;
  /** Poll interval when the source cannot stream (default 1000 ms). */
  readonly pollIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
}

export class MarketMirror {
  readonly #source: ExchangeClient;
  readonly #engine: SimulatorEngine;
  readonly #pollMs: number;
  readonly #onError: (error: unknown) => void;
  #markets: string[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;
  #unsubscribe: (() => void) | undefined;
  /** BBOs applied (for tests and the dashboard). */
  applied = 0;

  constructor(options: MarketMirrorOptions) {
    this.#source = options.source;
    this.#engine = options.engine;
    this.#pollMs = options.pollIntervalMs ?? 1000;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Start mirroring the source markets the engine also lists (by id or alias). */
  async start(markets: readonly string[]): Promise<void> {
    this.#markets = markets.filter((m) => this.#engineKnows(m));
    if (this.#source.capabilities.streaming) {
      this.#unsubscribe = this.#source.onEvent((e) => {
        if (e.type === 'bbo') this.apply(e.bbo);
      });
      for (const market of this.#markets) await this.#source.subscribe({ channel: 'bbo', market });
    } else {
      await this.poll();
      this.#timer = setInterval(() => void this.poll(), this.#pollMs);
      this.#timer.unref();
    }
  }

  /** Read every mirrored market's BBO once. */
  async poll(): Promise<void> {
    for (const market of this.#markets) {
      try {
        this.apply(await this.#source.getBBO(market));
      } catch (error) {
        this.#onError(error);
      }
    }
  }

  /** Move the engine's mark to this BBO's mid. Returns false when the BBO is one-sided or unknown. */
  apply(bbo: BBO): boolean {
    if (bbo.bid === undefined || bbo.ask === undefined || !this.#engineKnows(bbo.market)) return false;
    const tick = this.#engine.market(bbo.market).tickSize;
    const mid = quantize(div(add(bbo.bid, bbo.ask), '2', 18, 'half_even'), tick, 'half_even');
    try {
      this.#engine.setMarkPrice(bbo.market, mid);
      this.applied++;
      return true;
    } catch (error) {
      this.#onError(error);
      return false;
    }
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #engineKnows(market: string): boolean {
    try {
      this.#engine.market(market);
      return true;
    } catch {
      return false;
    }
  }
}
