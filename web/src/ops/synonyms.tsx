import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { CommandForm, RowCommand } from '../shared/intent-ui.tsx';
import { FormMistake } from '../shared/problems.ts';
import { Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type { Page, SynonymView } from '../shared/types.ts';
import { TableBox } from './table-box.tsx';
import { t } from './texts.ts';

/** Every synonym kept, by word: a county keeps tens of them (the first page of 100 holds them all). */
const readSynonyms = async () => (await api<Page<SynonymView>>('GET', '/v1/search-synonyms?limit=100')).items;

/** The words typed as one line: split at commas, 、, semicolons or spaces, as a person lists words. */
const wordsOf = (text: string) =>
  text
    .split(/[,，、;；\s]+/u)
    .map((w) => w.trim())
    .filter(Boolean);

/**
 * 搜索同义词: how villagers name things (化肥, 电饭锅, 衣服) and the catalogue's words a
 * search for them also finds (复合肥 尿素, 电饭煲, 上衣 外套). Kept with a PUT (the same
 * word again replaces its list), forgotten with a DELETE.
 */
export function SynonymScreen() {
  const [items, setItems] = useState<SynonymView[] | undefined>();
  const [word, setWord] = useState('');
  const [expands, setExpands] = useState('');
  /** Changed once a save or a removal is done, so the forms start anew for the next word. */
  const [round, setRound] = useState(0);
  /** What the last removal did: said above the list, since the row (and its form) leaves it. */
  const [news, setNews] = useState<string | undefined>();
  const load = useAction();
  const reload = () => void load.run(async () => setItems(await readSynonyms()));
  useEffect(reload, []);
  return (
    <>
      <h1>{t('ops.synonyms.title')}</h1>
      <p class="hint">{t('ops.synonyms.intro')}</p>
      <Notice shown={load.problem} />
      <Section title={t('ops.synonyms.keep')} id="keep-synonym">
        <CommandForm<SynonymView>
          key={round}
          formId="ops:synonym"
          submitLabel={t('ops.synonyms.save')}
          build={() => {
            const w = word.trim();
            if (!w) throw new FormMistake(t('ops.synonyms.wordNeeded'), 'word');
            const expandsTo = wordsOf(expands);
            if (expandsTo.length === 0) throw new FormMistake(t('ops.synonyms.expandsNeeded'), 'expandsTo');
            return {
              command: { method: 'PUT', path: `/v1/search-synonyms/${encodeURIComponent(w)}`, body: { expandsTo }, label: t('ops.synonyms.save') },
              draft: { word, expands },
            };
          }}
          outcome={(s) => t('ops.synonyms.saved', { word: s.word, expands: s.expandsTo.join('、') })}
          onDone={() => {
            setWord('');
            setExpands('');
            reload();
          }}
          again={t('ops.synonyms.another')}
        >
          {(intent) => (
            <>
              <TextInput
                name="word"
                label={t('ops.synonyms.word')}
                hint={t('ops.synonyms.wordHint')}
                value={word}
                onValue={setWord}
                error={intent.fieldError('word')}
                required
              />
              <TextInput
                name="expandsTo"
                label={t('ops.synonyms.expands')}
                hint={t('ops.synonyms.expandsHint')}
                value={expands}
                onValue={setExpands}
                error={intent.fieldError('expandsTo') ?? Object.entries(intent.problem?.fields ?? {}).find(([k]) => k.startsWith('expandsTo.'))?.[1]}
                required
              />
            </>
          )}
        </CommandForm>
      </Section>
      <Section title={t('ops.synonyms.list')} id="synonyms">
        <Notice kind="ok" shown={news} />
        {items && items.length === 0 && <p>{t('ops.none')}</p>}
        {items && items.length > 0 && (
          <TableBox label={t('ops.synonyms.list')}>
            <table class="data">
              <caption class="sr-only">{t('ops.synonyms.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ops.synonyms.word')}</th>
                  <th scope="col">{t('ops.synonyms.expands')}</th>
                  <th scope="col">
                    <span class="sr-only">{t('ops.synonyms.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={`${s.word}:${s.updatedAt}`}>
                    <th scope="row">{s.word}</th>
                    <td>{s.expandsTo.join('、')}</td>
                    <td class="actions">
                      <button
                        type="button"
                        onClick={() => {
                          setRound((n) => n + 1);
                          setWord(s.word);
                          setExpands(s.expandsTo.join('、'));
                          document.getElementById('keep-synonym')?.scrollIntoView();
                        }}
                        aria-label={t('ops.synonyms.changeNamed', { word: s.word })}
                      >
                        {t('ops.synonyms.change')}
                      </button>
                      <RowCommand
                        formId={`ops:synonym-forget:${s.word}:${s.updatedAt}`}
                        label={t('ops.synonyms.forgetNamed', { word: s.word })}
                        command={{ method: 'DELETE', path: `/v1/search-synonyms/${encodeURIComponent(s.word)}` }}
                        outcome={() => t('ops.synonyms.forgotten', { word: s.word })}
                        onDone={(said) => {
                          setNews(said);
                          reload();
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        )}
      </Section>
    </>
  );
}
