// Where the external conformance data lives: ../shared/conformance beside the checkout, or $IOTLABEL_CONFORMANCE_DIR.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const conformanceDir =
  process.env.IOTLABEL_CONFORMANCE_DIR ??
  resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/conformance');
