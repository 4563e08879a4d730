// Reads a small multipart form (a few fields and at most one file) into memory, checking the CSRF token
// before a byte of the file is kept. For large files that should be spooled to disk, see the retailer's
// catalogue upload. Sizes are bounded by the busboy limits the caller passes: a file over `fileSize` is cut
// off and marked `tooLarge`, a field over `fieldSize` is marked in `truncated`, so the page can say what
// was too large instead of failing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_FIELD, verifyMultipartCsrf } from './csrf.js';

export interface UploadedFile {
  field: string;
  /** As the browser named it; empty when no file was chosen. */
  name: string;
  bytes: Buffer;
  /** The file was larger than the limit; `bytes` holds only its start. */
  tooLarge: boolean;
}

export interface UploadForm {
  fields: Record<string, string>;
  /** Fields whose value was longer than the limit. */
  truncated: Set<string>;
  file: UploadedFile | null;
}

export interface UploadLimits {
  fileSize: number;
  fieldSize: number;
  fields: number;
}

/** The form, or null when the CSRF check refused it (the refusal has been sent; return the reply). */
export async function readUploadForm(
  web: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  limits: UploadLimits,
): Promise<UploadForm | null> {
  const form: UploadForm = { fields: {}, truncated: new Set(), file: null };
  for await (const part of request.parts({ limits: { ...limits, files: 1, parts: limits.fields + 1 } })) {
    if (part.type === 'field') {
      form.fields[part.fieldname] = String(part.value);
      if (part.valueTruncated) form.truncated.add(part.fieldname);
      continue;
    }
    // The token is the form's first field, so it is known before the file is read.
    if (!verifyMultipartCsrf(web, request, reply, form.fields[CSRF_FIELD])) {
      part.file.resume();
      return null;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of part.file) chunks.push(chunk as Buffer);
    form.file = {
      field: part.fieldname,
      name: part.filename,
      bytes: Buffer.concat(chunks),
      tooLarge: part.file.truncated,
    };
  }
  if (form.file === null && !verifyMultipartCsrf(web, request, reply, form.fields[CSRF_FIELD])) return null;
  return form;
}
