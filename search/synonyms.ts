/**
 * The ONE synonym list both engines use. Each group lists words or phrases that mean the same
 * thing to the people who search Practica; a query for any member finds documents that use any
 * other member.
 *
 * Write members in their natural form. Spelling variants (-isation/-ization, licence/license,
 * centre/center…) and plurals are handled generally by `normalizeTerm` in text-analysis.ts, so
 * a group needs only one spelling of each member; they are listed here when the pair is so
 * central that it should read as a synonym too.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["DSA", "data sharing agreement"],
  ["DPIA", "data protection impact assessment", "PIA", "privacy impact assessment"],
  ["PII", "personal data", "personally identifiable information"],
  ["anonymisation", "anonymization", "de-identification", "deidentification"],
  ["pseudonymisation", "pseudonymization"],
  ["GDPR", "General Data Protection Regulation"],
  ["PET", "privacy-enhancing technology"],
  ["TRE", "trusted research environment", "secure data environment"],
  ["MNO", "mobile network operator", "telecom operator"],
  ["CDR", "call detail record"],
  ["B2G", "business-to-government"],
  ["DP", "differential privacy"],
  // Further terms that people in this field abbreviate or say in several ways.
  ["DPO", "data protection officer"],
  ["SDC", "statistical disclosure control"],
  ["SMPC", "MPC", "secure multi-party computation"],
  ["HE", "homomorphic encryption"],
  ["synthetic data", "synthetic dataset"],
  ["data collaborative", "data partnership"],
  ["MOU", "memorandum of understanding"],
  ["DUA", "data use agreement"],
  ["LIA", "legitimate interests assessment"],
  ["SCC", "standard contractual clauses"],
  ["HIPAA", "Health Insurance Portability and Accountability Act"],
  ["CCPA", "California Consumer Privacy Act"],
  ["ICO", "Information Commissioner's Office"],
  ["EDPB", "European Data Protection Board"],
  ["COVID-19", "coronavirus", "SARS-CoV-2"],
  ["mobile phone", "cell phone", "mobile telephone"],
];
