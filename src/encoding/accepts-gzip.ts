// Content negotiation for gzip, shared by the log's entry bundles and the kept public pages.

let last: { header: string; gzip: boolean } = { header: '', gzip: false };

/**
 * Whether a client whose Accept-Encoding is `header` takes gzip (RFC 9110 §12.5.3): `gzip` or `*` listed with
 * a q-value above 0. The last header's answer is remembered: browsers send the same one on every request.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  if (header === last.header) return last.gzip;
  let star: boolean | undefined;
  let gzip: boolean | undefined;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const wanted = q === undefined || Number(q) > 0;
    if (coding.trim() === 'gzip' || coding.trim() === 'x-gzip') {
      gzip = wanted;
      break;
    }
    if (coding.trim() === '*') star = wanted;
  }
  const answer = gzip ?? star === true;
  if (header.length <= 256) last = { header, gzip: answer };
  return answer;
}
