/**
 * The in-memory account behind the Aster test server: orders, fills, positions, balance, in the
 * venue's wire shapes, and the user-stream events each change produces. No matching engine: LIMIT
 * and stop orders rest until a test fills them (`fill`), MARKET orders fill at once at the mark
 * price. Money arithmetic uses the project's exact decimals.
 */
import { abs, add, div, gt, isZero, mul, neg, sign, sub } from '../../src/core/decimal.js';

export interface VenueOrder extends Record<string, unknown> {
  orderId: number;
  symbol: string;
  status: string;
  clientOrderId: string;
  price: string;
  avgPrice: string;
  origQty: string;
  executedQty: string;
  cumQuote: string;
  timeInForce: string;
  type: string;
  origType: string;
  side: 'BUY' | 'SELL';
  positionSide: 'BOTH';
  stopPrice: string;
  reduceOnly: boolean;
  closePosition: boolean;
  workingType: string;
  priceProtect: boolean;
  time: number;
  updateTime: number;
}

export interface VenueTrade extends Record<string, unknown> {
  id: number;
  orderId: number;
  symbol: string;
  side: 'BUY' | 'SELL';
  price: string;
  qty: string;
  quoteQty: string;
  commission: string;
  commissionAsset: string;
  realizedPnl: string;
  maker: boolean;
  buyer: boolean;
  positionSide: 'BOTH';
  time: number;
}

export type Rejection = { status: number; body: { code: number; msg: string } };

const reject = (code: number, msg: string, status = 400): Rejection => ({ status, body: { code, msg } });

export class TestVenue {
  readonly orders = new Map<number, VenueOrder>();
  readonly trades: VenueTrade[] = [];
  readonly positions = new Map<string, { amt: string; entry: string; realized: string }>();
  readonly marks: Record<string, string> = { BTCUSDT: '65000', DOGEUSDT: '0.1' };
  readonly countdowns = new Map<string, number>();
  readonly leverage = new Map<string, number>();
  wallet = '10000';
  now: () => number = () => Date.now();
  /** Every user-stream event, in the order the venue produced it. */
  onUserEvent: (event: Record<string, unknown>) => void = () => undefined;
  #nextOrderId = 5_000_000_000;
  #nextTradeId = 900_000;

  constructor(readonly symbols: ReadonlySet<string>) {}

  place(p: ReadonlyMap<string, string>): { ok: true; order: VenueOrder } | { ok: false; rejection: Rejection } {
    const symbol = p.get('symbol') ?? '';
    if (!this.symbols.has(symbol)) return { ok: false, rejection: reject(-1121, 'Invalid symbol.') };
    const type = p.get('type') ?? '';
    const side = p.get('side');
    if (side !== 'BUY' && side !== 'SELL') return { ok: false, rejection: reject(-1117, 'Invalid side.') };
    const closePosition = p.get('closePosition') === 'true';
    const quantity = p.get('quantity');
    if (!closePosition && quantity === undefined) return { ok: false, rejection: reject(-1102, "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed.") };
    const clientOrderId = p.get('newClientOrderId') ?? `auto-${this.#nextOrderId}`;
    for (const o of this.orders.values()) {
      if (o.clientOrderId === clientOrderId && (o.status === 'NEW' || o.status === 'PARTIALLY_FILLED')) return { ok: false, rejection: reject(-4116, 'ClientOrderId is duplicated.') };
    }
    const reduceOnly = p.get('reduceOnly') === 'true';
    if (reduceOnly && isZero(this.positions.get(symbol)?.amt ?? '0')) return { ok: false, rejection: reject(-2022, 'ReduceOnly Order is rejected.') };
    const t = this.now();
    const order: VenueOrder = {
      orderId: this.#nextOrderId++,
      symbol,
      status: 'NEW',
      clientOrderId,
      price: p.get('price') ?? '0',
      avgPrice: '0.00000',
      origQty: quantity ?? '0',
      executedQty: '0',
      cumQuote: '0',
      timeInForce: p.get('timeInForce') ?? 'GTC',
      type,
      origType: type,
      side,
      positionSide: 'BOTH',
      stopPrice: p.get('stopPrice') ?? '0',
      reduceOnly,
      closePosition,
      workingType: p.get('workingType') ?? 'CONTRACT_PRICE',
      priceProtect: false,
      time: t,
      updateTime: t,
      ...(p.has('activationPrice') ? { activatePrice: p.get('activationPrice') } : {}),
      ...(p.has('callbackRate') ? { priceRate: p.get('callbackRate') } : {}),
    };
    this.orders.set(order.orderId, order);
    this.#orderEvent(order, 'NEW');
    if (type === 'MARKET') this.fill(order.orderId, order.origQty, this.marks[symbol] ?? '1', false);
    return { ok: true, order };
  }

  find(symbol: string, p: ReadonlyMap<string, string>): VenueOrder | undefined {
    const id = p.get('orderId');
    const cid = p.get('origClientOrderId');
    for (const o of this.orders.values()) {
      if (o.symbol !== symbol) continue;
      if (id !== undefined && String(o.orderId) === id) return o;
      if (cid !== undefined && o.clientOrderId === cid) return o;
    }
    return undefined;
  }

  cancel(order: VenueOrder): VenueOrder {
    order.status = 'CANCELED';
    order.updateTime = this.now();
    this.#orderEvent(order, 'CANCELED');
    return order;
  }

  isOpen(order: VenueOrder): boolean {
    return order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
  }

