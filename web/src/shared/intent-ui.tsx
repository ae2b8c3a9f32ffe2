import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n.ts';
import { ask, forget, loadIntent, markSeen, newKey, onIntentsChange, showing, type Command, type Intent, type IntentKind } from './intent.ts';
import { explain, shownProblem, type Shown } from './problems.ts';
import { Notice } from './ui.tsx';

/** What a form asks for when the partner confirms: the command, the fields as they were, and what kind of answer it gets. */
export interface Asked {
  command: Command;
  draft?: unknown;
  kind?: IntentKind;
  /** Said before sending, for commands that move cash: how much goes into or out of the drawer. */
  confirm?: string;
}

/**
 * Keys of the intents whose outcome this page has already shown. Marking an intent seen is a write to IndexedDB that
 * may land after the partner has left the form and come back; what this page showed is old whatever the store says.
 */
const shownHere = new Set<string>();

/**
 * A form's intent (shared/intent.ts): its key, its lock while waiting, its
 * outcome. `submit` builds the command (a FormMistake names a field), asks to
 * confirm when the command moves cash, and sends it once.
 */
export function useIntent<T = unknown>(formId: string) {
  const [intent, setIntent] = useState<Intent<T> | undefined>();
  const [loaded, setLoaded] = useState(false);
  const [key, setKey] = useState<string>(newKey);
  const [asking, setAsking] = useState(false);
  const [confirming, setConfirming] = useState<Asked | undefined>();
  const [mistake, setMistake] = useState<Shown | undefined>();
  /** Set in the same tick as the tap: a second tap before any re-render finds it. */
  const lock = useRef(false);

  useEffect(() => {
    let live = true;
    let first = true;
    /** The old outcome this form dropped when it opened: a read that overtakes its forgetting must not bring it back. */
    let dropped: string | undefined;
    const read = () =>
      void loadIntent<T>(formId).then((i) => {
        if (!live) return;
        // An outcome is said once, where it was asked or the first time its form shows after it came. A form opened
        // again later starts anew: it must never show an old ticket or receipt under new figures, with no way to go on.
        const old = i?.state === 'done' && (i.seen || shownHere.has(i.key));
        if (old && (first || i.key === dropped)) {
          first = false;
          void forget(formId);
          setIntent(undefined);
          setLoaded(true);
          if (i.key !== dropped) setKey(newKey());
          dropped = i.key;
          return;
        }
        first = false;
        setIntent(i);
        setLoaded(true);
        if (i?.state === 'pending') setKey(i.key);
        // A refusal applied nothing: the corrected form is a new attempt, under a new key.
        if (i?.state === 'refused') setKey((k) => (k === i.key ? newKey() : k));
      });
    read();
    const stop = onIntentsChange(read);
    const hide = showing(formId);
    return () => {
      live = false;
      stop();
      hide();
    };
  }, [formId]);

  useEffect(() => {
    if (intent?.state === 'done') shownHere.add(intent.key);
    if (intent && intent.state !== 'pending' && !intent.seen) void markSeen(formId);
  }, [intent?.state, intent?.seen]);

  const send = async (asked: Asked) => {
    setConfirming(undefined);
    lock.current = true;
    setAsking(true);
    try {
      const { confirm: _said, ...rest } = asked;
      setIntent((await ask({ formId, key, ...rest })) as Intent<T>);
    } catch (error) {
      setMistake(explain(error));
    } finally {
      lock.current = false;
      setAsking(false);
    }
  };

  const locked = asking || intent?.state === 'pending' || (intent?.state === 'done' && intent.key === key);
  const problem = mistake ?? (intent?.state === 'refused' && intent.problem ? shownProblem(intent.problem) : undefined);
  return {
    intent,
    loaded,
    key,
    locked,
    busy: asking,
    pending: intent?.state === 'pending',
    done: intent?.state === 'done' ? intent : undefined,
    confirming,
    problem,
    fieldError: (name: string): string | undefined => problem?.fields[name],
    /** Builds and sends (after a confirmation, when it moves cash). Does nothing while the form is locked. */
    submit(build: () => Asked) {
      if (lock.current || locked || confirming) return;
      setMistake(undefined);
      let asked: Asked;
      try {
        asked = build();
      } catch (error) {
        setMistake(explain(error));
        return;
      }
      if (asked.confirm) setConfirming(asked);
      else void send(asked);
    },
    confirm: () => confirming && void send(confirming),
    cancelConfirm: () => setConfirming(undefined),
    /** A new intent on the same form (after its outcome was shown): a new key. */
    async reset() {
      await forget(formId);
      setIntent(undefined);
      setMistake(undefined);
      setKey(newKey());
    },
  };
}

