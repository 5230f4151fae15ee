/**
 * # Simulator engine — the venue-agnostic exchange behind the Paradex and Aster dialects
 *
 * One `SimulatorEngine` holds markets, order books, accounts, positions, funding and a seeded
 * market. Dialects translate wire requests into the calls below and engine events into wire
 * frames. Everything is deterministic: the same seed, clock readings and calls give the same
 * event log byte for byte. Nothing here knows a wire format.
 *
 * ## Create
 * ```ts
 * const engine = new SimulatorEngine({ clock: new ManualClock(), seed: 7 });   // options: EngineOptions
 * engine.createAccount('0xabc', { collateral: '10000' });                      // asset 'USDC' (or 'USDT')
 * ```
 * Markets come from data/markets.json (Paradex GET /markets shape + a `simulator` block):
 * BTC-USD-PERP (the recorded values), ETH-USD-PERP, SOL-USD-PERP, BTC-USD-70000-C (PERP_OPTION).
 * `engine.markets()` returns MarketConfig (decimal strings) with `raw` = the Paradex-shaped entry;
 * every method taking a market accepts the id or an alias (`aliases.aster`: BTCUSDT, ETHUSDT,
 * SOLUSDT). Pass `markets` to use other definitions.
 *
 * ## Time
 * Engine time = clock.now() (scaled by `speed`, default 1) + everything passed to `advance(ms)`.
 * Before every public call the engine runs what fell due since the last call, in time order:
 * price steps every `priceProcess.intervalMs` (default 1000 ms), funding at multiples of each
 * market's funding period (8 h; `fundingIntervalMs` overrides), and the triggers those moves
 * fire (after a jump of more than 10 000 price steps only the last 10 000 are simulated).
 * `advance(ms)` does only that; it does not process NEW orders. `start(ms)` / `stop()` run
 * a timer (unref'd) that catches up and processes NEW orders, for real-time use.
 *
 * ## Orders (two-phase, as Paradex)
 * `submit(req)` validates synchronously and returns the order in status NEW; a refusal throws
 * (InvalidOrderError with field/rule, DuplicateClientOrderIdError, RequestError for an unknown
 * account) with an engine code in `venueCode` (Paradex spelling where one exists:
 * MARKET_NOT_FOUND, INVALID_ORDER_SIZE, INVALID_PRICE_PRECISION, DUPLICATED_CLIENT_ID,
 * MAX_OPEN_ORDERS_EXCEEDED, ORDER_WOULD_IMMEDIATELY_TRIGGER, ...). `processPending()` then runs
 * the risk check and matching for every NEW order (oldest first), so a dialect can answer
 * "201 NEW" first. With `{ synchronous: true }` submit() does both and returns the result.
 * Statuses: NEW -> (UNTRIGGERED) -> OPEN -> CLOSED. A CLOSED order has `cancelReason` unless it
 * filled completely; filledSize + remainingSize = size always (remaining stays on closed orders).
 * Cancel reasons (CancelReason): USER_CANCELED, NOT_ENOUGH_MARGIN, ORDER_EXCEEDS_POSITION_LIMIT,
 * ORDER_SIZE_BELOW_MIN, POST_ONLY_WOULD_CROSS, REDUCE_ONLY_WOULD_INCREASE, SELF_TRADE,
 * IOC_NOT_FILLED, FOK_NOT_FILLED, PRICE_OUTSIDE_BAND, NO_POSITION_TO_CLOSE, ADMIN_CANCELED.
 *
 * - Types: MARKET, LIMIT, STOP_MARKET, STOP_LIMIT, TAKE_PROFIT_MARKET/LIMIT, STOP_LOSS_MARKET/LIMIT,
 *   TRAILING_STOP_MARKET. timeInForce GTC (default), IOC, FOK, POST_ONLY; market types act as
 *   IOC and trade at most price_bands_width away from the mark.
 * - Triggers use the MARK price. Default direction: BUY STOP/STOP_LOSS fire at mark >= trigger,
 *   SELL at mark <= trigger; TAKE_PROFIT the reverse; `triggerDirection` overrides (Paradex
 *   STOP_CONDITION_* flags). A condition already true at acceptance fires at once, unless
 *   `rejectIfWouldTrigger` made submit() refuse it (Aster -2021). Trailing: see triggers.ts.
 * - Size "0" (or closePosition) on a STOP/TP/SL order = whole position at trigger time
 *   (reduce-only; NO_POSITION_TO_CLOSE when flat then).
 * - Reduce-only (documented choice): refused with REDUCE_ONLY_WOULD_INCREASE when no opposite
 *   position exists at activation; never fills beyond the position (the fill is capped and the
 *   unfillable rest closed with REDUCE_ONLY_WOULD_INCREASE); resting reduce-only orders close
 *   when the position goes flat or flips. Untriggered TP/SL are checked when they fire.
 * - Self-trade prevention by the taker's `stp`: EXPIRE_TAKER (default), EXPIRE_MAKER, EXPIRE_BOTH.
 * - Client ids: unique among the account's open orders (DuplicateClientOrderIdError), <= 64 chars.
 * - Risk check (risk.ts, margin.ts): min notional (size x mark; reduce-only closing the whole
 *   position exempt), price band (aggressive side), position limit, initial margin (Paradex open
 *   size model; untriggered orders reserve nothing until they fire).
 * - `amend()` keeps the id (amend.ts); `cancel()`, `cancelAll()`; OrderLookup = {id} | {clientId}.
 *
 * ## Accounts and money
 * Collateral, positions (signed size, exact entry cost, average entry = cost / size), realized
 * and unrealized PnL, cross margin (IMR/MMR per margin.ts; `setLeverage` lowers max leverage),
 * fees (maker/taker, default 0; `fees` option, per account, `setFees`), funding (funding.ts).
 * Fees and funding round half-even to `settlementDecimals` (8); everything else is exact.
 * `accountSummary()` reports marginStatus HEALTHY / BELOW_INITIAL / BELOW_MAINTENANCE; there is
 * no liquidation.
 *
 * ## Events — `engine.on(handler)` returns an unsubscribe function
 * Delivered synchronously at the end of each engine operation (never mid-operation). Each has
 * `id` (global, 1, 2, ...), `stream` and `seq` (contiguous within the stream), `timestamp`.
 *   account:<id>   order, fill, fill_busted, position, balance, account, funding_payment
 *   book:<market>  book_delta {changes: [{side BID|ASK, action INSERT|UPDATE|DELETE, price, size}]}
 *                  one per operation; `bookSnapshot(market, depth).seq` is the last delta applied
 *   bbo:<market>   bbo (on change)      trades:<market>  trade, trade_busted (taker side)
 *   mark:<market>  mark_price           funding:<market> funding_rate (each settlement)
 * The market maker's private events are off unless `marketMaker.privateEvents`.
 *
 * ## Queries
 * bookSnapshot, bbo, recentTrades (newest first), marketSummary, fundingHistory, order,
 * openOrders, orderHistory, fills, positions (non-zero), position, accountSummary, fundingPayments.
 *
 * ## Faults and control
 * setMarkPrice (index follows unless given), setIndexPrice, setFundingRate (override),
 * settleFunding (now), deposit/fund, withdraw, bustTrade / bustFill (both sides reversed, orders
 * untouched; trades retained up to `historyLimit` per market), requote (market maker), setFees,
 * setLeverage. Prices above 90 071 992.54740991 are refused (book keys stay exact doubles).
 *
 * Ids: orders, fills and trades get decimal serial ids ("1", "2", ...), deterministic per engine.
 */
export { SimulatorEngine } from './engine.js';
export { defaultMarketDefinitions } from './markets.js';
export { Prng } from './prng.js';
export { ENGINE_ORDER_TYPES } from './types.js';
export type * from './types.js';
export type * from './options.js';
