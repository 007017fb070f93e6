import { afterEach, describe, expect, it } from "vitest";
import { getMailsTo, uniqueEmail } from "../../../tests/db-utils";
import { resetEnvCache } from "~/utils/env.server";
import { listOutbox, sendMail } from "./mail.server";

afterEach(() => {
  delete process.env.SMTP_URL;
  resetEnvCache();
});

describe("sendMail", () => {
  it("keeps the mail in the outbox when no SMTP server is configured", async () => {
    const to = uniqueEmail("reader");
    await sendMail({ to, subject: "Welcome", text: "Hello there" });
    expect(await getMailsTo(to)).toMatchObject([
      { recipient: to, subject: "Welcome", textBody: "Hello there", status: "stored", error: null },
    ]);
  });

  it("records a delivery failure instead of throwing", async () => {
    // Nothing listens on port 1: a real connection refusal, no mock.
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    resetEnvCache();
    const to = uniqueEmail("unlucky");
    await expect(sendMail({ to, subject: "Hi", text: "Body" })).resolves.toBeUndefined();
    const [mail] = await getMailsTo(to);
    expect(mail?.status).toBe("failed");
    expect(mail?.error).toBeTruthy();
    expect(mail?.sentAt).toBeNull();
  });
});

describe("listOutbox", () => {
  it("pages newest first", async () => {
    const to = uniqueEmail("paged");
    for (const subject of ["one", "two", "three"]) await sendMail({ to, subject, text: subject });
    const first = await listOutbox({ page: 1, pageSize: 2 });
    expect(first.mails.map((mail) => mail.subject)).toEqual(["three", "two"]);
    expect(first.hasMore).toBe(true);
  });
});
