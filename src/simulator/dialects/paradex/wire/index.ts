/** Engine -> Paradex JSON shapes, shared by the REST routes and the WebSocket channels. */
export * from './order.js';
export * from './account.js';
export * from './market.js';
