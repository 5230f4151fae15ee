/** Paradex account payloads -> domain Position, Balance, AccountSummary, Fill, FundingPayment. */
import { abs, gt, isZero, lt, neg } from '../../core/decimal.js';
import type { AccountSummary, Balance, Fill, FundingPayment, Position } from '../../core/types.js';
import { inconsistent, textOrUndefined } from './parse-common.js';
import type { WireAccountSummary, WireBalance, WireFill, WireFundingPayment, WirePosition } from './rest/schemas.js';

/**
 * The current spec signs `size` ("-0.345" for a SHORT). A SHORT with a positive size is read as the
 * older unsigned spelling; a LONG with a negative size contradicts itself and is refused. A CLOSED
 * position, or one of size 0, is flat whatever side it names.
 */
export function parsePosition(wire: WirePosition): Position {
  if (wire.side === 'LONG' && lt(wire.size, '0')) throw inconsistent('position', 'size', 'LONG size >= 0', wire);
  const flat = wire.status === 'CLOSED' || isZero(wire.size);
  const size = flat ? '0' : abs(wire.size);
  const signedSize = flat ? '0' : wire.side === 'SHORT' ? neg(size) : size;
  const realizedPnl = wire.realized_positional_pnl ?? wire.realized_pnl ?? '0';
  return {
    exchange: 'paradex',
    market: wire.market,
    side: flat ? 'flat' : wire.side === 'SHORT' ? 'short' : 'long',
    size,
    signedSize,
    entryPrice: wire.average_entry_price ?? '0',
    unrealizedPnl: wire.unrealized_pnl ?? '0',
    realizedPnl,
    ...(wire.liquidation_price === undefined ? {} : { liquidationPrice: wire.liquidation_price }),
    ...(wire.leverage === undefined ? {} : { leverage: wire.leverage }),
    updatedAt: wire.last_updated_at,
    raw: wire,
  };
}

/** GET /balance gives the token's total only; what is free to trade is on the account summary. */
export function parseBalance(wire: WireBalance): Balance {
  return { asset: wire.token, total: wire.size, updatedAt: wire.last_updated_at };
}

export function parseAccountSummary(wire: WireAccountSummary): AccountSummary {
  return {
    exchange: 'paradex',
    account: wire.account,
    equity: wire.account_value,
    freeCollateral: wire.free_collateral,
    initialMargin: wire.initial_margin_requirement,
    maintenanceMargin: wire.maintenance_margin_requirement,
    totalCollateral: wire.total_collateral,
    status: wire.status,
    updatedAt: wire.updated_at,
    raw: wire,
  };
}

export function parseFill(wire: WireFill): Fill {
  if (!gt(wire.size, '0')) throw inconsistent('fill', 'size', 'size > 0', wire);
  if (!gt(wire.price, '0')) throw inconsistent('fill', 'price', 'price > 0', wire);
  const clientOrderId = textOrUndefined(wire.client_id);
  return {
    exchange: 'paradex',
    id: wire.id,
    orderId: wire.order_id,
    ...(clientOrderId === undefined ? {} : { clientOrderId }),
    market: wire.market,
    side: wire.side === 'BUY' ? 'buy' : 'sell',
    price: wire.price,
    size: wire.size,
    fee: wire.fee,
    feeAsset: wire.fee_currency,
    liquidity: wire.liquidity === 'MAKER' ? 'maker' : 'taker',
    ...(wire.realized_pnl === undefined ? {} : { realizedPnl: wire.realized_pnl }),
    timestamp: wire.created_at,
    raw: wire,
  };
}

export function parseFundingPayment(wire: WireFundingPayment): FundingPayment {
  return { id: wire.id, market: wire.market, amount: wire.payment, timestamp: wire.created_at };
}
