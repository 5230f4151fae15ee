/** The Paradex REST schemas (defined by area under ./schemas/); either import path works. */
export * from './schemas/index.js';
