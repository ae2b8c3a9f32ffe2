/**
 * The one-time codes a villager holds (the delivery code): six digits, kept
 * only as a salted hash. The domain decides with them but draws no random
 * number and hashes nothing itself, so it stays free of I/O and the pages can
 * import it: `shared/codes.ts` issues and checks codes, and the handlers hand
 * them in.
 */
export interface IssuedCode {
  /** What the villager is told (on the receipt); never stored. */
  code: string;
  /** What is kept. */
  hash: string;
}

/** Whether a code someone typed is the one whose hash is kept. */
export type CodeMatcher = (hash: string, code: string) => boolean;
