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

interface FieldProps {
  label: string;
  hint?: string;
  errors?: ListOfErrors;
  inputProps: React.InputHTMLAttributes<HTMLInputElement> & { key?: string | null };
  optional?: boolean;
}

/**
 * A labelled input with its hint and errors, wired for assistive technology:
 * `aria-invalid` when it has errors, `aria-describedby` naming the hint and the errors.
 */
export function Field({ label, hint, errors, inputProps, optional }: FieldProps) {
  const fallbackId = useId();
  const { key, ...props } = inputProps;
  const id = props.id ?? fallbackId;
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
      <input key={key ?? undefined} {...props} id={id} {...describedBy(id, hint, errors)} />
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

interface TextareaFieldProps {
  label: string;
  hint?: string;
  errors?: ListOfErrors;
  textareaProps: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { key?: string | null };
  optional?: boolean;
}

export function TextareaField({ label, hint, errors, textareaProps, optional }: TextareaFieldProps) {
  const fallbackId = useId();
  const { key, ...props } = textareaProps;
  const id = props.id ?? fallbackId;
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
      <textarea key={key ?? undefined} {...props} id={id} {...describedBy(id, hint, errors)} />
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

interface SelectFieldProps {
  label: string;
  hint?: string;
  errors?: ListOfErrors;
  selectProps: React.SelectHTMLAttributes<HTMLSelectElement> & { key?: string | null };
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  optional?: boolean;
}

export function SelectField({ label, hint, errors, selectProps, options, placeholder, optional }: SelectFieldProps) {
  const fallbackId = useId();
  const { key, ...props } = selectProps;
  const id = props.id ?? fallbackId;
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
      <select key={key ?? undefined} {...props} id={id} {...describedBy(id, hint, errors)}>
        {placeholder !== undefined && !props.multiple ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
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
