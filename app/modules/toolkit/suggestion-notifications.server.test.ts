import { eq } from "drizzle-orm";
import { toolkitSuggestions } from "../../../db/schema";
import { createTestUser } from "../../../tests/db-utils";
import { describeNotificationKindContract } from "../../../tests/notification-kind-contract";
import { db } from "~/utils/db.server";
import { toolkitSuggestionReviewedKind } from "./suggestion-notifications.server";

async function suggestionBy(userId: string): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(toolkitSuggestions).values({
    id,
    title: "Mobility data playbook",
    publisher: "Example Foundation",
    year: 2021,
    sourceUrl: `https://example.org/${id}`,
    type: "guide",
    topics: ["governance"],
    audiences: ["analysts"],
    regions: ["global"],
    languages: ["en"],
    licence: "CC-BY-4.0",
    summary: "A practical playbook for a data sharing partnership.",
    howToUse: "Work through the checklist with both partners.",
    suggestedBy: userId,
    status: "pending",
  });
  return id;
}

describeNotificationKindContract({
  kind: toolkitSuggestionReviewedKind,
  data: { title: "Mobility data playbook", outcome: "rejected", reason: "Out of scope." },
  async withAccess() {
    const member = await createTestUser();
    const subjectId = await suggestionBy(member.id);
    return {
      recipientId: member.id,
      recipientEmail: member.email,
      subjectId,
      // The suggestion is gone (or no longer theirs): nothing about it is left to tell.
      loseAccess: async () => {
        await db.delete(toolkitSuggestions).where(eq(toolkitSuggestions.id, subjectId));
      },
    };
  },
  async withoutAccess() {
    const [author, other] = await Promise.all([createTestUser(), createTestUser()]);
    return { recipientId: other.id, recipientEmail: other.email, subjectId: await suggestionBy(author.id) };
  },
});
