// The server: the composition root (API and pages in one app), listening and stopping, the configuration.
export { buildApp, type ServerOptions } from './app.js';
export { warmPages } from '../web/plugin.js';
export { startServer, type RunningServer } from './listen.js';
export { readConfig, CONFIG_VARIABLES, LOG_LEVELS, type Config, type LogLevel } from './config.js';
export { checkPortFree, listenProblem } from './port.js';
export { choosePublicUrl, isLoopbackHost, type PublicUrlChoice } from './public-url.js';
