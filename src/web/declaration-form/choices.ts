// The words the form offers for each coded answer, in one place: the radios show them, and "Check your
// answers" shows the same words back instead of the codes the declaration stores.
export interface Choice {
  value: string;
  text: string;
}

export const SCHEME_CHOICES: readonly Choice[] = [
  { value: 'unique-per-device', text: 'Each device has its own password' },
  { value: 'user-defined', text: 'The user sets the password before first use' },
  { value: 'universal-default', text: 'Every device starts with the same password' },
  { value: 'none', text: 'The product uses no passwords' },
];

export const GENERATION_CHOICES: readonly Choice[] = [
  { value: 'csprng', text: 'Random, from a cryptographically secure generator' },
  { value: 'keyed-hash', text: 'Derived with a secret key (keyed hash)' },
  { value: 'encryption', text: 'Derived by encryption with a secret key' },
  {
    value: 'derived-from-identifier',
    text: 'Derived from the serial number, MAC address or another identifier',
  },
  { value: 'incremental', text: 'Counted up from one device to the next' },
  { value: 'other', text: 'Another way' },
];

/** The words for a coded answer; the code itself when it is not one the form offers. */
export function choiceText(choices: readonly Choice[], value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return choices.find((c) => c.value === value)?.text ?? value;
}
