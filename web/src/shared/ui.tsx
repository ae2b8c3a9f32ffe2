import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n.ts';
import { ask, forget, loadIntent, markSeen, newKey, onIntentsChange, showing, type Command, type Intent } from './intent.ts';
import { formatFen } from './money.ts';
import { explain, shownProblem, type Shown } from './problems.ts';

let ids = 0;
const useId = () => useState(() => `f${++ids}`)[0];

export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ComponentChildren;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [props.error ? errorId : '', props.hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.children(id, describedBy)}
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={errorId} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onInput' | 'value'> & {
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  name: string;
};

export function TextInput({ label, value, onValue, error, hint, ...rest }: InputProps) {
  return (
    <Field label={label} error={error} {...(hint ? { hint } : {})}>
      {(id, describedBy) => (
        <input
          id={id}
          value={value}
          onInput={(e) => onValue((e.target as HTMLInputElement).value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          {...rest}
        />
      )}
    </Field>
  );
}

export function Select(props: {
  label: string;
  name: string;
  value: string;
  onValue: (v: string) => void;
  options: [string, string][];
  error?: string | undefined;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(id, describedBy) => (
        <select
          id={id}
          name={props.name}
          value={props.value}
          onChange={(e) => props.onValue((e.target as HTMLSelectElement).value)}
          aria-describedby={describedBy}
          aria-invalid={props.error ? 'true' : undefined}
        >
          {props.options.map(([value, text]) => (
            <option value={value} key={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Choice(props: { legend: string; name: string; value: string; onValue: (v: string) => void; options: [string, string][] }) {
  return (
    <fieldset class="choice">
      <legend>{props.legend}</legend>
      {props.options.map(([value, text]) => (
        <label key={value}>
          <input type="radio" name={props.name} value={value} checked={props.value === value} onChange={() => props.onValue(value)} /> {text}
        </label>
      ))}
    </fieldset>
  );
}

export const Money = ({ fen }: { fen: number }) => <span class="money">{formatFen(fen)}</span>;

/** A row of figures: a label and an amount in fen (a count with 'count'; '—' when not known yet). */
export type Figure = readonly [label: string, value: number | undefined, kind?: 'count'];

/** Labelled figures, amounts right-aligned; `false` rows are left out. */
export function Figures({ rows, big, live }: { rows: (Figure | false)[]; big?: boolean; live?: boolean }) {
  return (
    <dl class={`figures${big ? ' big' : ''}`} aria-live={live ? 'polite' : undefined}>
      {rows
        .filter((row): row is Figure => row !== false)
        .map(([label, value, kind]) => [
          <dt key={`${label}-t`}>{label}</dt>,
          <dd key={`${label}-d`}>{value === undefined ? '—' : kind === 'count' ? value : <Money fen={value} />}</dd>,
        ])}
    </dl>
  );
}

export function Notice({ shown, kind = 'error' }: { shown?: Shown | string | undefined; kind?: 'error' | 'ok' | 'info' }) {
  if (!shown) return null;
  const message = typeof shown === 'string' ? shown : shown.message;
  return (
    <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {message}
    </p>
  );
}

/** Runs an async action for a form: busy state, and any problem explained (message + per-field). */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Shown | undefined>();
  const run = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setProblem(undefined);
    try {
      return await action();
    } catch (error) {
      setProblem(explain(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, fieldError: (name: string) => problem?.fields[name], run };
}

/** For lists read as the partner types or taps: only the answer to the latest request is shown. */
export function useLatest() {
  const latest = useRef(0);
  return () => {
    const mine = ++latest.current;
    return () => mine === latest.current;
  };
}

export function Section(props: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** What a form asks for when the partner confirms: the command, the fields as they were, and what kind of answer it gets. */
export interface Asked {
  command: Command;
  draft?: unknown;
  kind?: 'order';
  /** Said before sending, for commands that move cash: how much goes into or out of the drawer. */
  confirm?: string;
}

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
    const read = () =>
      void loadIntent<T>(formId).then((i) => {
        if (!live) return;
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
