/** Labels of the controlled vocabularies: audiences, levels, topics (registered by ./vocabulary.ts). */
export const vocabularyStrings = {
  vocabulary: {
    audience: {
      "decision-makers": "Decision-makers",
      analysts: "Analysts",
      "legal-governance": "Legal and governance staff",
      facilitators: "Facilitators",
      "data-holders": "Data holders and partners",
    },
    level: {
      introductory: "Introductory",
      intermediate: "Intermediate",
      advanced: "Advanced",
    },
    topic: {
      "data-collaboratives": "Data collaboratives",
      "data-sharing-agreements": "Data sharing agreements",
      "data-protection": "Data protection",
      "impact-assessment": "Impact assessment",
      "de-identification": "De-identification",
      "privacy-enhancing-technologies": "Privacy-enhancing technologies",
      "data-ethics": "Data ethics",
      governance: "Governance",
      "data-valuation": "Data valuation",
      "impact-measurement": "Impact measurement",
      "mobility-data": "Mobility data",
      "telecom-data": "Telecom data",
      "health-data": "Health data",
      "emergency-response": "Emergency response",
      "data-literacy": "Data literacy",
      communication: "Communication",
      statistics: "Statistics",
      "secure-environments": "Secure environments",
      sustainability: "Sustainability",
    },
  },
} as const;
