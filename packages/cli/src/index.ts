export { main } from './main.js';
export { builtins } from './builtins.js';
