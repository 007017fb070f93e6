import i18next from "i18next";
import { en } from "./en";

/*
 * Every UI string goes through `t`. English is the only language for now; French and
 * Spanish become a new file beside en.ts and a language switch, without touching callers.
 */
const i18n = i18next.createInstance();
void i18n.init({
  lng: "en",
  fallbackLng: "en",
  resources: { en: { translation: en } },
  // Synchronous init: resources are bundled, so `t` works at import time on server and client.
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes; double escaping would show &amp;
  returnNull: false,
});

export const t = i18n.t.bind(i18n);
export type TranslationKey = Parameters<typeof t>[0];
