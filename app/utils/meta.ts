import type { MetaDescriptor } from "@remix-run/node";
import { t } from "~/i18n";

/** Every page has its own title and description. */
export function pageMeta(title: string, description: string): MetaDescriptor[] {
  const fullTitle = title === t("site.name") ? title : `${title} · ${t("site.name")}`;
  return [
    { title: fullTitle },
    { name: "description", content: description },
    { property: "og:title", content: fullTitle },
    { property: "og:description", content: description },
  ];
}
