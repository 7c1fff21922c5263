import { afterEach, describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import { startSmtpSink, type SmtpSink } from "../../setup/smtp";

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

function send(url: string, to: string, subject: string) {
  const transport = nodemailer.createTransport(url);
  return transport
    .sendMail({ from: "Loopboard <no-reply@example.test>", to, subject, text: "Plain body", html: "<p>HTML <b>body</b></p>" })
    .finally(() => transport.close());
}

describe("the SMTP sink", () => {
  it("receives and parses what nodemailer sends", async () => {
    sink = await startSmtpSink();
    expect(sink.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    await send(sink.url, "Reader <reader@example.test>", "Hello from the test");
    const [mail] = await sink.waitFor(1);
    expect(mail.subject).toBe("Hello from the test");
    expect(mail.text?.trim()).toBe("Plain body");
    expect(mail.html).toContain("<b>body</b>");
    expect(mail.envelope).toEqual({ from: "no-reply@example.test", to: ["reader@example.test"] });
    expect(mail.headers.get("message-id")).toBeTruthy();
  });

  it("refuses the first messages with a temporary 421, then accepts the retry", async () => {
    sink = await startSmtpSink({ failFirst: 1, rejectWith: 421 });
    await expect(send(sink.url, "retry@example.test", "First try")).rejects.toMatchObject({ responseCode: 421 });
    expect(sink.messages).toHaveLength(0);
    await send(sink.url, "retry@example.test", "Second try");
    const messages = await sink.waitFor(1);
    expect(messages.map((m) => m.subject)).toEqual(["Second try"]);
    expect(sink.rejected).toEqual([{ from: "no-reply@example.test", to: ["retry@example.test"], code: 421 }]);
  });

  it("refuses with a permanent 550 when asked", async () => {
    sink = await startSmtpSink({ failFirst: 2, rejectWith: 550 });
    for (const subject of ["one", "two"]) {
      await expect(send(sink.url, "gone@example.test", subject)).rejects.toMatchObject({ responseCode: 550 });
    }
    await send(sink.url, "gone@example.test", "three");
    expect((await sink.waitFor(1)).map((m) => m.subject)).toEqual(["three"]);
  });

  it("waitFor fails clearly when the mail never comes", async () => {
    sink = await startSmtpSink();
    await expect(sink.waitFor(1, 200)).rejects.toThrow("expected 1 message(s) within 200 ms, received 0");
  });
});
