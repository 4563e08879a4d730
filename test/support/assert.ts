// Assertion helpers shared by the test files.
import assert from 'node:assert/strict';

/**
 * A validator for `assert.rejects` / `assert.throws`: the error carries this `code` (the message is shown when
 * it does not). Tests assert the code, not just that something failed.
 */
export const hasCode =
  (expected: string) =>
  (error: unknown): true => {
    assert.equal((error as { code?: string }).code, expected, String((error as Error).message));
    return true;
  };
