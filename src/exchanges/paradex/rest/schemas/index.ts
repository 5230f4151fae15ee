/**
 * Zod schemas of the Paradex REST responses the client reads, one per response, with the inferred
 * wire types. Loose objects throughout: the venue adds fields, and unknown fields pass through
 * untouched. Grouped by area in the files beside this one.
 */
export * from './primitives.js';
export * from './system.js';
export * from './market-data.js';
export * from './account.js';
export * from './orders.js';
