/** Account emails: sign-in links, sign-up confirmation, password reset, a change of address. */
import type { Locale } from "../i18n";
import { renderEmail, t, type RenderedEmail } from "./layout";

export function signInLinkEmail({ locale, url }: { locale: Locale; url: string }): RenderedEmail {
  return renderEmail({
    locale,
    subject: t(locale, "email.signIn.subject"),
    paragraphs: [t(locale, "email.signIn.body")],
    action: { label: t(locale, "email.signIn.button"), url },
    footer: [t(locale, "email.signIn.ignore")],
  });
}

export function confirmSignUpEmail({ locale, url }: { locale: Locale; url: string }): RenderedEmail {
  return renderEmail({
    locale,
    subject: t(locale, "email.confirmSignUp.subject"),
    paragraphs: [t(locale, "email.confirmSignUp.body")],
    action: { label: t(locale, "email.confirmSignUp.button"), url },
    footer: [t(locale, "email.signIn.ignore")],
  });
}

export function existingAccountEmail({ locale, url }: { locale: Locale; url: string }): RenderedEmail {
  return renderEmail({
    locale,
    subject: t(locale, "email.existing.subject"),
    paragraphs: [t(locale, "email.existing.body")],
    action: { label: t(locale, "email.signIn.button"), url },
    footer: [t(locale, "email.signIn.ignore")],
  });
}

export function passwordResetEmail({ locale, url }: { locale: Locale; url: string }): RenderedEmail {
  return renderEmail({
    locale,
    subject: t(locale, "email.reset.subject"),
    paragraphs: [t(locale, "email.reset.body")],
    action: { label: t(locale, "email.reset.button"), url },
    footer: [t(locale, "email.reset.ignore")],
  });
}

/** What an admin sends themselves from the email settings page to check that mail gets out. */
export function testEmail({ locale, url }: { locale: Locale; url: string }): RenderedEmail {
  return renderEmail({
    locale,
    subject: t(locale, "email.test.subject"),
    paragraphs: [t(locale, "email.test.body")],
    action: { label: t(locale, "email.test.button"), url },
    footer: [],
  });
}

/** Sent to the new address: the change happens only when this link is used. */
export function confirmEmailChangeEmail({ locale, url, email }: { locale: Locale; url: string; email: string }): RenderedEmail {
  return renderEmail({
    locale,
    subject: t(locale, "email.changeEmail.subject"),
    paragraphs: [t(locale, "email.changeEmail.body", { email })],
    action: { label: t(locale, "email.changeEmail.button"), url },
    footer: [t(locale, "email.changeEmail.ignore")],
  });
}

/** Sent to the old address once the change is done, so a takeover does not go unnoticed. */
export function emailChangedNoticeEmail({ locale, email, url }: { locale: Locale; email: string; url: string }): RenderedEmail {
  return renderEmail({
    locale,
    subject: t(locale, "email.emailChanged.subject"),
    paragraphs: [t(locale, "email.emailChanged.body", { email }), t(locale, "email.emailChanged.notYou")],
    action: { label: t(locale, "email.emailChanged.button"), url },
    footer: [],
  });
}
