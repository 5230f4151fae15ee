/**
 * A value that must never be printed: private keys, API secrets, JWTs. It prints as [REDACTED]
 * through String(), JSON.stringify and util.inspect (console.log, pino), so a config object or an
 * error that holds one can be logged safely. Only `reveal()` gives the value back.
 */
const REDACTED = '[REDACTED]';
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspectSymbol](): string {
    return REDACTED;
  }
}

export { REDACTED };
