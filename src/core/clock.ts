/**
 * Injected time source. Signers, sessions and rate limiters read time only through a Clock, so
 * tests can move time by hand and the venue's clock offset can be applied in one place.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  constructor(private current = 1_717_000_000_000) {}

  now(): number {
    return this.current;
  }

  set(ms: number): void {
    this.current = ms;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * Venue time = local time + offset, where the offset is measured from the venue's time endpoint
 * (half the round trip is credited to the network). Keeps signature timestamps inside the venue's
 * window when the local clock drifts.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): number {
    return this.base.now() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** serverTimeMs was read between localBefore and localAfter (both from the base clock). */
  calibrate(serverTimeMs: number, localBefore: number, localAfter: number): void {
    const midpoint = localBefore + (localAfter - localBefore) / 2;
    this.offsetMs = Math.round(serverTimeMs - midpoint);
  }
}
