import { Link } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/search";

export interface FilterChip {
  key: string;
  /** "Type: Guide" */
  label: string;
  /** The same search without this value. */
  removeHref: string;
}

/** The active filters, each a link that removes it; then one that removes them all. */
export function FilterChips({ chips, clearHref }: { chips: FilterChip[]; clearHref: string }) {
  if (chips.length === 0) return null;
  return (
    <nav aria-label={t("search.activeFilters")} className="chips">
      <ul>
        {chips.map((chip) => (
          <li key={chip.key}>
            <Link to={chip.removeHref} className="chip" preventScrollReset>
              <span className="visually-hidden">{t("search.removeFilter")} </span>
              {chip.label}
              <span aria-hidden="true" className="chip__remove">
                ×
              </span>
            </Link>
          </li>
        ))}
        {chips.length > 1 ? (
          <li>
            <Link to={clearHref} preventScrollReset>
              {t("search.clearFilters")}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
