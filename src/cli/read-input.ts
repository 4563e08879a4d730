// readInput: the one way a CLI command reads a FILE or URL it was given, with a byte limit, so every command
// fails the same way (naming the file or URL and the limit) instead of each keeping its own copy.
import { readFile, stat } from 'node:fs/promises';
import { IotlabelError, isIotlabelError } from '../errors.js';
import { fetchLimited, type FetchFunction } from '../net/fetch-limited.js';

export interface ReadInputOptions {
  /** Largest input accepted, in bytes. */
  maxBytes: number;
  /** What the input is, for error messages: "--keys", "the status list"... */
  what: string;
  /** Time limit for a URL (default 10 s). */
  timeoutMs?: number;
  /** Accept header sent for a URL. */
  accept?: string;
  fetch?: FetchFunction;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export function isUrlInput(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** The bytes of a file or an http(s) URL. Missing or too large: exit 2; a URL that fails: NETWORK_FAILED. */
export async function readInputBytes(source: string, options: ReadInputOptions): Promise<Uint8Array> {
  return isUrlInput(source) ? readUrl(source, options) : readLocalFile(source, options);
}

/** The text (UTF-8) of a file or an http(s) URL; see readInputBytes. */
export async function readInput(source: string, options: ReadInputOptions): Promise<string> {
  return new TextDecoder().decode(await readInputBytes(source, options));
}

/** The text of a local file only (secrets and keys are never fetched); see readInputBytes. */
export async function readInputFile(path: string, options: ReadInputOptions): Promise<string> {
  return new TextDecoder().decode(await readLocalFile(path, options));
}

/** Why a file could not be opened, as a person says it: "no such file: X", not "(ENOENT)". */
export function fileProblem(path: string, error: unknown, what = 'the file'): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return `no such file: ${path}`;
    case 'EISDIR':
      return `${path} is a folder, not a file`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied reading ${what}`;
    default:
      return `${path}: cannot read ${what} (${(error as Error | undefined)?.message ?? 'unknown error'})`;
  }
}

async function readLocalFile(path: string, { maxBytes, what }: ReadInputOptions): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new IotlabelError('INPUT_UNREADABLE', `${path}: cannot read ${what} (not a file)`);
    if (info.size > maxBytes)
      throw new IotlabelError('PAYLOAD_TOO_LARGE', `${path}: ${what} is larger than ${maxBytes} bytes`);
    const bytes = await readFile(path);
    // The file may have grown between stat and read.
    if (bytes.byteLength > maxBytes)
      throw new IotlabelError('PAYLOAD_TOO_LARGE', `${path}: ${what} is larger than ${maxBytes} bytes`);
    return bytes;
  } catch (error) {
    if (isIotlabelError(error)) throw error;
    throw new IotlabelError('INPUT_UNREADABLE', fileProblem(path, error, what));
  }
}

async function readUrl(url: string, options: ReadInputOptions): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response;
  try {
    response = await fetchLimited(url, {
      maxBytes: options.maxBytes,
      timeoutMs,
      maxRedirects: 5,
      // The user named this URL on the command line; plain http is theirs to choose.
      allowHttp: true,
      ...(options.accept === undefined ? {} : { headers: { accept: options.accept } }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  } catch (error) {
    if (isIotlabelError(error) && error.code === 'RESPONSE_TOO_LARGE')
      throw new IotlabelError('PAYLOAD_TOO_LARGE', `${url}: ${options.what} is larger than ${options.maxBytes} bytes`);
    if (isIotlabelError(error) && error.code === 'NETWORK_TIMEOUT')
      throw new IotlabelError('NETWORK_FAILED', `${url}: no answer within ${timeoutMs / 1000} s`);
    if (isIotlabelError(error)) throw error;
    throw new IotlabelError('NETWORK_FAILED', `${url}: ${(error as Error).message}`);
  }
  if (response.status < 200 || response.status > 299)
    throw new IotlabelError('NETWORK_FAILED', `${url}: HTTP ${response.status}`);
  return response.body;
}
