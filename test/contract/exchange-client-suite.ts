/**
 * One ExchangeClient contract, run unchanged against every client on its own simulator
 * (paradex.contract.test.ts, aster.contract.test.ts). Venue differences are declared by the
 * client's capability table; the suite never asks which venue it is talking to. The harness only
 * supplies what a test needs to steer the venue: the simulator handle, a market, the order-entry
 * path (to aim a fault at) and a way to build a differently configured client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { add, compare, div, mul, quantize, sub } from '../../src/core/decimal.js';
import { DuplicateClientOrderIdError, InvalidOrderError, RateLimitError } from '../../src/core/errors.js';
import type { ExchangeClient, ExchangeEvent } from '../../src/core/exchange-client.js';
import type { Market, Order, OrderRef, OrderRequest } from '../../src/core/types.js';
import type { SimulatorHandle } from '../../src/simulator/server.js';

export interface ContractVenue {
  readonly sim: SimulatorHandle;
  /** A connected client on the simulator. */
  readonly client: ExchangeClient;
  /** The market the suite trades (a perpetual with a two-sided book). */
  readonly market: string;
  /** Matches the venue's order-entry path, so a fault can be aimed at order submission only. */
  readonly orderPath: RegExp;
  /** The engine account id behind `client` (for direct engine checks). */
  readonly engineAccount: string;
  /** A second client on the same simulator with other settings (same account). */
  connectClient(settings: ClientSettings): Promise<ExchangeClient>;
  close(): Promise<void>;
}

export type ClientSettings = { precision?: 'round' | 'reject'; timeoutMs?: number };

/** Builds the ContractVenue for clients made by `build` on a running simulator. */
export async function simulatorVenue<C extends ExchangeClient>(options: {
  sim: SimulatorHandle;
  market: string;
  orderPath: RegExp;
  build: (settings: ClientSettings) => C;
  engineAccountOf: (client: C) => string;
}): Promise<ContractVenue> {
  const clients: C[] = [];
  const connectClient = async (settings: ClientSettings = {}) => {
    const client = options.build(settings);
    clients.push(client);
    await client.connect();
    return client;
  };
  const client = await connectClient();
  return {
    sim: options.sim,
    client,
    market: options.market,
    orderPath: options.orderPath,
    engineAccount: options.engineAccountOf(client),
    connectClient,
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await options.sim.close();
    },
  };
}

const FINAL = new Set(['filled', 'canceled', 'rejected', 'expired']);

