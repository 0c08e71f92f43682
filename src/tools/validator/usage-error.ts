/** A mistake in how the validator was called (bad root, unreadable baseline): exit status 2, not a finding. */
export class ValidatorUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidatorUsageError';
  }
}
