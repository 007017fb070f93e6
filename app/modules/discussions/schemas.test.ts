import { describe, expect, it } from "vitest";
import { REACTION_KINDS as STORED_REACTION_KINDS } from "../../../db/schema";
import { NewThreadSchema, REACTION_KINDS, ReplySchema } from "./schemas";

describe("discussion form schemas", () => {
  it("offer the reactions the database stores", () => {
    expect(REACTION_KINDS).toEqual(STORED_REACTION_KINDS);
  });

  it("refuse an empty body or title with the page's message", () => {
    const result = NewThreadSchema.safeParse({ title: " ", body: "" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["Give your discussion a title.", "Write something before posting."]);
    expect(ReplySchema.parse({ body: " hi ", quotedPostId: "12" })).toEqual({ intent: "post", body: "hi", quotedPostId: 12 });
  });
});
