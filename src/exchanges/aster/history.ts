/**
 * Order, fill and funding history. Aster's history endpoints are per symbol (allOrders and
 * userTrades require `symbol`), so a query without a market covers the symbols this session
 * traded plus those with an open position; userTrades windows longer than 7 days are split.
 */
import type { Fill, FundingPayment, HistoryQuery, Order } from '../../core/types.js';
import { historyWindow, splitWindow, USER_TRADES_MAX_WINDOW_MS } from './format.js';
import { parseFundingIncome, parseOrder, parsePosition, parseUserTrade } from './parse.js';
import * as api from './rest/endpoints.js';

export class AsterHistory {
  constructor(
    private readonly a: api.Api,
    private readonly tradedSymbols: () => readonly string[],
  ) {}

  /** The market asked for, or every symbol traded this session or holding a position. */
  async symbols(query: HistoryQuery): Promise<string[]> {
    if (query.market !== undefined) return [query.market];
    const held = (await api.getPositionRisk(this.a)).map(parsePosition).filter((p) => p.side !== 'flat').map((p) => p.market);
    return [...new Set([...this.tradedSymbols(), ...held])];
  }

  async orders(query: HistoryQuery): Promise<Order[]> {
    const window = historyWindow(query);
    const perSymbol = await Promise.all((await this.symbols(query)).map((s) => api.getAllOrders(this.a, s, window)));
    const orders = perSymbol.flat().map(parseOrder);
    orders.sort((x, y) => x.createdAt - y.createdAt);
    return query.limit === undefined ? orders : orders.slice(-query.limit);
  }

  /** Fills of one symbol (oldest first). */
  async fills(symbol: string, query: HistoryQuery): Promise<Fill[]> {
    const window = historyWindow(query);
    const windows =
      window.startTime !== undefined && window.endTime !== undefined && window.endTime - window.startTime >= USER_TRADES_MAX_WINDOW_MS
        ? splitWindow(window.startTime, window.endTime)
        : [window];
    const rows = [];
    for (const w of windows) rows.push(...(await api.getUserTrades(this.a, symbol, { ...w, limit: window.limit ?? 1000 })));
    const fills = rows.map(parseUserTrade);
    fills.sort((x, y) => x.timestamp - y.timestamp);
    return fills;
  }

  async allFills(query: HistoryQuery): Promise<Fill[]> {
    const perSymbol = await Promise.all((await this.symbols(query)).map((s) => this.fills(s, query)));
    const fills = perSymbol.flat().sort((x, y) => x.timestamp - y.timestamp);
    return query.limit === undefined ? fills : fills.slice(-query.limit);
  }

  async funding(query: HistoryQuery): Promise<FundingPayment[]> {
    const window = historyWindow(query);
    const rows = await api.getIncome(this.a, { ...window, incomeType: 'FUNDING_FEE', ...(query.market === undefined ? {} : { symbol: query.market }) });
    return rows.map(parseFundingIncome).sort((x, y) => x.timestamp - y.timestamp);
  }
}
