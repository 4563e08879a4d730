// Whom `iotlabel verify` trusts: registries the verifier named itself (--trust URL, repeatable; the
// IOTLABEL_TRUST variable; a trust file from --trust-file or IOTLABEL_TRUST_FILE). Never a host the scanned
// link or the token names: that is what a forger controls.
import { IotlabelError } from '../../errors.js';
import { CONFIG_VARIABLES, type Config } from '../../server/config.js';
import { registryUrl } from '../../labels/checks.js';
import { readInputFile } from '../read-input.js';

/** The variables behind Config's `trust` and `trustFile` (read with the others in src/server/config.ts). */
export const TRUST_VARIABLES = { registries: CONFIG_VARIABLES.trust, file: CONFIG_VARIABLES.trustFile } as const;

const MAX_TRUST_FILE_BYTES = 64 * 1024;

export interface TrustSources {
  /** --trust values, in order. */
  trust: readonly string[];
  trustFile?: string | undefined;
  /** IOTLABEL_TRUST and IOTLABEL_TRUST_FILE, as main() read them. */
  config: Pick<Config, 'trust' | 'trustFile'>;
}

/**
 * The trusted registries, canonical (no trailing slash) and without repeats. IOTLABEL_TRUST holds URLs
 * separated by commas or spaces; a trust file holds one URL a line, with "#" comments. A value that is not
 * an http(s) URL is a usage error naming where it came from.
 */
export async function trustedRegistries(sources: TrustSources): Promise<string[]> {
  const found: { url: string; from: string }[] = sources.trust.map((url) => ({ url, from: '--trust' }));
  const fromEnv = sources.config.trust;
  if (fromEnv !== undefined && fromEnv.trim() !== '')
    for (const url of fromEnv.split(/[\s,]+/).filter((u) => u !== ''))
      found.push({ url, from: TRUST_VARIABLES.registries });
  const file = sources.trustFile ?? nonEmpty(sources.config.trustFile);
  if (file !== undefined) {
    const text = await readInputFile(file, { maxBytes: MAX_TRUST_FILE_BYTES, what: 'the trust file' });
    text.split(/\r?\n/).forEach((line, i) => {
      const url = line.replace(/#.*$/, '').trim();
      if (url !== '') found.push({ url, from: `${file}:${i + 1}` });
    });
  }
  const registries: string[] = [];
  for (const { url, from } of found) {
    if (!isRegistryUrl(url))
      throw new IotlabelError('USAGE', `${from}: "${url}" is not a registry URL (http(s)://host[/path])`);
    const canonical = registryUrl(url);
    if (!registries.includes(canonical)) registries.push(canonical);
  }
  return registries;
}

function isRegistryUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
