// A published vendor algorithm, re-implemented from its public description (see each file's source note)
// and pinned to the published test vectors in test/evidence/passwords/vendor.test.ts.

export interface VendorInputs {
  serial?: string;
  /** 12 uppercase hex digits. */
  mac?: string;
  ssid?: string;
}

export interface VendorAlgorithm {
  id: string;
  title: string;
  /** Where the algorithm is described in public. */
  source: string;
  uses: 'serial' | 'mac';
  /** MAC offsets tried: the MAC on the sticker is not always the one the algorithm used. */
  macOffsets: readonly number[];
  /** The password the algorithm gives for these inputs (variant picks one of several candidates). */
  derive(inputs: VendorInputs, variant?: number): string | undefined;
  /** Whether `password` is one of the algorithm's candidates for these inputs. */
  matches(password: string, inputs: VendorInputs): boolean;
}

/** For algorithms with a short candidate list: matches = candidates include the password. */
export function candidateMatcher(candidates: (inputs: VendorInputs) => string[], caseless: boolean) {
  return (password: string, inputs: VendorInputs): boolean => {
    const p = caseless ? password.toUpperCase() : password;
    return candidates(inputs).some((c) => (caseless ? c.toUpperCase() : c) === p);
  };
}
