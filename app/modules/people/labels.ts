import { t } from "~/i18n";
import "~/i18n/accounts";
import { ORGANISATION_ROLES, SECTORS, type OrganisationRole, type Sector } from "./reference-data";

function isSector(value: string): value is Sector {
  return (SECTORS as readonly string[]).includes(value);
}

function isOrganisationRole(value: string): value is OrganisationRole {
  return (ORGANISATION_ROLES as readonly string[]).includes(value);
}

/** The sector's label, or null for none; an unknown stored code shows as itself. */
export function sectorLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  return isSector(code) ? t(`sector.${code}`) : code;
}

export function organisationRoleLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  return isOrganisationRole(code) ? t(`organisationRole.${code}`) : code;
}
