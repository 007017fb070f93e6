/**
 * Queries people type (typos, acronyms, synonyms, other spellings, a few words) and the fixture
 * they are looking for, which must be among the first three results on every engine.
 * Add a case when a real query disappoints.
 */
export interface SearchQualityCase {
  query: string;
  expectedId: string;
}

export const SEARCH_QUALITY_CASES: readonly SearchQualityCase[] = [
  // Laws and regulators' guidance
  { query: "gdpr", expectedId: "toolkit:gdpr" },
  { query: "general data protection regulation", expectedId: "toolkit:gdpr" },
  { query: "regulation 2016/679", expectedId: "toolkit:gdpr" },
  { query: "dpia template", expectedId: "toolkit:ico-dpia-template" },
  { query: "data protection impact assesment", expectedId: "toolkit:ico-dpia-guidance" },
  { query: "privacy impact assessments", expectedId: "toolkit:privacy-impact-assessment-handbook" },
  { query: "convention 108", expectedId: "toolkit:convention-108-plus" },
  { query: "data sharing code of practice", expectedId: "toolkit:ico-data-sharing-code" },
  // Anonymisation and pseudonymisation
  {
    query: "anonymisation framework",
    expectedId: "toolkit:ukan-anonymisation-decision-making-framework",
  },
  {
    query: "anonymization decision making",
    expectedId: "toolkit:ukan-anonymisation-decision-making-framework",
  },
  { query: "motivated intruder", expectedId: "toolkit:ico-anonymisation-code" },
  { query: "anonimization health records", expectedId: "toolkit:hipaa-de-identification-guidance" },
  { query: "safe harbor", expectedId: "toolkit:hipaa-de-identification-guidance" },
  { query: "deidentification techniques", expectedId: "toolkit:nist-de-identification" },
  { query: "pseudonymisaton guidance", expectedId: "toolkit:ico-pseudonymisation-guidance" },
  { query: "pseudonymization techniques", expectedId: "toolkit:enisa-pseudonymisation-techniques" },
  { query: "anonymisation données", expectedId: "toolkit:cnil-anonymisation" },
  // Agreements and collaboratives
  {
    query: "data sharing agreement template",
    expectedId: "toolkit:data-sharing-agreement-template",
  },
  { query: "DSA templates", expectedId: "toolkit:data-sharing-agreement-template" },
  { query: "contracts data collaboration", expectedId: "toolkit:contracts-for-data-collaboration" },
  { query: "catalog of data collaboratives", expectedId: "toolkit:data-collaboratives-catalogue" },
  {
    query: "what is a data collaborative",
    expectedId: "lesson:foundations/what-is-a-data-collaborative",
  },
  { query: "B2G data sharing", expectedId: "toolkit:b2g-data-sharing-report" },
  { query: "business to government", expectedId: "toolkit:b2g-data-sharing-report" },
  // Mobility and telecom data
  { query: "covid mobile phone data", expectedId: "toolkit:flowminder-covid-mobility" },
  { query: "call detail records", expectedId: "toolkit:flowminder-covid-mobility" },
  { query: "MNO lockdown", expectedId: "toolkit:jrc-mobile-positioning-covid" },
  { query: "confinement mobility behavior", expectedId: "toolkit:jrc-mobile-positioning-covid" },
  { query: "mobilty reports", expectedId: "toolkit:community-mobility-reports" },
  { query: "synthetic call records", expectedId: "toolkit:synthetic-cdr-exercise-dataset" },
  {
    query: "telecom operators privacy guidelines",
    expectedId: "toolkit:gsma-covid-privacy-guidelines",
  },
  // Privacy-enhancing technologies and statistics
  { query: "differntial privacy primer", expectedId: "toolkit:differential-privacy-primer" },
  { query: "DP library", expectedId: "toolkit:opendp-library" },
  { query: "differential privacy census", expectedId: "toolkit:census-disclosure-avoidance-2020" },
  { query: "disclosure avoidance", expectedId: "toolkit:census-disclosure-avoidance-2020" },
  { query: "PETs official statistics", expectedId: "toolkit:un-pet-guide" },
  { query: "privacy enhancing technologies", expectedId: "toolkit:un-pet-guide" },
  {
    query: "epsilon privacy budget",
    expectedId: "lesson:privacy-engineering/differential-privacy-in-practice",
  },
  { query: "privacy engineering", expectedId: "course:privacy-engineering" },
  // Secure environments, ethics, governance
  { query: "five safes", expectedId: "toolkit:five-safes" },
  { query: "TRE", expectedId: "toolkit:trusted-research-environments-green-paper" },
  {
    query: "trusted reserch environments",
    expectedId: "toolkit:trusted-research-environments-green-paper",
  },
  { query: "secure data environment health", expectedId: "toolkit:goldacre-review" },
  { query: "data ethics framework", expectedId: "toolkit:data-ethics-framework" },
  { query: "ethics canvas", expectedId: "toolkit:data-ethics-canvas" },
  { query: "center humanitarian data", expectedId: "toolkit:humanitarian-data-responsibility" },
  { query: "risk harm benefit assessment", expectedId: "toolkit:risks-harms-benefits-assessment" },
  { query: "open data licence", expectedId: "toolkit:open-data-licensing-guide" },
];
