import countries from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json";
import ISO6391 from "iso-639-1";

countries.registerLocale(english);

export const SECTORS = [
  "government",
  "private-sector",
  "civil-society",
  "academia",
  "international-organisation",
] as const;
export type Sector = (typeof SECTORS)[number];

export const ORGANISATION_ROLES = [
  "decision-maker",
  "analyst",
  "legal-governance",
  "programme",
  "facilitator",
] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** ISO 3166-1 alpha-2 codes with English names, sorted by name. */
export const COUNTRIES: ReadonlyArray<{ code: string; name: string }> = Object.entries(
  countries.getNames("en", { select: "official" }),
)
  .map(([code, name]) => ({ code, name }))
  .sort((a, b) => a.name.localeCompare(b.name, "en"));

/** Upper-case alpha-2 only: countries.isValid also accepts "ke", which would be stored as is. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

export function getCountryName(code: string | null | undefined): string | undefined {
  return code ? countries.getName(code, "en") : undefined;
}

/** ISO 639-1 codes with English names, sorted by name. */
export const LANGUAGES: ReadonlyArray<{ code: string; name: string }> = ISO6391.getAllCodes()
  .map((code) => ({ code, name: ISO6391.getName(code) }))
  .sort((a, b) => a.name.localeCompare(b.name, "en"));

export function isLanguageCode(code: string): boolean {
  return ISO6391.validate(code);
}

export function getLanguageName(code: string): string {
  return ISO6391.getName(code) || code;
}

/** UTC, then the IANA time zones known to this runtime (Node and browsers share the ICU list, which leaves UTC out). */
export const TIME_ZONES: readonly string[] = ["UTC", ...Intl.supportedValuesOf("timeZone")];

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function canonicalTimeZone(value: string): string {
  return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
}
