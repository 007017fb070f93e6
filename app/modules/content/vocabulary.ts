/** The controlled vocabularies of content/README.md, shared by courses and the toolkit. */

export const AUDIENCES = [
  "decision-makers",
  "analysts",
  "legal-governance",
  "facilitators",
  "data-holders",
] as const;
export type Audience = (typeof AUDIENCES)[number];

export const TOPICS = [
  "data-collaboratives",
  "data-sharing-agreements",
  "data-protection",
  "impact-assessment",
  "de-identification",
  "privacy-enhancing-technologies",
  "data-ethics",
  "governance",
  "data-valuation",
  "impact-measurement",
  "mobility-data",
  "telecom-data",
  "health-data",
  "emergency-response",
  "data-literacy",
  "communication",
  "statistics",
  "secure-environments",
  "sustainability",
] as const;
export type Topic = (typeof TOPICS)[number];

export const REGIONS = [
  "global",
  "africa",
  "asia-pacific",
  "europe",
  "latin-america-caribbean",
  "middle-east-north-africa",
  "north-america",
] as const;
export type Region = (typeof REGIONS)[number];

export const LEVELS = ["introductory", "intermediate", "advanced"] as const;
export type Level = (typeof LEVELS)[number];

export const TOOLKIT_TYPES = [
  "template",
  "guide",
  "framework",
  "case-study",
  "tool",
  "dataset",
  "training",
] as const;
export type ToolkitType = (typeof TOOLKIT_TYPES)[number];
