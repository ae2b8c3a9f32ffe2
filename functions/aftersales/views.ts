import { claimAnswer, remedyWords, type Claim } from '#domain/after-sales.ts';
import { render, type Lang } from '#shared/i18n/messages.ts';

/** A claim with what the three guarantees give, in the caller's language, to read aloud to the villager. */
export const claimView = (claim: Claim, lang: Lang) => ({ ...claim, says: remedyWords(claimAnswer(claim)).map((m) => render(m, lang)) });
