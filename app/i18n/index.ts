import rosetta from "rosetta";
import { en } from "./en";
import type { AreaStrings } from "./areas";

/*
 * Every UI string goes through `t`. English is the only language for now; French and
 * Spanish become a new dictionary beside en.ts and a `locale` switch, without touching
 * callers. rosetta (300 bytes) replaced i18next, which added 23 KB to every page.
 *
 * en.ts holds the strings most pages need. Areas only some pages need (accounts, admin,
 * the home page, the toolkit community) live in en-<area>.ts and are registered by
 * importing ~/i18n/<area> from every file that uses them (areas.ts lists them; a test
 * checks the imports), so a lesson page does not download the admin pages' strings.
 */
const LOCALE = "en";
const i18n = rosetta<Dictionary>({ [LOCALE]: { ...en } as Dictionary });
i18n.locale(LOCALE);

type Dictionary = typeof en & AreaStrings;

/** Adds an area's strings; called once by each ~/i18n/<area> module. */
export function registerStrings(strings: Partial<AreaStrings>): void {
  i18n.set(LOCALE, strings as Dictionary);
}

/** Dotted paths to every string in the dictionary ("auth.signIn.title"). */
type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
/** Plural forms are stored as key_one, key_other...; callers name the key and pass `count`. */
type WithoutPluralSuffix<Key extends string> = Key extends `${infer Base}_${Intl.LDMLPluralRule}` ? Base : Key;
export type TranslationKey = WithoutPluralSuffix<Leaves<Dictionary>>;

type Params = Record<string, string | number>;

const pluralRules = new Intl.PluralRules(LOCALE);

function lookup(key: string): string | undefined {
  let node: unknown = i18n.table(LOCALE);
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** The string for `key`, with {{name}} placeholders filled from `params`. */
export function t(key: TranslationKey, params?: Params): string {
  let resolved: string = key;
  if (typeof params?.count === "number") {
    const plural = `${key}_${pluralRules.select(params.count)}`;
    if (lookup(plural) !== undefined) resolved = plural;
    else if (lookup(`${key}_other`) !== undefined) resolved = `${key}_other`;
  }
  return i18n.t(resolved, params);
}
