/** The controlled vocabularies of help requests and offers (topics and regions are the toolkit's). */

export const KINDS_OF_HELP = [
  "advice-call",
  "document-review",
  "mentoring",
  "peer-exchange",
  "technical-assistance",
  "data-partnership",
] as const;
export type KindOfHelp = (typeof KINDS_OF_HELP)[number];

export const HELPER_KINDS = ["expert", "organisation", "peer"] as const;
export type HelperKind = (typeof HELPER_KINDS)[number];

/** The kinds of data a data-sharing deal is about. */
export const DATA_KINDS = [
  "mobility",
  "telecom",
  "payments",
  "retail",
  "health",
  "satellite",
  "social-media",
  "administrative",
] as const;
export type DataKind = (typeof DATA_KINDS)[number];

export const PARTNERSHIP_MODELS = [
  "data-philanthropy",
  "research-partnership",
  "trusted-intermediary",
  "api-access",
  "prizes-challenges",
  "commercial-licence",
] as const;
export type PartnershipModel = (typeof PARTNERSHIP_MODELS)[number];

export const DEAL_STAGES = ["exploring", "negotiating", "operating", "evaluating"] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

export const URGENCIES = ["low", "normal", "urgent"] as const;
export type Urgency = (typeof URGENCIES)[number];
