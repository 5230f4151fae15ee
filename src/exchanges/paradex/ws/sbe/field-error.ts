/**
 * Failure inside one SBE frame. Field readers throw this (cheap, no frame context); the frame
 * decoder catches it and re-throws a DecodeError carrying a hex preview of the whole frame.
 */
export class SbeFieldError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'SbeFieldError';
  }
}
