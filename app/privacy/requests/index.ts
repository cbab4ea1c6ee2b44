// The requests desk's public API for routes and other features.
export * from "./requestTypes";
export * from "./deadlines";
export { createPrivacyRequest, validateNewRequest, formatReference, referenceYear, type NewPrivacyRequest, type PrivacyRequest } from "./createRequest";
export { findRequestForShop, getRequestForShop, findRequestByReference } from "./findRequest";
export { appendRequestEvent, requestTimeline, TIMELINE_ACTIONS, type TimelineAction } from "./timeline";
export { loadDeskSettings, defaultShopSettings, settingsTimeZone, staffNoticeAddress, staffNoticeLocale, type DeskDb, type ShopSettingsRow } from "./deskSettings";
export { queueDueSoonNotices } from "./dueSoon";
export { allowedTransitions, assertTransition, isFinalStatus, IllegalTransitionError } from "./stateMachine";
export {
  changeRequestStatus,
  completeRequest,
  refuseRequest,
  withdrawRequest,
  extendRequestDeadline,
  addInternalNote,
  updateAgentDetails,
  outcomeText,
  type RefusalInput,
  type CompletionInput,
  type AgentDetails,
} from "./lifecycle";
export {
  correctionView,
  applyCorrection,
  applyStopUse,
  requestShopifyErasure,
  cancelShopifyErasure,
  recordedErasureSchedule,
  projectedErasureSchedule,
  erasureSchedule,
  requestedChangesOf,
  STOP_USE_TAG,
  type CorrectionRow,
  type StopUseOutcome,
  type ErasureSchedule,
} from "./shopifyActions";
