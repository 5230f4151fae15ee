/**
 * The Aster dialect of the simulator: Aster's USDⓈ-M futures REST API (/fapi/v1, v2, v4 with
 * HMAC signatures, /fapi/v3 with EIP-712 agent signatures) and its WebSocket streams (/stream,
 * /ws/<stream>, /ws/<listenKey>) over the venue-agnostic engine, built from
 * shared/protocol/aster.md and the recorded fixtures (never from a client's code).
 *
 *   const sim = await startSimulator({ exchange: 'aster', port: 0 });
 *   const admin = asterAdmin(sim.engine);
 *   admin.approveAgent(userAddress, agentAddress);          // V3 API wallet
 *   const { apiKey, secretKey } = admin.createApiKey(user);   // V1 key pair
 *
 * Markets: the engine markets with an `aster` alias (BTCUSDT, ETHUSDT, SOLUSDT); filters in
 * exchangeInfo come from the engine's definitions. Accounts: cross margin, one-way mode, USDT,
 * created with `initialBalance` on their first authenticated request. Orders are matched within
 * the request (Aster answers synchronously); see orders/place.ts and orders/engine-errors.ts.
 * Timing rules (nonces, recvWindow, rate-limit windows, listenKey validity, countdowns) use engine
 * time; WebSocket connection rules (pings, lifetime, message rate) use wall-clock timers.
 */
import type { Dialect, DialectContext } from '../../dialect.js';
import { ADMIN_PREFIX, createAdmin, handleAdminRequest, type AsterAdmin } from './admin.js';
import { AsterContext } from './context.js';
import { Countdowns } from './countdown.js';
import { AsterHttp } from './http.js';
import { MarketFeeds } from './ws/market-feeds.js';
import { AsterWsServer } from './ws/server.js';
import { UserFeed } from './ws/user-feed.js';

export { asterAdmin, type AsterAdmin } from './admin.js';
export { DEFAULT_ASTER_SETTINGS, type AsterSettings } from './settings.js';

export interface AsterDialect extends Dialect {
  readonly admin: AsterAdmin;
}

/** How often listenKey expiry and countdownCancelAll deadlines are checked (wall clock). */
const HOUSEKEEPING_MS = 100;

export function createAsterDialect(context: DialectContext): AsterDialect {
  const { engine, faults } = context;
  const ctx = new AsterContext(engine, faults, context.initialBalance);
  const userFeed = new UserFeed(ctx);
  const feeds = new MarketFeeds(ctx);
  const countdowns = new Countdowns();
  ctx.addConsumer(feeds.onEvent);
  ctx.addConsumer(userFeed.onEvent);
  const unsubscribe = engine.on(ctx.onEngineEvent);
  const ws = new AsterWsServer(ctx, feeds);
  const stopDropping = faults.onDropConnections(() => ws.dropAll());
  const http = new AsterHttp({ ctx, userFeed, countdowns });
  const admin = createAdmin(ctx, () => ws.connectionCount);

  const housekeeping = (): void => {
    const now = ctx.now();
    countdowns.fireDue(engine, now);
    for (const record of ctx.listenKeys.takeExpired(now)) userFeed.publishExpired(record, now);
  };
  const timer = setInterval(housekeeping, HOUSEKEEPING_MS);
  timer.unref();

  return {
    venue: 'aster',
    wsPath: '/stream',
    admin,
    handleHttp(request) {
      if (request.path.startsWith(ADMIN_PREFIX)) return handleAdminRequest(admin, request);
      housekeeping();
      return http.handle(request);
    },
    faultResponse: (status, request) => http.faultResponse(status, request),
    rateLimitedResponse: (request, retryAfterMs) => http.rateLimitedResponse(request, retryAfterMs),
    handleUpgrade: (request, socket, head) => ws.handleUpgrade(request, socket, head),
    expireTokens() {
      const now = ctx.now();
      const records = ctx.listenKeys.takeAll();
      for (const record of records) userFeed.publishExpired(record, now);
      return records.length;
    },
    async close() {
      clearInterval(timer);
      unsubscribe();
      stopDropping();
      feeds.close();
      await ws.close();
    },
  };
}
