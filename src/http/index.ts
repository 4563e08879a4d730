export { cachedHelmetHeaders, createApiApp, registerApi, type HttpOptions } from './app.js';
export { toProblem, problem, problemType, sendProblem, type Problem } from './problem.js';
export type { Access } from './access.js';
