/**
 * Order entry for AsterClient: validate and quantise (format.ts), arm the dead-man switch for the
 * symbol, send, parse. An order whose outcome is unknown (HTTP 503, a timeout after sending, a
 * dropped connection) is looked up by its client id before anything is reported, exactly as
 * ParadexClient does; if the venue does not show it yet the caller gets an error with outcome
 * 'unknown' and must not resend blindly.
 */
import { resolveUnknownOutcome } from '../../core/unknown-outcome.js';
import { isZero } from '../../core/decimal.js';
import { ExchangeError, InvalidOrderError, NotSupportedError, OrderNotFoundError } from '../../core/errors.js';
import type { ClientIdGenerator } from '../../core/ids.js';
import type { BatchItemResult, Market, Order, OrderAmendment, OrderRef, OrderRequest } from '../../core/types.js';
import type { AsterApiVersion } from './auth/types.js';
import type { Params } from './auth/wire-text.js';
import type { DeadManSwitch } from './dead-man-switch.js';
import type { FormatContext, Precision } from './format.js';
import { formatAmend, formatOrder } from './format.js';
import type { OrderIndex } from './order-index.js';
import { parseBatch } from './parse-batch.js';
import { parseOrder } from './parse-order.js';
import type { SymbolRules } from './parse-market.js';
import * as api from './rest/endpoints.js';

export interface OrderEntryDeps {
  readonly api: api.Api;
  readonly version: AsterApiVersion;
  readonly batchCreateMax: number;
  readonly precision: Precision;
  readonly workingType: 'MARK_PRICE' | 'CONTRACT_PRICE' | undefined;
  readonly clientIds: ClientIdGenerator;
  readonly index: OrderIndex;
  readonly deadMan: DeadManSwitch;
  readonly market: (symbol: string) => Market;
  readonly rules: (symbol: string) => SymbolRules | undefined;
  readonly markPrice: (symbol: string) => Promise<string>;
  readonly getOrder: (ref: OrderRef) => Promise<Order | undefined>;
}

interface Prepared {
  readonly params: Params;
  readonly clientOrderId: string;
  readonly symbol: string;
}

export class AsterOrderEntry {
  constructor(private readonly d: OrderEntryDeps) {}

  formatContext(symbol: string, referencePrice?: string): FormatContext {
    return { precision: this.d.precision, version: this.d.version, rules: this.d.rules(symbol), referencePrice, workingType: this.d.workingType };
  }

  async place(request: OrderRequest): Promise<Order> {
    const { params, clientOrderId, symbol } = await this.#prepare(request);
    await this.d.deadMan.cover(symbol);
    try {
      return this.d.index.remember(parseOrder(await api.postOrder(this.d.api, params)));
    } catch (error) {
      if (!(error instanceof ExchangeError) || error.outcome !== 'unknown') throw error;
      const resolved = await this.#resolveUnknown(clientOrderId, symbol, error);
      if (resolved.ok) return resolved.value;
      throw resolved.error;
    }
  }

  async placeBatch(requests: readonly OrderRequest[]): Promise<BatchItemResult<Order>[]> {
    const max = this.d.batchCreateMax;
    if (requests.length < 1 || requests.length > max) {
      throw new InvalidOrderError(`a batch holds 1 to ${max} orders (got ${requests.length})`, { field: 'requests', value: String(requests.length), rule: `1..${max}` });
    }
    // Validate every order first; only valid ones are sent, results keep the request order.
    const prepared = await Promise.all(requests.map((r) => this.#prepare(r).then((p) => ({ ok: true as const, p }), (error: Error) => ({ ok: false as const, error }))));
    const sent = prepared.flatMap((x) => (x.ok ? [x.p] : []));
    let results: BatchItemResult<Order>[] = [];
    if (sent.length > 0) {
      for (const symbol of new Set(sent.map((p) => p.symbol))) await this.d.deadMan.cover(symbol);
      try {
        results = parseBatch(await api.postBatchOrders(this.d.api, sent.map((p) => p.params)), sent.length, 'POST batchOrders');
        for (const r of results) if (r.ok) this.d.index.remember(r.value);
      } catch (error) {
        if (!(error instanceof ExchangeError) || error.outcome !== 'unknown') throw error;
        results = await Promise.all(sent.map((p) => this.#resolveUnknown(p.clientOrderId, p.symbol, error)));
      }
    }
    let next = 0;
    return prepared.map((x) => (x.ok ? (results[next++] as BatchItemResult<Order>) : { ok: false, error: x.error }));
  }

  async amend(ref: OrderRef, changes: OrderAmendment): Promise<Order> {
    if (this.d.version !== 'v3') throw new NotSupportedError('Aster V1 has no order amendment: cancel and place instead', { exchange: 'aster' });
    const existing = await this.d.getOrder(ref);
    if (!existing) throw new OrderNotFoundError(`no order ${'id' in ref ? ref.id : ref.clientOrderId}`, { exchange: 'aster' });
    const market = this.d.market(existing.market);
    const { quantity, price } = formatAmend(existing, changes, market, this.formatContext(market.symbol));
    return this.d.index.remember(parseOrder(await api.putOrder(this.d.api, market.symbol, { orderId: existing.id }, quantity, price)));
  }

  async #prepare(request: OrderRequest): Promise<Prepared> {
    const market = this.d.market(request.market);
    const clientOrderId = request.clientOrderId ?? this.d.clientIds.next();
    // MARKET orders have no price: the min-notional check needs the mark price.
    const needsMark = request.type === 'market' && request.reduceOnly !== true && !isZero(market.minNotional);
    const reference = needsMark ? await this.d.markPrice(market.symbol) : undefined;
    const { params } = formatOrder({ ...request, clientOrderId }, market, this.formatContext(market.symbol, reference));
    this.d.index.note(clientOrderId, market.symbol);
    this.d.index.traded.add(market.symbol);
    return { params, clientOrderId, symbol: market.symbol };
  }

  /** Asks the venue for the order by client id; an unknown outcome stays unknown if it has none. */
  #resolveUnknown(clientOrderId: string, symbol: string, cause: ExchangeError): Promise<BatchItemResult<Order>> {
    return resolveUnknownOutcome('aster', clientOrderId, cause, () => this.d.getOrder({ clientOrderId, market: symbol }));
  }
}
