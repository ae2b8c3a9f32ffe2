/**
 * Search synonyms (SPEC §3 Catalogue search), kept by ops: a word as villagers
 * say it (`化肥`, `电饭锅`, `衣服`) and the words of the catalogue a query for
 * it also looks up (`复合肥`, `尿素`; `电饭煲`; `上衣`, `外套`). A query reads
 * its own terms first, then each expansion's, in the order kept here, so a
 * search with synonyms reads at most `1 + maxExpansions` terms' pages: the
 * same cost whatever the catalogue's size.
 */
import { fieldError, InputError, type FieldError } from '#shared/errors.ts';
import { normalise, planQuery } from './search.ts';

/** The most a word expands to: each is one more term to read. */
export const maxExpansions = 6;

export interface Synonym {
  /** The word as a query is normalised (shared/domain/search.ts `normalise`): what a query must equal to expand. */
  word: string;
  /** Normalised the same way, in the order they are read. */
  expandsTo: string[];
  createdAt: string;
  updatedAt: string;
}

/**
 * A synonym as ops keep it: the word and each expansion normalised as a query
 * is, each something a search can look up (one Chinese character, or two
 * letters or more), none the word itself, none twice. Every wrong one is named.
 */
export function keepSynonym(word: string, expandsTo: readonly string[], before: Synonym | undefined, now: Date): Synonym {
  const errors: FieldError[] = [];
  const w = normalise(word);
  if (planQuery(w).length === 0) errors.push(fieldError('path.word', 'field.searchWord'));
  const kept: string[] = [];
  expandsTo.forEach((raw, i) => {
    const e = normalise(raw);
    const path = `body.expandsTo.${i}`;
    if (planQuery(e).length === 0) errors.push(fieldError(path, 'field.searchWord'));
    else if (e === w) errors.push(fieldError(path, 'field.synonymSelf'));
    else if (kept.includes(e)) errors.push(fieldError(path, 'field.synonymRepeated'));
    else kept.push(e);
  });
  if (errors.length) throw new InputError(errors);
  const at = now.toISOString();
  return { word: w, expandsTo: kept, createdAt: before?.createdAt ?? at, updatedAt: at };
}

/**
 * What a query looks up, in turn: the query itself, then what its synonym
 * expands to (when the normalised query is a kept word). Never more than
 * `1 + maxExpansions` texts.
 */
export const queryTexts = (q: string, synonym: Synonym | undefined): string[] => [q, ...(synonym?.expandsTo ?? []).slice(0, maxExpansions)];
