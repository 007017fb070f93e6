import { t } from "~/i18n";
import "~/i18n/toolkit";

/**
 * How a licence identifier reads wherever it is shown (entry pages, facets). The values that are
 * statuses rather than licences get sentences; SPDX identifiers are shown as they are. Any case,
 * since filter values come from addresses.
 */
export function licenceLabel(licence: string): string {
  switch (licence.toLowerCase()) {
    case "proprietary":
      return t("toolkit.proprietary");
    case "unknown":
      return t("toolkit.licenceUnknown");
    case "eu-legislation":
      return t("toolkit.licenceEuLegislation");
    case "nist-pd":
      return t("toolkit.licenceUsGovernment");
    default:
      return licence;
  }
}
