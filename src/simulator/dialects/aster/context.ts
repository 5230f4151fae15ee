/**
 * Shared state of one Aster dialect instance: the engine and fault knobs it was given, its
 * settings, the credential stores, rate limits, listenKeys, the per-order wire details the engine
 * does not keep (Aster order type, workingType, ...), and the engine-event pipeline.
 *
 * The pipeline can hold engine events while an order call runs synchronously (submit, then risk
 * check and matching): an order the venue would have refused outright (margin, reduce-only,
 * min notional...) is answered with an error, hidden from queries, and its events never reach
 * the user stream.
 */
import type { EngineEvent, SimulatorEngine } from '../../engine/index.js';
import type { FaultInjector } from '../../faults.js';
import { Credentials } from './auth/credentials.js';
import { NonceBook } from './auth/v3-eip712.js';
import { autoClientOrderId } from './ids.js';
import { ListenKeys } from './listen-keys.js';
import { RateLimits } from './rate-limits.js';
import { DEFAULT_ASTER_SETTINGS, type AsterSettings } from './settings.js';
import { AsterSymbols } from './symbols.js';
import { StreamHub } from './ws/hub.js';

export type AsterOrderType = 'LIMIT' | 'MARKET' | 'STOP' | 'STOP_MARKET' | 'TAKE_PROFIT' | 'TAKE_PROFIT_MARKET' | 'TRAILING_STOP_MARKET';
export type AsterTimeInForce = 'GTC' | 'IOC' | 'FOK' | 'GTX';

/** What Aster reports about an order that the engine does not model. */
export interface OrderMeta {
  readonly type: AsterOrderType;
  readonly timeInForce: AsterTimeInForce;
  readonly workingType: 'MARK_PRICE' | 'CONTRACT_PRICE';
  readonly priceProtect: boolean;
  /** TRAILING_STOP_MARKET: the activation price given, or the mark at placement. */
  readonly activatePrice?: string;
}

export type EngineEventConsumer = (event: EngineEvent) => void;

/**
 * Orders whose wire details are remembered (oldest forgotten first). The engine itself keeps a
 * bounded history; an order older than this renders with details derived from the engine order.
 */
const REMEMBERED_ORDERS = 200_000;

export class AsterContext {
  settings: AsterSettings = DEFAULT_ASTER_SETTINGS;
  readonly symbols: AsterSymbols;
  readonly credentials = new Credentials();
  readonly nonces = new NonceBook();
  readonly rateLimits = new RateLimits(() => this.settings);
  readonly listenKeys = new ListenKeys();
  readonly hub: StreamHub;
  readonly orderMeta = new Map<string, OrderMeta>();
  /** Engine ids of orders answered with an error: invisible to every query and stream. */
  readonly hidden = new Set<string>();
  /** Engine ids being amended right now (their next order event is an AMENDMENT). */
  readonly amending = new Set<string>();
  readonly #consumers: EngineEventConsumer[] = [];
  #holdDepth = 0;
  #held: EngineEvent[] = [];
  #clientIdCounter = 0;

  constructor(
    readonly engine: SimulatorEngine,
    readonly faults: FaultInjector,
    readonly initialBalance: string,
  ) {
    this.symbols = new AsterSymbols(engine);
    this.hub = new StreamHub(faults);
  }

  now(): number {
    return this.engine.now();
  }

  /** Creates the account with `initialBalance` USDT on its first authenticated request. */
  ensureAccount(account: string): void {
    if (!this.engine.hasAccount(account)) this.engine.createAccount(account, { asset: 'USDT', collateral: this.initialBalance });
  }

  recordOrder(engineId: string, meta: OrderMeta): void {
    this.orderMeta.set(engineId, meta);
    if (this.orderMeta.size > REMEMBERED_ORDERS) this.orderMeta.delete(this.orderMeta.keys().next().value as string);
  }

  /** Marks an order the venue refused: invisible from now on. */
  hideOrder(engineId: string): void {
    this.hidden.add(engineId);
    if (this.hidden.size > REMEMBERED_ORDERS) this.hidden.delete(this.hidden.values().next().value as string);
  }

  nextClientOrderId(): string {
    return autoClientOrderId(++this.#clientIdCounter);
  }

  addConsumer(consumer: EngineEventConsumer): void {
    this.#consumers.push(consumer);
  }

  /** The engine subscription: events go to the consumers, or wait while a call holds them. */
  readonly onEngineEvent = (event: EngineEvent): void => {
    if (this.#holdDepth > 0) this.#held.push(event);
    else this.#dispatch(event);
  };

  /** Runs `fn` with engine events held; afterwards delivers those not belonging to hidden orders. */
  holdEvents<T>(fn: () => T): T {
    this.#holdDepth++;
    try {
      return fn();
    } finally {
      this.#holdDepth--;
      if (this.#holdDepth === 0) {
        const events = this.#held;
        this.#held = [];
        for (const event of events) if (!this.#isHidden(event)) this.#dispatch(event);
      }
    }
  }

  #isHidden(event: EngineEvent): boolean {
    if (this.hidden.size === 0) return false;
    if (event.type === 'order') return this.hidden.has(event.order.id);
    if (event.type === 'fill') return this.hidden.has(event.fill.orderId);
    return false;
  }

  #dispatch(event: EngineEvent): void {
    for (const consumer of this.#consumers) consumer(event);
  }
}
