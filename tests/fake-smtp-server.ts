import net from "node:net";
import { afterEach } from "vitest";
import { prepareJobs } from "~/modules/jobs/queue.server";
import { deliverMailJob } from "~/modules/mail/mail.server";
import { resetEnvCache } from "~/utils/env.server";

/**
 * A small SMTP server on 127.0.0.1 for tests: the app's real nodemailer transport talks to it
 * over TCP, so only the network is faked. `behaviour` decides, per connection, whether it
 * accepts mail, answers "try again later" (451), or never answers at all.
 */
export type SmtpBehaviour = "accept" | "reject" | "hang";

export interface FakeSmtpServer {
  url: string;
  /** Connections opened so far. */
  connections: number;
  /** Messages accepted: headers and body, quoted-printable decoded (lines joined by "\n"). */
  messages: string[];
  behaviour: SmtpBehaviour | ((connection: number) => SmtpBehaviour);
  close(): Promise<void>;
}

export async function startFakeSmtpServer(
  behaviour: FakeSmtpServer["behaviour"] = "accept",
): Promise<FakeSmtpServer> {
  const sockets = new Set<net.Socket>();
  const fake: FakeSmtpServer = {
    url: "",
    connections: 0,
    messages: [],
    behaviour,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    fake.connections += 1;
    const mode =
      typeof fake.behaviour === "function" ? fake.behaviour(fake.connections) : fake.behaviour;
    if (mode === "hang") return;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 fake-smtp ready");
    let buffer = "";
    let data: string[] | undefined;
    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let end = buffer.indexOf("\r\n");
      while (end >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\r\n");
        if (data) {
          if (line === ".") {
            fake.messages.push(decodeQuotedPrintable(data.join("\n")));
            data = undefined;
            reply("250 2.0.0 queued");
          } else {
            data.push(line.startsWith("..") ? line.slice(1) : line);
          }
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === "EHLO" || command === "HELO") reply("250 fake-smtp");
        else if (command === "RCPT" && mode === "reject")
          reply("451 4.3.0 mailbox busy, try again later");
        else if (command === "DATA") {
          data = [];
          reply("354 end with <CRLF>.<CRLF>");
        } else if (command === "QUIT") {
          reply("221 bye");
          socket.end();
        } else reply("250 2.0.0 ok");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("fake SMTP server has no port");
  fake.url = `smtp://127.0.0.1:${address.port}`;
  return fake;
}

/** Undoes nodemailer's quoted-printable body encoding: soft line breaks and =XX escapes. */
function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/**
 * For a test file: `const useSmtp = useFakeSmtpAsMailServer()` gives a function that starts a
 * fake server and points SMTP_URL at it; after each test the variable goes and the server closes.
 */
export function useFakeSmtpAsMailServer(): (
  behaviour: FakeSmtpServer["behaviour"],
) => Promise<FakeSmtpServer> {
  let smtp: FakeSmtpServer | undefined;
  afterEach(async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    await smtp?.close();
    smtp = undefined;
  });
  return async (behaviour) => {
    smtp = await startFakeSmtpServer(behaviour);
    process.env.SMTP_URL = smtp.url;
    resetEnvCache();
    // A mail enqueued inside a transaction needs its queue made beforehand (jobs module).
    await prepareJobs([deliverMailJob]);
    return smtp;
  };
}
