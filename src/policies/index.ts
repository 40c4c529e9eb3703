export * from './registry.js';
export * from './types.js';
export * from './named.js';
