/**
 * Engine refusals and cancel reasons in Aster's words.
 *
 * The engine accepts orders in two phases (submit, then risk check and matching); Aster refuses
 * synchronously. The dialect runs both phases in one call, so an order the engine closes at once
 * for a reason Aster reports as an error (margin, min notional, reduce-only, price band, position
 * limit) becomes that error. Reasons Aster reports as an order state (IOC/FOK/GTX leftovers,
 * self-trade) stay orders with status EXPIRED.
 */
import { DuplicateClientOrderIdError, ExchangeError, InsufficientMarginError, InvalidOrderError } from '../../../../core/errors.js';
import { normalize } from '../../../../core/decimal.js';
import type { CancelReason } from '../../../engine/index.js';
import { AsterApiError, AsterErrors } from '../errors.js';
import type { AsterMarket } from '../symbols.js';

/** The Aster error for an engine exception; rethrows what is not an engine refusal (a bug). */
export function fromEngineError(error: unknown): AsterApiError {
  if (error instanceof AsterApiError) return error;
  if (error instanceof DuplicateClientOrderIdError) return AsterErrors.duplicateClientOrderId();
  if (error instanceof InsufficientMarginError) return AsterErrors.marginInsufficient();
  if (!(error instanceof ExchangeError)) throw error;
  switch (error.venueCode) {
    case 'MARKET_NOT_FOUND':
      return AsterErrors.badSymbol();
    case 'INVALID_ORDER_SIZE':
      return AsterErrors.qtyNotOnStep();
    case 'INVALID_PRICE_PRECISION':
      return AsterErrors.priceNotOnTick();
    case 'INVALID_PRICE':
      return AsterErrors.priceBelowMin();
    case 'INVALID_TIF':
      return AsterErrors.invalidTif();
    case 'ORDER_WOULD_IMMEDIATELY_TRIGGER':
      return AsterErrors.wouldTrigger();
    case 'MAX_OPEN_ORDERS_EXCEEDED':
      return AsterErrors.maxOpenOrders();
    case 'QUANTITY_EXISTS_WITH_CLOSE_POSITION':
      return AsterErrors.quantityWithClosePosition();
    case 'INVALID_LEVERAGE':
      return AsterErrors.invalidLeverage('');
    case 'ORDER_ID_NOT_FOUND':
    case 'CLIENT_ORDER_ID_NOT_FOUND':
      return AsterErrors.noSuchOrder();
    case 'NOT_ENOUGH_MARGIN':
      return AsterErrors.marginInsufficient();
    default:
      return error instanceof InvalidOrderError && error.field !== undefined
        ? AsterErrors.invalidParam(ASTER_FIELD[error.field] ?? error.field)
        : AsterErrors.invalidParam('order');
  }
}

const ASTER_FIELD: Record<string, string> = {
  size: 'quantity',
  triggerPrice: 'stopPrice',
  clientId: 'newClientOrderId',
  market: 'symbol',
};

/**
 * The error Aster answers instead of an order the engine closed at acceptance without any fill,
 * or undefined when the venue reports such an order as EXPIRED.
 */
export function rejectionFor(reason: CancelReason, market: AsterMarket, side: 'BUY' | 'SELL', bands: { cap: string; floor: string }): AsterApiError | undefined {
  switch (reason) {
    case 'NOT_ENOUGH_MARGIN':
      return AsterErrors.marginInsufficient();
    case 'ORDER_SIZE_BELOW_MIN':
      return AsterErrors.minNotional(normalize(market.config.minNotional));
    case 'REDUCE_ONLY_WOULD_INCREASE':
    case 'NO_POSITION_TO_CLOSE':
      return AsterErrors.reduceOnlyRejected();
    case 'PRICE_OUTSIDE_BAND':
      return side === 'BUY' ? AsterErrors.priceAboveBand(bands.cap) : AsterErrors.priceBelowBand(bands.floor);
    case 'ORDER_EXCEEDS_POSITION_LIMIT':
      return AsterErrors.maxPosition();
    default:
      return undefined;
  }
}
