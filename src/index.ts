// The library surface for other programs: assessment, label verification and the transparency log.
export { IotlabelError, ERROR_CATALOGUE, type ErrorCode } from './errors.js';
