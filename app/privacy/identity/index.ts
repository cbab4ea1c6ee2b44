// Identity checks for privacy requests: public API.
export { proposeCustomerMatches, confirmCustomerMatch, loggedInCustomerIdentity, type CustomerCandidate, type MatchReason } from "./customerMatch";
export { sendIdentityLink, confirmIdentityByToken, defaultVerifyUrl, IDENTITY_LINK_HOURS, type IdentityLinkOutcome } from "./emailLink";
