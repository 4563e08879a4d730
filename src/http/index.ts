export { buildApp, type HttpOptions } from './app.js';
export { toProblem, problem, problemType, type Problem } from './problem.js';
export { startServer, type RunningServer } from './server.js';
export type { Access } from './access.js';