  /** Fills `qty` of an order at `price`: order, trade, position and wallet change; events out. */
  fill(orderId: number, qty: string, price: string, maker = true): VenueTrade {
    const order = this.orders.get(orderId);
    if (order === undefined) throw new Error(`no order ${orderId}`);
    const t = this.now();
    const executed = add(order.executedQty, qty);
    order.executedQty = executed;
    order.cumQuote = add(order.cumQuote, mul(qty, price));
    order.avgPrice = div(order.cumQuote, executed, 8);
    order.status = gt(order.origQty, executed) ? 'PARTIALLY_FILLED' : 'FILLED';
    order.updateTime = t;
    const signed = order.side === 'BUY' ? qty : neg(qty);
    const position = this.positions.get(order.symbol) ?? { amt: '0', entry: '0', realized: '0' };
    const before = position.amt;
    position.amt = add(before, signed);
    if (isZero(before) || sign(before) === sign(signed)) position.entry = price;
    if (isZero(position.amt)) position.entry = '0';
    this.positions.set(order.symbol, position);
    const commission = mul(mul(qty, price), maker ? '0.0001' : '0.00035');
    this.wallet = sub(this.wallet, commission);
    const trade: VenueTrade = {
      id: this.#nextTradeId++,
      orderId,
      symbol: order.symbol,
      side: order.side,
      price,
      qty,
      quoteQty: mul(qty, price),
      commission,
      commissionAsset: 'USDT',
      realizedPnl: '0',
      maker,
      buyer: order.side === 'BUY',
      positionSide: 'BOTH',
      time: t,
    };
    this.trades.push(trade);
    this.#orderEvent(order, 'TRADE', trade);
    this.onUserEvent({
      e: 'ACCOUNT_UPDATE',
      E: t,
      T: t,
      a: {
        m: 'ORDER',
        B: [{ a: 'USDT', wb: this.wallet, cw: this.wallet, bc: '0' }],
        P: [{ s: order.symbol, pa: position.amt, ep: position.entry, cr: position.realized, up: '0', mt: 'cross', iw: '0', ps: 'BOTH', ma: 'USDT' }],
      },
    });
    return trade;
  }

  orderEvent(order: VenueOrder, execution: string, trade?: VenueTrade): Record<string, unknown> {
    return {
      e: 'ORDER_TRADE_UPDATE',
      E: this.now(),
      T: this.now(),
      o: {
        s: order.symbol,
        c: order.clientOrderId,
        S: order.side,
        o: order.type,
        f: order.timeInForce,
        q: order.origQty,
        p: order.price,
        ap: order.avgPrice,
        sp: order.stopPrice,
        x: execution,
        X: order.status,
        i: order.orderId,
        l: trade?.qty ?? '0',
        z: order.executedQty,
        L: trade?.price ?? '0',
        ...(trade === undefined ? {} : { N: 'USDT', n: trade.commission }),
        T: trade?.time ?? order.updateTime,
        t: trade?.id ?? 0,
        b: '0',
        a: '0',
        m: trade?.maker ?? false,
        R: order.reduceOnly,
        wt: order.workingType,
        ot: order.origType,
        ps: 'BOTH',
        cp: order.closePosition,
        rp: '0',
      },
    };
  }

  #orderEvent(order: VenueOrder, execution: string, trade?: VenueTrade): void {
    this.onUserEvent(this.orderEvent(order, execution, trade));
  }

  positionRows(): Record<string, unknown>[] {
    return [...this.symbols].map((symbol) => {
      const p = this.positions.get(symbol) ?? { amt: '0', entry: '0', realized: '0' };
      return {
        symbol,
        positionAmt: p.amt,
        entryPrice: p.entry,
        markPrice: this.marks[symbol] ?? '0',
        unRealizedProfit: isZero(p.amt) ? '0.00000000' : mul(p.amt, sub(this.marks[symbol] ?? '0', p.entry)),
        liquidationPrice: '0',
        leverage: String(this.leverage.get(symbol) ?? 20),
        maxNotionalValue: '2500000',
        marginType: 'cross',
        isolatedMargin: '0.00000000',
        isAutoAddMargin: 'false',
        positionSide: 'BOTH',
        notional: mul(abs(p.amt), this.marks[symbol] ?? '0'),
        isolatedWallet: '0',
        updateTime: this.now(),
      };
    });
  }

  account(): Record<string, unknown> {
    return {
      feeTier: 0,
      canTrade: true,
      canDeposit: true,
      canWithdraw: true,
      updateTime: 0,
      totalInitialMargin: '0.00000000',
      totalMaintMargin: '0.00000000',
      totalWalletBalance: this.wallet,
      totalUnrealizedProfit: '0.00000000',
      totalMarginBalance: this.wallet,
      totalPositionInitialMargin: '0.00000000',
      totalOpenOrderInitialMargin: '0.00000000',
      totalCrossWalletBalance: this.wallet,
      totalCrossUnPnl: '0.00000000',
      availableBalance: this.wallet,
      maxWithdrawAmount: this.wallet,
      assets: [],
      positions: [],
    };
  }

  balances(): Record<string, unknown>[] {
    return [
      { accountAlias: 'test', asset: 'USDT', balance: this.wallet, crossWalletBalance: this.wallet, crossUnPnl: '0.00000000', availableBalance: this.wallet, maxWithdrawAmount: this.wallet, marginAvailable: true, updateTime: this.now() },
    ];
  }
}