export function exchangeClientContract(name: string, start: () => Promise<ContractVenue>): void {
  describe(`ExchangeClient contract: ${name}`, () => {
    let venue: ContractVenue;
    let client: ExchangeClient;
    let market: Market;
    let mark: string;
    const events: ExchangeEvent[] = [];

    beforeAll(async () => {
      venue = await start();
      client = venue.client;
      client.onEvent((event) => events.push(event));
      market = client.market(venue.market);
      mark = venue.sim.engine.marketSummary(venue.market).markPrice;
    });
    afterAll(async () => {
      await venue?.close();
    });

    const size = () => minimumSize(market, mark);
    const far = (side: 'buy' | 'sell') => quantize(mul(mark, side === 'buy' ? '0.9' : '1.1'), market.tickSize, side === 'buy' ? 'down' : 'up');

    it('loads markets with exact tick, step and minimum notional', async () => {
      const markets = await client.loadMarkets();
      const found = markets.find((m) => m.symbol === venue.market);
      expect(found).toBeDefined();
      expect(compare(found!.tickSize, '0')).toBe(1);
      expect(compare(found!.stepSize, '0')).toBe(1);
      expect(found!.exchange).toBe(client.exchange);
    });

    it('places a resting GTC limit order and cancels it', async () => {
      const placed = await client.placeOrder({ market: venue.market, side: 'buy', type: 'limit', size: size(), price: far('buy') });
      const open = await settle(client, ref(placed), (o) => o.status === 'open');
      expect(open.remainingSize).toBe(size());
      await client.cancelOrder(ref(open));
      const canceled = await settle(client, ref(open), (o) => FINAL.has(o.status));
      expect(canceled.status).toBe('canceled');
      expect((await client.getOpenOrders(venue.market)).some((o) => o.id === open.id)).toBe(false);
    });

    it('fills a market order and reports the position the venue holds', async () => {
      const placed = await client.placeOrder({ market: venue.market, side: 'buy', type: 'market', size: size() });
      const filled = await settle(client, ref(placed), (o) => FINAL.has(o.status));
      expect(filled.status).toBe('filled');
      expect(filled.filledSize).toBe(size());
      const position = (await client.getPositions()).find((p) => p.market === venue.market);
      const engine = venue.sim.engine.position(venue.engineAccount, venue.market);
      expect(position?.signedSize).toBe(engine.size);
      await flatten(client, venue.market);
    });

    it('places each common trigger order type the capability table declares, resting untriggered', async () => {
      const triggers: OrderRequest[] = [
        { market: venue.market, side: 'sell', type: 'stop_market', size: size(), triggerPrice: far('buy'), reduceOnly: false },
        { market: venue.market, side: 'sell', type: 'take_profit_market', size: size(), triggerPrice: far('sell'), reduceOnly: false },
      ];
      for (const request of triggers.filter((r) => client.capabilities.orderTypes.includes(r.type))) {
        const placed = await client.placeOrder(request);
        const resting = await settle(client, ref(placed), (o) => o.status !== 'new' && o.status !== 'pending_submit');
        expect(['untriggered', 'open']).toContain(resting.status);
        await client.cancelOrder(ref(resting));
        await settle(client, ref(resting), (o) => FINAL.has(o.status));
      }
    });

    it('reports a partial fill as order and fill events in order', async () => {
      await client.subscribe({ channel: 'orders', market: venue.market });
      await client.subscribe({ channel: 'fills', market: venue.market });
      const twice = add(size(), size());
      // Our order must be the best ask, so the counterparty's buy meets it before the market maker.
      const bbo = await client.getBBO(venue.market);
      const price = sub(bbo.ask!, market.tickSize);
      expect(compare(price, bbo.bid!)).toBe(1);
      const placed = await client.placeOrder({ market: venue.market, side: 'sell', type: 'limit', size: twice, price, timeInForce: 'post_only' });
      const open = await settle(client, ref(placed), (o) => o.status === 'open');
      const from = events.length;
      // A counterparty takes half of it directly on the engine.
      venue.sim.engine.ensureAccount('contract-taker', { collateral: '10000000' });
      venue.sim.engine.submit({ account: 'contract-taker', market: venue.market, side: 'BUY', type: 'LIMIT', size: size(), price, timeInForce: 'IOC' });
      venue.sim.engine.processPending();
      await waitFor(() => events.slice(from).some((e) => e.type === 'fill' && e.fill.orderId === open.id));
      const partial = await settle(client, ref(open), (o) => o.status === 'partially_filled' || compare(o.filledSize, '0') > 0);
      expect(partial.filledSize).toBe(size());
      const ours = events.slice(from).filter((e) => (e.type === 'fill' && e.fill.orderId === open.id) || (e.type === 'order' && e.order.id === open.id));
      const fills = ours.filter((e) => e.type === 'fill');
      expect(fills).toHaveLength(1);
      expect(fills[0]!.type === 'fill' && fills[0]!.fill.size).toBe(size());
      await waitFor(() => events.slice(from).some((e) => e.type === 'order' && e.order.id === open.id && e.order.filledSize === size()));
      // Order updates never go backwards: filled size only grows, in the order the events arrived.
      const filledSizes = events.slice(from).flatMap((e) => (e.type === 'order' && e.order.id === open.id ? [e.order.filledSize] : []));
      for (let i = 1; i < filledSizes.length; i++) expect(compare(filledSizes[i]!, filledSizes[i - 1]!)).toBeGreaterThanOrEqual(0);
      await client.cancelOrder(ref(open));
      await settle(client, ref(open), (o) => FINAL.has(o.status));
      await flatten(client, venue.market);
    });

    it('refuses a duplicate client order id among open orders', async () => {
      const clientOrderId = `contract-dup-${Date.now()}`;
      const first = await client.placeOrder({ market: venue.market, side: 'buy', type: 'limit', size: size(), price: far('buy'), clientOrderId });
      await settle(client, ref(first), (o) => o.status === 'open');
      const second = client.placeOrder({ market: venue.market, side: 'buy', type: 'limit', size: size(), price: far('buy'), clientOrderId });
      await expect(second).rejects.toBeInstanceOf(DuplicateClientOrderIdError);
      await client.cancelOrder(ref(first));
      await settle(client, ref(first), (o) => FINAL.has(o.status));
    });

    it('never lets a reduce-only order open a position', async () => {
      await flatten(client, venue.market);
      const attempt = async () => {
        const placed = await client.placeOrder({ market: venue.market, side: 'buy', type: 'market', size: size(), reduceOnly: true });
        return settle(client, ref(placed), (o) => FINAL.has(o.status));
      };
      if (client.capabilities.asyncRiskCheck) {
        // The venue accepts first and closes the order after its check.
        const closed: Order | Error = await attempt().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
        if (closed instanceof Error) expect(closed).toBeInstanceOf(InvalidOrderError);
        else expect(['canceled', 'rejected', 'expired']).toContain(closed.status);
      } else {
        await expect(attempt()).rejects.toBeInstanceOf(InvalidOrderError);
      }
      expect((await client.getPositions()).some((p) => p.market === venue.market)).toBe(false);
    });

    it('rejects an off-tick price before anything is sent when precision is "reject"', async () => {
      const strict = await venue.connectClient({ precision: 'reject' });
      try {
        venue.sim.control.failNext({ path: venue.orderPath }, { kind: 'status', status: 500 }, 'before');
        const offTick = add(far('buy'), div(market.tickSize, '3', 12, 'down'));
        const error = await strict.placeOrder({ market: venue.market, side: 'buy', type: 'limit', size: size(), price: offTick }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidOrderError);
        expect((error as InvalidOrderError).field).toBe('price');
        // The armed fault is still waiting: the order never reached the venue.
        expect(venue.sim.control.faultCount('http_status')).toBe(0);
      } finally {
        venue.sim.control.clearFaults();
        await strict.close();
      }
    });

    it('surfaces the venue rate limit as a RateLimitError with a retry delay', async () => {
      venue.sim.control.rateLimitBurst(1, 1500);
      const error = await client.getOpenOrders(venue.market).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
      expect(venue.sim.control.faultCount('rate_limit')).toBe(1);
    });

    it('resolves a submit that timed out after the venue accepted it: exactly one order exists', async () => {
      const impatient = await venue.connectClient({ timeoutMs: 400 });
      try {
        const clientOrderId = `contract-timeout-${Date.now()}`;
        venue.sim.control.failNext({ method: 'POST', path: venue.orderPath }, { kind: 'timeout' }, 'after');
        const result = await impatient.placeOrder({ market: venue.market, side: 'buy', type: 'limit', size: size(), price: far('buy'), clientOrderId });
        expect(result.clientOrderId).toBe(clientOrderId);
        expect(venue.sim.control.faultCount('http_timeout')).toBe(1);
        const open = await settle(client, { clientOrderId, market: venue.market }, (o) => o.status === 'open');
        const same = venue.sim.engine.openOrders(venue.engineAccount, venue.market).filter((o) => o.clientId === clientOrderId);
        expect(same).toHaveLength(1);
        await client.cancelOrder(ref(open));
        await settle(client, ref(open), (o) => FINAL.has(o.status));
      } finally {
        await impatient.close();
      }
    });

    it('loses nothing across a disconnect: reconnected, and a fill made meanwhile is delivered once', async () => {
      await client.subscribe({ channel: 'fills', market: venue.market });
      const from = events.length;
      venue.sim.control.dropConnections();
      const placed = await client.placeOrder({ market: venue.market, side: 'buy', type: 'market', size: size() });
      const filled = await settle(client, ref(placed), (o) => FINAL.has(o.status));
      expect(filled.status).toBe('filled');
      await waitFor(() => events.slice(from).some((e) => e.type === 'connection' && e.state === 'reconnected'));
      await waitFor(() => events.slice(from).some((e) => e.type === 'fill' && e.fill.orderId === filled.id));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const fillEvents = events.slice(from).filter((e) => e.type === 'fill' && e.fill.orderId === filled.id);
      const venueFills = (await client.getFills({ market: venue.market })).filter((f) => f.orderId === filled.id);
      expect(venueFills.length).toBeGreaterThan(0);
      expect(fillEvents).toHaveLength(venueFills.length);
      await flatten(client, venue.market);
    });
  });
}

function minimumSize(market: Market, price: string): string {
  const target = mul(compare(market.minNotional, '0') > 0 ? market.minNotional : '10', '1.5');
  const size = quantize(div(target, price, 18, 'ceil'), market.stepSize, 'up');
  return compare(size, market.stepSize) < 0 ? market.stepSize : size;
}

function ref(order: Order): OrderRef {
  return { id: order.id, market: order.market };
}

async function flatten(client: ExchangeClient, market: string): Promise<void> {
  const position = (await client.getPositions()).find((p) => p.market === market);
  if (!position) return;
  const placed = await client.placeOrder({ market, side: position.side === 'long' ? 'sell' : 'buy', type: 'market', size: position.size, reduceOnly: true });
  await settle(client, ref(placed), (o) => FINAL.has(o.status));
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function settle(client: ExchangeClient, orderRef: OrderRef, done: (order: Order) => boolean, timeoutMs = 10_000): Promise<Order> {
  const deadline = Date.now() + timeoutMs;
  let last: Order | undefined;
  for (;;) {
    last = await client.getOrder(orderRef);
    if (last && done(last)) return last;
    if (Date.now() > deadline) throw new Error(`order did not settle in time (last status ${last?.status ?? 'unknown to the venue'})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
