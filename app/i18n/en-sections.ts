/** Placeholders of sections whose issue has not landed yet (registered by ./sections.ts). */
export const sectionsStrings = {
  section: {
    comingSoon: "This part of Practica is being built",
    cohorts: {
      title: "Cohorts",
      description: "Learning series run by facilitators.",
      body: "Cohorts will let facilitators run learning series with scheduled sessions, enrolment, attendance, calendar files and takeaways captured while learning.",
    },
    discussions: {
      title: "Discussions",
      description: "Conversations between practitioners.",
      body: "Discussions will hold threads on cohorts, sessions, lessons and toolkit entries, with moderation.",
    },
    support: {
      title: "Get support",
      description: "Find experts, peers and organisations who can help.",
      body: "You will be able to describe the help you need and be matched with experts, peers and organisations who offer support, with an explanation of why each was suggested.",
    },
  },
} as const;
