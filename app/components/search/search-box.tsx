import type { FormEvent, Ref } from "react";
import { t } from "~/i18n";
import "~/i18n/search";

/**
 * The labelled query box with its submit button. Without JavaScript the button submits the
 * form; with it, `onQueryInput` may search as the person types (the box is never re-mounted,
 * so focus and caret stay where they are).
 */
export function SearchBox({
  id,
  label,
  hint,
  defaultValue,
  maxLength,
  inputRef,
  onQueryInput,
}: {
  id: string;
  label: string;
  hint?: string;
  defaultValue: string;
  maxLength?: number;
  inputRef?: Ref<HTMLInputElement>;
  onQueryInput?: (event: FormEvent<HTMLInputElement>) => void;
}) {
  return (
    <div className="field search-box">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <div className="search-box__row">
        <input
          ref={inputRef}
          id={id}
          type="search"
          name="q"
          defaultValue={defaultValue}
          maxLength={maxLength}
          autoComplete="off"
          spellCheck
          enterKeyHint="search"
          aria-describedby={hint ? `${id}-hint` : undefined}
          onInput={onQueryInput}
        />
        <button type="submit">{t("search.submit")}</button>
      </div>
    </div>
  );
}
