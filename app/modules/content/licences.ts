/**
 * The licence identifiers content may name (content/README.md explains each). SPDX identifiers
 * where SPDX has one; `proprietary` for all rights reserved or a site's terms of use; `unknown`
 * when the resource does not say. `since` is the year the licence was first published: a work
 * from an earlier year cannot have been released under it in that edition. `null` means no
 * such bound (a permissive licence older than any entry, or a status rather than a licence).
 */
export const LICENCES = {
  "CC-BY-4.0": { since: 2013 },
  "CC-BY-SA-4.0": { since: 2013 },
  "CC-BY-ND-4.0": { since: 2013 },
  "CC-BY-NC-4.0": { since: 2013 },
  "CC-BY-NC-SA-4.0": { since: 2013 },
  "CC-BY-NC-ND-4.0": { since: 2013 },
  "CC-BY-3.0": { since: 2007 },
  "CC-BY-SA-3.0": { since: 2007 },
  "CC-BY-NC-3.0": { since: 2007 },
  "CC-BY-NC-SA-3.0": { since: 2007 },
  "CC-BY-NC-ND-3.0": { since: 2007 },
  "CC-BY-3.0-IGO": { since: 2013 },
  "CC-BY-NC-SA-3.0-IGO": { since: 2013 },
  "CC-BY-2.5": { since: 2005 },
  "CC0-1.0": { since: 2009 },
  // Certifies that a work (typically a US federal one) is already in the public domain.
  "CC-PDDC": { since: null },
  // US federal works not subject to copyright; NIST's own notice, used for every federal work.
  "NIST-PD": { since: null },
  "OGL-UK-3.0": { since: 2014 },
  "OGL-UK-2.0": { since: 2013 },
  "OGL-UK-1.0": { since: 2010 },
  "ODbL-1.0": { since: 2009 },
  "Apache-2.0": { since: 2004 },
  "GPL-2.0-only": { since: 1991 },
  "GPL-2.0-or-later": { since: 1991 },
  "GPL-3.0-only": { since: 2007 },
  "GPL-3.0-or-later": { since: 2007 },
  "AGPL-3.0-only": { since: 2007 },
  "LGPL-3.0-only": { since: 2007 },
  "MPL-2.0": { since: 2012 },
  MIT: { since: null },
  "BSD-3-Clause": { since: null },
  "BSD-2-Clause": { since: null },
  // EU legislation: free of copyright, reusable with the source acknowledged (Decision 2011/833/EU).
  "EU-LEGISLATION": { since: null },
  proprietary: { since: null },
  unknown: { since: null },
} as const satisfies Record<string, { since: number | null }>;

export type Licence = keyof typeof LICENCES;
export const LICENCE_IDS = Object.keys(LICENCES) as [Licence, ...Licence[]];

/** The known identifier spelled as `value` in any case ("mit", "Proprietary"), else undefined. */
export function canonicalLicence(value: string): Licence | undefined {
  const lower = value.trim().toLowerCase();
  return LICENCE_IDS.find((id) => id.toLowerCase() === lower);
}

/** Why `year` cannot carry `licence` (it is older than the licence), or null when it can. */
export function licenceYearProblem(licence: Licence, year: number): string | null {
  const since = LICENCES[licence].since;
  if (since === null || year >= since) return null;
  return `${licence} was first published in ${since}, after this work's year ${year}: check which licence the source states for the edition described`;
}
