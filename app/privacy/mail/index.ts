// Notices and the mail outbox: public API for routes (Settings, request page, dashboard).
export * from "./templates";
export { queueNotice, type NoticeToQueue } from "./outbox";
export {
  deliverDueMail,
  requeueUnsentMail,
  mailToCopy,
  markMailSentByHand,
  mailForRequest,
  mailConfigured,
  smtpConfigFor,
  MAX_ATTEMPTS,
  type MailToCopy,
  type DeliveryReport,
} from "./delivery";
