import { useId } from "react";
import { t } from "~/i18n";

export type ListOfErrors = Array<string | null | undefined> | null | undefined;

export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const errorsToRender = errors?.filter(Boolean);
  if (!errorsToRender?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errorsToRender.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

interface FrameProps {
  label: string;
  hint?: string;
  errors?: ListOfErrors;
  optional?: boolean;
  /** The control's own id, if its props set one. */
  id?: string;
  /** Renders the control with its id and the aria attributes that tie it to hint and errors. */
  children: (control: { id: string } & ReturnType<typeof describedBy>) => React.ReactNode;
}

/**
 * Label, hint, control and errors, wired for assistive technology: `aria-invalid` when the
 * field has errors, `aria-describedby` naming the hint and the errors.
 */
function FieldFrame({ label, hint, errors, optional, id: givenId, children }: FrameProps) {
  const fallbackId = useId();
  const id = givenId ?? fallbackId;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional ? <span className="field__optional"> ({t("form.optional")})</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({ id, ...describedBy(id, hint, errors) })}
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

type WithKey<Props> = Props & { key?: string | null };
interface FieldBase {
  label: string;
  hint?: string;
  errors?: ListOfErrors;
  optional?: boolean;
}

export function Field({ inputProps, ...frame }: FieldBase & { inputProps: WithKey<React.InputHTMLAttributes<HTMLInputElement>> }) {
  const { key, ...props } = inputProps;
  return (
    <FieldFrame {...frame} id={props.id}>
      {(control) => <input key={key ?? undefined} {...props} {...control} />}
    </FieldFrame>
  );
}

export function TextareaField({
  textareaProps,
  ...frame
}: FieldBase & { textareaProps: WithKey<React.TextareaHTMLAttributes<HTMLTextAreaElement>> }) {
  const { key, ...props } = textareaProps;
  return (
    <FieldFrame {...frame} id={props.id}>
      {(control) => <textarea key={key ?? undefined} {...props} {...control} />}
    </FieldFrame>
  );
}

export function SelectField({
  selectProps,
  options,
  placeholder,
  ...frame
}: FieldBase & {
  selectProps: WithKey<React.SelectHTMLAttributes<HTMLSelectElement>>;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
}) {
  const { key, ...props } = selectProps;
  return (
    <FieldFrame {...frame} id={props.id}>
      {(control) => (
        <select key={key ?? undefined} {...props} {...control}>
          {placeholder !== undefined && !props.multiple ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

function describedBy(id: string, hint: string | undefined, errors: ListOfErrors) {
  const hasErrors = Boolean(errors?.some(Boolean));
  const ids = [hint ? `${id}-hint` : null, hasErrors ? `${id}-error` : null].filter(Boolean);
  return {
    "aria-invalid": hasErrors || undefined,
    "aria-describedby": ids.length ? ids.join(" ") : undefined,
  };
}

/** Errors about the whole form, at its top, announced when they appear. */
export function FormErrors({ id, errors }: { id: string; errors?: ListOfErrors }) {
  const list = errors?.filter(Boolean);
  return (
    <div id={id} role="alert" className={list?.length ? "form-errors" : undefined}>
      {list?.length ? <ErrorList errors={list} /> : null}
    </div>
  );
}

/** A polite status line, for "saved" confirmations. */
export function StatusMessage({ children }: { children?: React.ReactNode }) {
  return (
    <div role="status" className={children ? "status-message" : undefined}>
      {children}
    </div>
  );
}
