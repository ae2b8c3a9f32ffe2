import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { formatFen } from './money.ts';
import { kg } from './weights.ts';
import { explain, type Shown } from './problems.ts';

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

/** A row of figures: a label and an amount in fen (a count with 'count', a weight in grams with 'grams'; '—' when not known yet). */
export type Figure = readonly [label: string, value: number | undefined, kind?: 'count' | 'grams'];

/** Labelled figures, amounts right-aligned; `false` rows are left out. */
export function Figures({ rows, big, live }: { rows: (Figure | false)[]; big?: boolean; live?: boolean }) {
  return (
    <dl class={`figures${big ? ' big' : ''}`} aria-live={live ? 'polite' : undefined}>
      {rows
        .filter((row): row is Figure => row !== false)
        .map(([label, value, kind]) => [
          <dt key={`${label}-t`}>{label}</dt>,
          <dd key={`${label}-d`}>{value === undefined ? '—' : kind === 'count' ? value : kind === 'grams' ? kg(value) : <Money fen={value} />}</dd>,
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
