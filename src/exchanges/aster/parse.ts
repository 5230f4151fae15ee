/** Aster wire -> domain: every parser in one import. */
export * from './parse-account.js';
export * from './parse-common.js';
export * from './parse-market.js';
export * from './parse-market-data.js';
export * from './parse-order.js';
