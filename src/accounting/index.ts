export * from './account.js';
export * from './config.js';
export * from './factors.js';
export * from './indicators.js';
export * from './account-one.js';
export * from './ets.js';
