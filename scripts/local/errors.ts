/** A problem with the local set-up that the person at the keyboard can fix; printed as one line, no stack. */
export class LocalSetupError extends Error {
  override name = 'LocalSetupError';
}