export type FormIntent<T = unknown> = ReturnType<typeof useIntent<T>>;

/** Where the partner is looking: the confirmation to give, that it waits for the network, or what happened. */
/** What happened, said after a command: a sentence, and whether it is good news (a shortfall is not). */
export type Outcome = string | { message: string; kind: 'ok' | 'info' | 'error' };

export function IntentStatus<T>({ intent, submitLabel, outcome }: { intent: FormIntent<T>; submitLabel: string; outcome?: (result: T) => Outcome }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (intent.confirming) ref.current?.querySelector<HTMLButtonElement>('button.primary')?.focus();
  }, [Boolean(intent.confirming)]);
  if (intent.confirming) {
    return (
      <div class="confirm" role="alertdialog" aria-label={t('confirm.title')} aria-describedby={`${intent.key}-confirm`} ref={ref}>
        <p id={`${intent.key}-confirm`}>{intent.confirming.confirm}</p>
        <div class="actions">
          <button type="button" class="primary" onClick={intent.confirm}>
            {t('confirm.yes')}
          </button>
          <button type="button" onClick={intent.cancelConfirm}>
            {t('confirm.no')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <>
      <Notice shown={intent.problem} />
      {intent.pending && <Notice kind="info" shown={t('pending.queued')} />}
      {intent.done && <OutcomeNotice outcome={outcome && intent.done.result !== undefined ? outcome(intent.done.result) : t('done')} />}
      {!intent.done && (
        <button class="primary" type="submit" disabled={intent.locked} aria-disabled={intent.locked}>
          {intent.pending ? t('pending.waiting') : submitLabel}
        </button>
      )}
    </>
  );
}

function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  const { message, kind } = typeof outcome === 'string' ? { message: outcome, kind: 'ok' as const } : outcome;
  return <Notice kind={kind} shown={message} />;
}

/** A form that sends one command through its intent: confirmation first when it moves cash, then what happened. */
export function CommandForm<T>(props: {
  formId: string;
  /** A heading of its own (left out when the section around it says what it is). */
  title?: string;
  submitLabel: string;
  children?: (intent: FormIntent<T>) => ComponentChildren;
  build: (intent: FormIntent<T>) => Asked;
  outcome?: (result: T) => Outcome;
  /** After a success, with what was said about it; `again` offers the same form anew (a new intent) with this label. */
  onDone?: (result: T, said: string) => void;
  /** After a refusal (what it concerns may have changed: an order locked by a wrong code). */
  onRefused?: () => void;
  again?: string;
}) {
  const intent = useIntent<T>(props.formId);
  const reported = useRef<string | undefined>();
  useEffect(() => {
    const done = intent.done;
    if (done && !done.seen && reported.current !== done.key) {
      reported.current = done.key;
      const said = props.outcome ? props.outcome(done.result as T) : t('done');
      props.onDone?.(done.result as T, typeof said === 'string' ? said : said.message);
    }
  }, [intent.done?.key]);
  const refused = intent.intent?.state === 'refused' && !intent.intent.seen ? intent.intent.key : undefined;
  useEffect(() => {
    if (refused) props.onRefused?.();
  }, [refused]);
  return (
    <form
      class="command"
      aria-busy={intent.busy}
      onSubmit={(e) => {
        e.preventDefault();
        intent.submit(() => props.build(intent));
      }}
    >
      {props.title && <h3>{props.title}</h3>}
      <fieldset class="plain" disabled={intent.locked || Boolean(intent.confirming)}>
        <legend class="sr-only">{props.title ?? props.submitLabel}</legend>
        {props.children?.(intent)}
      </fieldset>
      <IntentStatus intent={intent} submitLabel={props.submitLabel} {...(props.outcome ? { outcome: props.outcome } : {})} />
      {intent.done && props.again && (
        <button type="button" onClick={() => void intent.reset()}>
          {props.again}
        </button>
      )}
    </form>
  );
}

/** A one-button command on a list's row (disable, move, remove): the button says what it does, and to what. */
export function RowCommand<T>(props: {
  formId: string;
  label: string;
  command: Omit<Command, 'label'>;
  outcome: (result: T) => string;
  onDone: (said: string) => void;
}) {
  return (
    <CommandForm<T>
      formId={props.formId}
      submitLabel={props.label}
      build={() => ({ command: { ...props.command, label: props.label } })}
      outcome={props.outcome}
      onDone={(_r, said) => props.onDone(said)}
    />
  );
}
