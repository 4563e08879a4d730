// The worker thread of ./prepare-pool.ts: prepares each document it is sent with the registry's own
// engine, answering the prepared document or the error, by the request's number.
import { parentPort } from 'node:worker_threads';
import { isIotlabelError } from '../../errors.js';
import { defaultEngine } from '../default-engine.js';
import { prepareDocument } from './prepare-document.js';

const port = parentPort!;
port.on('message', (request: { id: number; document: unknown; at: string }) => {
  try {
    port.postMessage({ id: request.id, prepared: prepareDocument(defaultEngine, request.document, request.at) });
  } catch (error) {
    const known = isIotlabelError(error);
    port.postMessage({
      id: request.id,
      error: known
        ? { code: error.code, message: error.message, problems: error.problems, details: error.details }
        : { message: error instanceof Error ? error.message : String(error) },
    });
  }
});
port.postMessage({ ready: true });
