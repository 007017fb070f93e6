import rosetta from "rosetta";
import { en } from "./en";

/*
 * Every UI string goes through `t`. English is the only language for now; French and
 * Spanish become a new dictionary beside en.ts and a `locale` switch, without touching
 * callers. rosetta (300 bytes) replaced i18next, which added 23 KB to every page.
 */
const LOCALE = "en";
const i18n = rosetta<typeof en>({ [LOCALE]: en });
i18n.locale(LOCALE);

/** Dotted paths to every string in the dictionary ("auth.signIn.title"). */
type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
/** Plural forms are stored as key_one, key_other...; callers name the key and pass `count`. */
type WithoutPluralSuffix<Key extends string> = Key extends `${infer Base}_${Intl.LDMLPluralRule}` ? Base : Key;
export type TranslationKey = WithoutPluralSuffix<Leaves<typeof en>>;

type Params = Record<string, string | number>;

const pluralRules = new Intl.PluralRules(LOCALE);

function lookup(key: string): string | undefined {
  let node: unknown = en;
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
