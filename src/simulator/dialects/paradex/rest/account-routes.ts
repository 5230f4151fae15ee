/**
 * Private account routes (JWT): account summary and info, balances, positions, fills, funding
 * payments and subkeys (paradex.md §7.2).
 */
import type { SimResponse } from '../../../dialect.js';
import { errorResponse, jsonResponse, venueError } from '../errors.js';
import { fromWireId } from '../ids.js';
import { paginate, timeRangeOf } from '../pagination.js';
import { accountSummaryToWire, balanceToWire, fillToWire, fundingPaymentToWire, positionToWire } from '../wire/index.js';
import { parseJsonBody, type RouteContext } from './context.js';
import { findMarket } from './public-routes.js';

const MAX_HISTORY_PAGE = 5000;

export function getAccount(ctx: RouteContext): SimResponse {
  return jsonResponse(200, accountSummaryToWire(ctx.venue.engine.accountSummary(ctx.account)));
}

export function getAccountInfo(ctx: RouteContext): SimResponse {
  const record = ctx.venue.accounts.get(ctx.account);
  // Fees: the engine charges nothing unless configured otherwise (Paradex's default retail rates are 0).
  const zero = '0';
  return jsonResponse(200, {
    results: [
      {
        account: ctx.account,
        created_at: record?.createdAt ?? 0,
        derivation_path: '',
        fees: {
          commission_rate: zero,
          dated_option_maker_rate: zero,
          dated_option_taker_rate: zero,
          discount_rate: zero,
          maker_rate: zero,
          perp_option_maker_rate: zero,
          perp_option_taker_rate: zero,
          spot_maker_rate: zero,
          spot_taker_rate: zero,
          taker_rate: zero,
        },
        has_ecosystem_nft: false,
        isolated_market: '',
        kind: 'main',
        parent_account: '',
        public_key: record === undefined ? '' : `0x${record.mainPublicKey.toString(16)}`,
        username: '',
        volume_tiers: {},
      },
    ],
  });
}

export function getBalances(ctx: RouteContext): SimResponse {
  return jsonResponse(200, { results: [balanceToWire(ctx.venue.engine.accountSummary(ctx.account))] });
}

export function getPositions(ctx: RouteContext): SimResponse {
  const { engine } = ctx.venue;
  const results = engine.positions(ctx.account).map((p) => positionToWire(p, { fundingIndex: engine.marketSummary(p.market).fundingIndex }));
  return jsonResponse(200, { results });
}

function marketFilter(ctx: RouteContext, required: boolean): { market?: string } | SimResponse {
  const symbol = ctx.request.query.get('market');
  if (symbol === null || symbol === '' || symbol === 'ALL') {
    if (required && (symbol === null || symbol === '')) return errorResponse(venueError(400, 'VALIDATION_ERROR', 'market is required'));
    return {};
  }
  if (findMarket(ctx.venue.engine, symbol) === undefined) return errorResponse(venueError(400, 'MARKET_NOT_FOUND', `market ${JSON.stringify(symbol.slice(0, 40))} not found`));
  return { market: symbol };
}

export function getFills(ctx: RouteContext): SimResponse {
  const filter = marketFilter(ctx, false);
  if ('status' in filter) return filter;
  const range = timeRangeOf(ctx.request.query);
  if ('error' in range) return errorResponse(range);
  const fills = ctx.venue.engine
    .fills(ctx.account, { ...filter, ...range })
    .filter((f) => !f.busted)
    .map((f) => fillToWire(f));
  const page = paginate(fills, (f) => BigInt(fromWireId('fill', f.id) ?? '0'), ctx.request.query, MAX_HISTORY_PAGE);
  return page.ok ? jsonResponse(200, page.page) : errorResponse(page);
}

export function getFundingPayments(ctx: RouteContext): SimResponse {
  const filter = marketFilter(ctx, true);
  if ('status' in filter) return filter;
  const range = timeRangeOf(ctx.request.query);
  if ('error' in range) return errorResponse(range);
  const payments = ctx.venue.engine.fundingPayments(ctx.account, { ...filter, ...range }).map(fundingPaymentToWire);
  const page = paginate(payments, (p) => BigInt(fromWireId('funding_payment', p.id) ?? '0'), ctx.request.query, MAX_HISTORY_PAGE);
  return page.ok ? jsonResponse(200, page.page) : errorResponse(page);
}

/**
 * POST /account/keys/subkeys {name, public_key}: registers a subkey for the token's account. The
 * venue also takes a registration signature; the simulator trusts the JWT (documented shortcut).
 */
export function postSubkey(ctx: RouteContext): SimResponse {
  const body = parseJsonBody(ctx.request);
  const value = body.ok ? (body.value as { name?: unknown; public_key?: unknown } | undefined) : undefined;
  const key = typeof value?.public_key === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(value.public_key) ? BigInt(value.public_key) : undefined;
  if (key === undefined || key === 0n) return errorResponse(venueError(400, 'PUBLIC_KEY_INVALID', 'public_key must be a 0x-hex Stark public key'));
  const name = typeof value?.name === 'string' ? value.name : '';
  ctx.venue.accounts.addSubkey(ctx.account, key, name, ctx.nowMs);
  return { status: 201, headers: { 'content-type': 'application/json' }, body: '' };
}

export function getSubkeys(ctx: RouteContext): SimResponse {
  const results = ctx.venue.accounts.subkeysOf(ctx.account).map((subkey, i) => ({
    account_id: ctx.account,
    allowed_cidrs: [],
    created_at: subkey.createdAt * 1_000_000,
    id: i + 1,
    name: subkey.name,
    public_key: `0x${subkey.publicKey.toString(16)}`,
    revoked_at: 0,
    state: 'active',
    updated_at: subkey.createdAt * 1_000_000,
  }));
  return jsonResponse(200, { results });
}
