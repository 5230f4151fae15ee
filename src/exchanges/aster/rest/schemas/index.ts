/** Every Aster REST wire schema (zod), grouped by area. */
export * from './account.js';
export * from './market-data.js';
export * from './orders.js';
export * from './primitives.js';
