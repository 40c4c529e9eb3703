export * from './evaluate.js';
export * from './model.js';
export * from './quickselect.js';
