// Reads declaration files for the CLI: size-limited, JSON parsed inside a guard, every problem reported as
// "file: /json/path: message".
import { readFile, stat } from 'node:fs/promises';
import {
  parseDeclaration,
  decodeDeclarationJson,
  DeclarationInvalid,
  type Declaration,
} from '../../assessment/index.js';
import { fileProblem } from '../read-input.js';

export const MAX_DECLARATION_BYTES = 1024 * 1024;

export type DeclarationFile = { file: string; declaration: Declaration } | { file: string; problems: string[] };

export async function readDeclarationFile(file: string): Promise<DeclarationFile> {
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (info.size > MAX_DECLARATION_BYTES)
      return { file, problems: [`${file}: is ${info.size} bytes; the limit is ${MAX_DECLARATION_BYTES}`] };
    bytes = await readFile(file);
  } catch (error) {
    return { file, problems: [fileProblem(file, error, 'the declaration')] };
  }
  const decoded = decodeDeclarationJson(bytes);
  if ('problem' in decoded)
    return {
      file,
      problems: [`${file}: ${decoded.problem.path ? `${decoded.problem.path}: ` : ''}${decoded.problem.message}`],
    };
  try {
    return { file, declaration: parseDeclaration(decoded.value) };
  } catch (error) {
    if (error instanceof DeclarationInvalid)
      return { file, problems: error.problems.map((p) => `${file}: ${p.path || '/'}: ${p.message}`) };
    throw error;
  }
}
