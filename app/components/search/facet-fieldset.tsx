import type { ChangeEvent } from "react";
import { t } from "~/i18n";
import "~/i18n/search";

export interface FacetOption {
  value: string;
  label: string;
  count: number;
  checked: boolean;
}

export interface FacetGroup {
  param: string;
  legend: string;
  options: FacetOption[];
}

/**
 * One facet as a group of checkboxes. The count next to a value is the number of results the
 * search would have after ticking it (counts are disjunctive within a facet), so people can
 * widen a search as well as narrow it. Inputs belong to the search form through `form`, so
 * the facets can sit beside the results.
 */
export function FacetFieldset({
  group,
  form,
  onChange,
}: {
  group: FacetGroup;
  form: string;
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <fieldset className="facet">
      <legend>{group.legend}</legend>
      <ul className="facet__options">
        {group.options.map((option, index) => {
          const id = `facet-${group.param}-${index}`;
          return (
            // Keyed by its checked state: a change made elsewhere (a chip removed, back button)
            // re-mounts the box with the server's state instead of keeping a stale tick.
            <li
              key={`${option.value}:${option.checked}`}
              className={
                option.count === 0 && !option.checked
                  ? "facet__option facet__option--empty"
                  : "facet__option"
              }
            >
              <input
                id={id}
                type="checkbox"
                name={group.param}
                value={option.value}
                form={form}
                defaultChecked={option.checked}
                onChange={onChange}
              />
              <label htmlFor={id}>
                {option.label}{" "}
                <span className="facet__count">
                  {t("search.facetCount", { count: option.count })}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
