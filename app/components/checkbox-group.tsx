import { getCollectionProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList } from "~/components/forms";

/**
 * A group of checkboxes under one legend. Its errors (including a bad value in one box,
 * which conform files under "topics[0]") sit under the legend and describe the group.
 */
export function CheckboxGroup<Schema>({
  legend,
  meta,
  options,
}: {
  legend: string;
  meta: FieldMetadata<Schema, Record<string, unknown>, string[]>;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const errors = Object.values(meta.allErrors).flat();
  const errorId = `${meta.id}-error`;
  const boxes = getCollectionProps(meta, {
    type: "checkbox",
    options: options.map((option) => option.value),
    ariaAttributes: false,
  });
  return (
    <fieldset className="checkbox-group" aria-describedby={errors.length ? errorId : undefined}>
      <legend>{legend}</legend>
      <ErrorList id={errorId} errors={errors} />
      <div className="checkbox-group__options">
        {boxes.map(({ key, required: _required, ...box }, index) => (
          // `required` on every box would ask for all of them to be ticked; the schema asks for one.
          <div key={key} className="checkbox-group__option">
            <input {...box} />
            <label htmlFor={box.id}>{options[index]?.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
