import { normalise } from '#domain/search.ts';
import { keepSynonym } from '#domain/synonyms.ts';
import type { RouteHandler } from '#http/route.ts';
import * as synonymStore from '#store/synonyms.ts';
import type { catalogApi } from './api.ts';

export const putSynonym: RouteHandler<typeof catalogApi.putSynonym> = async (req) => {
  const before = await synonymStore.find(normalise(req.params.word), true);
  const synonym = keepSynonym(req.params.word, req.body.expandsTo, before, req.now);
  await synonymStore.save(synonym);
  return { status: before ? 200 : 201, body: synonym };
};

export const listSynonyms: RouteHandler<typeof catalogApi.listSynonyms> = async (req) => ({
  status: 200,
  body: await synonymStore.list(req.query.limit ?? 100, req.query.next),
});

export const deleteSynonym: RouteHandler<typeof catalogApi.deleteSynonym> = async (req) => {
  await synonymStore.remove(normalise(req.params.word));
  return { status: 204, body: null };
};
