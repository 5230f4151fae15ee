/**
 * Aster's error answers: `{"code": <negative int>, "msg": "..."}` with the texts of the venue's
 * error list (shared/protocol/aster.md §2.4, §6 and the V3 docs' "Error Codes").
 *
 * HTTP statuses are not documented by Aster; the simulator uses Binance's (labelled a guess in
 * aster.md): 401 for API-key/permission errors, 429/418 for rate limits, 400 for everything else.
 * Codes the Aster list lacks but Binance uses for the same situation are marked "(Binance)".
 */

export class AsterApiError extends Error {
  constructor(
    readonly code: number,
    readonly msg: string,
    readonly httpStatus = 400,
    /** Seconds for a Retry-After header (429/418 only). */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code} ${msg}`);
    this.name = 'AsterApiError';
  }

  body(): { code: number; msg: string } {
    return { code: this.code, msg: this.msg };
  }
}

const err = (code: number, msg: string, status = 400) => new AsterApiError(code, msg, status);

/** The catalogue, as functions so every throw site builds a fresh error. */
export const AsterErrors = {
  unknown: () => err(-1000, 'An unknown error occured while processing the request.', 500),
  unexpectedResponse: () => err(-1006, 'An unexpected response was received from the message bus. Execution status unknown.', 502),
  timeout: () => err(-1007, 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.', 503),
  unsupported: () => err(-1020, 'This operation is not supported.'),
  tooManyRequests: (limit: number, retryAfterSeconds: number) =>
    new AsterApiError(
      -1003,
      `Too many requests; current limit is ${limit} requests per minute. Please use the websocket for live updates to avoid polling the API.`,
      429,
      retryAfterSeconds,
    ),
  banned: (untilMs: number, retryAfterSeconds: number) =>
    new AsterApiError(-1003, `Way too many requests; IP banned until ${untilMs}. Please use the websocket for live updates to avoid bans.`, 418, retryAfterSeconds),
  tooManyOrders: (limit: number, interval: string, retryAfterSeconds: number) =>
    new AsterApiError(-1015, `Too many new orders; current limit is ${limit} orders per ${interval}.`, 429, retryAfterSeconds),
  timestampAhead: () => err(-1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  timestampOutside: () => err(-1021, 'Timestamp for this request is outside of the recvWindow.'),
  badSignature: () => err(-1022, 'Signature for this request is not valid.'),
  startAfterEnd: () => err(-1023, 'Start time is greater than end time.'),
  illegalChars: (param: string, range: string) => err(-1100, `Illegal characters found in parameter '${param}'; legal range is '${range}'.`),
  duplicateParam: () => err(-1101, 'Duplicate values for a parameter detected.'),
  mandatory: (param: string) => err(-1102, `Mandatory parameter '${param}' was not sent, was empty/null, or malformed.`),
  eitherParam: (a: string, b: string) => err(-1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`),
  notRequired: (param: string) => err(-1106, `Parameter '${param}' sent when not required.`),
  badPrecision: () => err(-1111, 'Precision is over the maximum defined for this asset.'),
  tifNotRequired: () => err(-1114, 'TimeInForce parameter sent when not required.'),
  invalidTif: () => err(-1115, 'Invalid timeInForce.'),
  invalidOrderType: () => err(-1116, 'Invalid orderType.'),
  invalidSide: () => err(-1117, 'Invalid side.'),
  badInterval: () => err(-1120, 'Invalid interval.'),
  badSymbol: () => err(-1121, 'Invalid symbol.'),
  invalidListenKey: () => err(-1125, 'This listenKey does not exist.'),
  invalidParam: (param: string) => err(-1130, `Data sent for parameter '${param}' is not valid.`),
  invalidRespType: () => err(-1136, 'Invalid newOrderRespType.'),
  cancelRejected: () => err(-2011, 'Unknown order sent.'),
  noSuchOrder: () => err(-2013, 'Order does not exist.'),
  badApiKeyFormat: () => err(-2014, 'API-key format invalid.', 401),
  rejectedApiKey: () => err(-2015, 'Invalid API-key, IP, or permissions for action.', 401),
  marginInsufficient: () => err(-2019, 'Margin is insufficient.'),
  wouldTrigger: () => err(-2021, 'Order would immediately trigger.'),
  reduceOnlyRejected: () => err(-2022, 'ReduceOnly Order is rejected.'),
  maxOpenOrders: () => err(-2025, 'Reach max open order limit.'),
  maxPosition: () => err(-2027, 'Exceeded the maximum allowable position at current leverage.'),
  priceAboveMax: () => err(-4002, 'Price greater than max price.'),
  qtyNotPositive: () => err(-4003, 'Quantity less than zero.'),
  qtyBelowMin: () => err(-4004, 'Quantity less than min quantity.'),
  qtyAboveMax: () => err(-4005, 'Quantity greater than max quantity.'),
  stopPriceAboveMax: () => err(-4007, 'Stop price greater than max price.'),
  priceBelowMin: () => err(-4013, 'Price less than min price.'),
  priceNotOnTick: () => err(-4014, 'Price not increased by tick size.'),
  invalidClientOrderId: () => err(-4015, 'Client order id is not valid.'),
  priceAboveBand: (cap: string) => err(-4016, `Limit price can't be higher than ${cap}.`),
  invalidDepthLimit: (limit: string) => err(-4021, `'${limit}' is not valid depth limit.`),
  qtyNotOnStep: () => err(-4023, 'Qty not increased by step size.'),
  priceBelowBand: (floor: string) => err(-4024, `Limit price can't be lower than ${floor}.`),
  invalidLeverage: (leverage: string) => err(-4028, `Leverage ${leverage} is not valid`),
  invalidWorkingType: (value: string) => err(-4031, `Invalid parameter working type: ${value}`),
  maxStopOrders: () => err(-4045, 'Reach max stop order limit.'),
  noNeedToChangeMarginType: () => err(-4046, 'No need to change margin type.'),
  noNeedToChangePositionSide: () => err(-4059, 'No need to change position side.'),
  invalidPositionSide: () => err(-4060, 'Invalid position side.'),
  positionSideMismatch: () => err(-4061, "Order's position side does not match user's setting."),
  batchSize: () => err(-4082, 'Invalid number of batch place orders.'),
  /** (Binance) -4116; Aster's list has no code for a duplicate client order id. */
  duplicateClientOrderId: () => err(-4116, 'ClientOrderId is duplicated.'),
  invalidActivationPrice: () => err(-4135, 'Invalid activation price'),
  quantityWithClosePosition: () => err(-4137, 'Quantity must be zero with closePosition equals true'),
  minNotional: (notional: string) => err(-4164, `Order's notional must be no smaller than ${notional} (unless you choose reduce only)`),
  /** V3: re-used or stale nonce (the docs' noop demo shows this body). */
  nonceExpired: () => err(-4225, 'Nonce Expired'),
} as const;
