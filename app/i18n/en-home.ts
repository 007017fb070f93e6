/** Strings of the home page (registered by ./home.ts). */
export const homeStrings = {
  home: {
    title: "Practica: learn to share data responsibly for the public good",
    heading: "Learn to share data responsibly, for the public good",
    lead: "Crises such as COVID-19 showed that governments need privately held data, about mobility, telecoms, payments or health, and that partnerships to share it responsibly are hard. Practica is where the people who build those partnerships learn from each other.",
    forWhom: "Who Practica is for",
    officialsTitle: "Public officials",
    officialsText:
      "Courses tailored to decision-makers, analysts and legal and governance staff: how to interpret insights from private data, and the law, governance and ethics of sharing it.",
    practitionersTitle: "Practitioners",
    practitionersText:
      "A searchable toolkit of real agreements, impact assessments and guidance, and a place to ask for help from experts and peers who have done it before.",
    facilitatorsTitle: "Facilitators",
    facilitatorsText:
      "Run learning series with scheduled sessions, enrolment, attendance and takeaways captured while people learn by doing.",
    sectionsHeading: "What you will find",
    coursesText: "Training modules with knowledge checks, progress and certificates.",
    toolkitText: "Tools, templates and guidance from around the world, searchable as you type.",
    cohortsText: "Learning series where practitioners learn while doing.",
    discussionsText: "Threads on courses, sessions and toolkit entries.",
    supportText: "Say what help you need and be matched with experts, peers and organisations.",
    originHeading: "Where Practica comes from",
    originText:
      "Practica grew out of a four-part virtual learning series in which 32 practitioners from 23 organisations in 10 countries learned from each other while doing the work. They asked for training tailored to public-sector data users, for guidance that reaches the people it was written for, and for ways to show the value of sharing data.",
    getStarted: "Create a free account",
    browseCourses: "Browse courses",
  },
} as const;
