// Content negotiation for gzip and brotli, shared by the log's entry bundles and the kept public pages.

export interface AcceptedCodings {
  gzip: boolean;
  br: boolean;
}

let last: { header: string; codings: AcceptedCodings } = { header: '', codings: { gzip: false, br: false } };

/**
 * Which of gzip and brotli a client whose Accept-Encoding is `header` takes (RFC 9110 §12.5.3): the coding, or
 * `*`, listed with a q-value above 0 (a coding named outright wins over `*`). The last header's answer is
 * remembered: browsers send the same one on every request.
 */
export function acceptedCodings(header: string | string[] | undefined): AcceptedCodings {
  if (typeof header !== 'string') return { gzip: false, br: false };
  if (header === last.header) return last.codings;
  let star: boolean | undefined;
  let gzip: boolean | undefined;
  let br: boolean | undefined;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const wanted = q === undefined || Number(q) > 0;
    const name = coding.trim();
    if (name === 'gzip' || name === 'x-gzip') gzip ??= wanted;
    else if (name === 'br') br ??= wanted;
    else if (name === '*') star ??= wanted;
  }
  const codings = Object.freeze({ gzip: gzip ?? star === true, br: br ?? star === true });
  if (header.length <= 256) last = { header, codings };
  return codings;
}

/** Whether the client takes gzip (see acceptedCodings). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  return acceptedCodings(header).gzip;
}
