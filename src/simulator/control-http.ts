/**
 * The simulator's control API over HTTP, for the CLI, curl and clients written by others. It lives
 * under /_simulator/, a prefix no venue uses, and maps one to one onto SimulatorControl.
 *
 *   GET    /_simulator/state                       engine time, venue, fault log size
 *   GET    /_simulator/faults                      the fault log
 *   DELETE /_simulator/faults                      disarm every armed fault
 *   POST   /_simulator/advance                     {"ms": 60000}
 *   POST   /_simulator/mark-price                  {"market": "BTC-USD-PERP", "price": "65000"} or {"market", "percent": "-2"}
 *   POST   /_simulator/fund                        {"account": "0x...", "amount": "1000"}
 *   POST   /_simulator/faults/drop-connections     {}
 *   POST   /_simulator/faults/stall                {"topic": "bbo.BTC-USD-PERP", "frames"?: 10}
 *   POST   /_simulator/faults/resume               {"topic": "bbo.BTC-USD-PERP"}
 *   POST   /_simulator/faults/sequence-gap         {"topic": "...", "count"?: 1}
 *   POST   /_simulator/faults/duplicate            {"topic": "...", "count"?: 1}
 *   POST   /_simulator/faults/reorder              {"topic": "...", "count"?: 1}
 *   POST   /_simulator/faults/fail-next            {"method"?: "POST", "path"?: "/v1/orders", "status"?: 503 | "timeout": true, "when"?: "before"|"after", "times"?: 1}
 *   POST   /_simulator/faults/rate-limit           {"count": 5, "retryAfterMs"?: 1000}
 *   POST   /_simulator/faults/expire-tokens        {}
 *   POST   /_simulator/faults/bust-fill            {"fillId": "12"}
 */
import type { SimulatorControl } from './control.js';
import type { SimRequest, SimResponse } from './dialect.js';

export const CONTROL_PREFIX = '/_simulator/';

type Body = Record<string, unknown>;
type Route = (control: SimulatorControl, body: Body) => unknown;

const routes: Record<string, Route> = {
  'GET state': (control) => ({ now: control.now(), faultsFired: control.faultLog().length }),
  'GET faults': (control) => ({ results: control.faultLog() }),
  'DELETE faults': (control) => {
    control.clearFaults();
    return { cleared: true };
  },
  'POST advance': (control, body) => {
    control.advance(integer(body, 'ms', 0));
    return { now: control.now() };
  },
  'POST mark-price': (control, body) =>
    body['percent'] !== undefined
      ? control.movePrice(text(body, 'market'), text(body, 'percent'))
      : control.setMarkPrice(text(body, 'market'), text(body, 'price'), optionalText(body, 'indexPrice')),
  'POST fund': (control, body) => control.fund(text(body, 'account'), text(body, 'amount')),
  'POST faults/drop-connections': (control) => ({ dropped: control.dropConnections() }),
  'POST faults/stall': (control, body) => {
    control.stallTopic(text(body, 'topic'), body['frames'] === undefined ? undefined : integer(body, 'frames', 1));
    return { armed: true };
  },
  'POST faults/resume': (control, body) => {
    control.resumeTopic(text(body, 'topic'));
    return { resumed: true };
  },
  'POST faults/sequence-gap': (control, body) => {
    control.sequenceGap(text(body, 'topic'), integer(body, 'count', 1, 1));
    return { armed: true };
  },
  'POST faults/duplicate': (control, body) => {
    control.duplicateNext(text(body, 'topic'), integer(body, 'count', 1, 1));
    return { armed: true };
  },
  'POST faults/reorder': (control, body) => {
    control.reorderNext(text(body, 'topic'), integer(body, 'count', 1, 1));
    return { armed: true };
  },
  'POST faults/fail-next': (control, body) => {
    const when = optionalText(body, 'when') ?? 'before';
    if (when !== 'before' && when !== 'after') throw new ControlInputError('when must be "before" or "after"');
    const effect = body['timeout'] === true ? ({ kind: 'timeout' } as const) : ({ kind: 'status', status: integer(body, 'status', 100) } as const);
    const method = optionalText(body, 'method');
    const path = optionalText(body, 'path');
    control.failNext({ ...(method === undefined ? {} : { method }), ...(path === undefined ? {} : { path }) }, effect, when, integer(body, 'times', 1, 1));
    return { armed: true };
  },
  'POST faults/rate-limit': (control, body) => {
    control.rateLimitBurst(integer(body, 'count', 1), integer(body, 'retryAfterMs', 0, 1000));
    return { armed: true };
  },
  'POST faults/expire-tokens': (control) => ({ expired: control.expireTokens() }),
  'POST faults/bust-fill': (control, body) => ({ busted: control.bustFill(text(body, 'fillId')) }),
};

class ControlInputError extends Error {}

export function handleControlRequest(control: SimulatorControl, request: SimRequest): SimResponse {
  const name = request.path.slice(CONTROL_PREFIX.length);
  const route = routes[`${request.method} ${name}`];
  if (!route) return json(404, { error: 'NOT_FOUND', message: `no control route ${request.method} ${request.path}` });
  let body: Body = {};
  if (request.body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(request.body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ControlInputError('body must be a JSON object');
      body = parsed as Body;
    } catch (error) {
      return json(400, { error: 'BAD_REQUEST', message: error instanceof ControlInputError ? error.message : 'body is not valid JSON' });
    }
  }
  try {
    return json(200, route(control, body) ?? {});
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return json(400, { error: 'BAD_REQUEST', message });
  }
}

function json(status: number, value: unknown): SimResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

function text(body: Body, field: string): string {
  const value = body[field];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new ControlInputError(`${field} is required (a string)`);
}

function optionalText(body: Body, field: string): string | undefined {
  return body[field] === undefined ? undefined : text(body, field);
}

function integer(body: Body, field: string, min: number, fallback?: number): number {
  const value = body[field];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ControlInputError(`${field} must be an integer >= ${min}`);
  }
  return value;
}
