import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Card,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import { useEffect, useMemo, useState } from "react";
import db from "../db.server";
import { notFound, staffSession } from "../privacy/desk/staffSession.server";
import {
  addInternalNote,
  allowedTransitions,
  changeRequestStatus,
  completeRequest,
  extendRequestDeadline,
  findRequestForShop,
  loadDeskSettings,
  refuseRequest,
  RequestInputError,
  RequestNotFoundError,
  requestTimeline,
  withdrawRequest,
  correctionView,
  applyCorrection,
  applyStopUse,
  requestShopifyErasure,
  cancelShopifyErasure,
  recordedErasureSchedule,
  projectedErasureSchedule,
} from "../privacy/requests";
import { confirmCustomerMatch, proposeCustomerMatches, sendIdentityLink } from "../privacy/identity";
import { proposedStatus, workDone } from "../privacy/requests/workflow";
import { disclosureJobStatus, latestDisclosurePackage, startDisclosureJob } from "../privacy/disclosure";
import { AdminApiError, UserErrorsError } from "../privacy/adminApi";
import { adminGraphqlForShop } from "../shopifyAdmin.server";
import { CorrectionPanel, CustomerMatchPanel, DisclosurePanel, StopUsePanel } from "../components/desk/ShopifyActionPanels";
import { GROUNDS_NEEDING_MEASURE, refusalGroundsFor, type RefusalGround } from "../privacy/requests/requestTypes";
import { mailConfigured, markMailSentByHand } from "../privacy/mail";
import { noticesForRequest } from "../privacy/desk/requestNotices";
import { useLocale, useT, useTimeZone } from "../i18n/react";
import { translate } from "../i18n";
import { formatStaffNames, staffNamesFor } from "../privacy/desk/staffNames";
import { ConfirmAction, type ActionResult } from "../components/desk/ConfirmAction";
import { DueBadge, StatusBadge } from "../components/desk/Badges";
import { CustomerDataCard, ProvisionRecordsCard } from "../components/desk/DownloadPanels";
import { DeskErrorState, DeskSkeleton, useLeavingPage } from "../components/desk/PageStates";
import { formatDate, formatDateTime } from "../components/desk/format";
import { actorLabel, deliveryKey, groundKey, identityKey, identityMethodKey, labelOr, sourceKey, statusKey, typeKey } from "../components/desk/labels";
import { RequestNotices, RequestTimeline } from "../components/desk/RequestActivity";
import { DeliveryCard } from "../components/desk/DeliveryCard";
import { deliveryForRequest, recordDeliverySent } from "../privacy/disclosure/delivery";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await staffSession(request);
  const privacyRequest = await findRequestForShop(db, shop, params.id ?? "");
  if (!privacyRequest) notFound();
  const id = privacyRequest.id;
  const linked = privacyRequest.identityStatus === "verified" && Boolean(privacyRequest.shopifyCustomerId);
  const [timeline, settings, mails, job, pkg, erasure, delivery] = await Promise.all([
    requestTimeline(db, shop, id),
    loadDeskSettings(db, shop),
    noticesForRequest(db, shop, id, (kind) => translate(kind.startsWith("staff_") ? "ja" : privacyRequest.language === "en" ? "en" : "ja", "desk.mail.linkWithheld")),
    privacyRequest.type === "disclosure" ? disclosureJobStatus(db, shop, id) : null,
    privacyRequest.type === "disclosure" ? latestDisclosurePackage(db, shop, id) : null,
    privacyRequest.type === "stop_use" ? recordedErasureSchedule(db, shop, id) : null,
    deliveryForRequest(db, shop, id),
  ]);
  // Current values come from Shopify; when it cannot answer the page still shows what was asked.
  const open = allowedTransitions(privacyRequest).length > 0;
  let correction: Awaited<ReturnType<typeof correctionView>> | null = null;
  let correctionError: ActionResult | null = null;
  if (privacyRequest.type === "correction" && linked) {
    try {
      correction = await correctionView(db, await adminGraphqlForShop(shop), shop, id);
    } catch (error) {
      correctionError = refusal(error);
    }
  }
  // Before erasure is asked for, staff see the date Shopify would give it, from the last order.
  let projectedErasure: Awaited<ReturnType<typeof projectedErasureSchedule>> | null = null;
  let projectionError: ActionResult | null = null;
  if (privacyRequest.type === "stop_use" && linked && open && !erasure) {
    try {
      projectedErasure = await projectedErasureSchedule(db, await adminGraphqlForShop(shop), shop, id);
    } catch (error) {
      projectionError = refusal(error);
    }
  }
  const staff = await staffNamesFor(db, shop, [...timeline.map((event) => event.actor), privacyRequest.identityVerifiedBy]);
  return {
    request: privacyRequest,
    staff,
    requestedChanges: parseChanges(privacyRequest.requestedChanges),
    timeline,
    mails: mails.map((mail) => ({ ...mail, language: mail.kind.startsWith("staff_") ? settings.staffNoticeLanguage : privacyRequest.language })),
    linked,
    job,
    packageReady: Boolean(pkg),
    delivery,
    orderCoverage: pkg?.shopify?.orderCoverage ?? null,
    erasure,
    correction,
    correctionError,
    projectedErasure,
    projectionError,
    smtpConfigured: mailConfigured(settings),
    transitions: allowedTransitions(privacyRequest).filter((to) => !["completed", "refused", "withdrawn"].includes(to)),
    proposedStatus: proposedStatus(privacyRequest),
    workDone: workDone(privacyRequest, timeline.map((event) => event.action)),
    canClose: allowedTransitions(privacyRequest),
    dueSoonDays: settings.dueSoonDays,
    now: new Date(),
  };
};

function parseChanges(json: string): Array<[string, string]> {
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  } catch {
    return [];
  }
}

const failed = (error: string, status = 400, code?: string) => data<ActionResult>({ ok: false, error, code }, { status });

/** A refusal the page can show (domain input errors and Shopify's answers); anything else is a bug and rethrown. */
function refusal(error: unknown): ActionResult {
  if (error instanceof RequestInputError) return { ok: false, error: error.message, code: error.code };
  if (error instanceof UserErrorsError || error instanceof AdminApiError) return { ok: false, error: error.message, code: "shopify" };
  throw error;
}

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await staffSession(request);
  const id = params.id ?? "";
  // Checked before reading the form: another shop's id is a 404 whatever the intent.
  if (!(await findRequestForShop(db, shop, id))) notFound();
  const form = await request.formData();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  try {
    switch (field("intent")) {
      case "status":
        await changeRequestStatus(db, shop, id, field("to"), actor, field("note"));
        break;
      case "extend": {
        const extraDays = Number(field("days"));
        if (!Number.isInteger(extraDays) || extraDays < 1) return failed("days must be a whole number of days");
        await extendRequestDeadline(db, shop, id, actor, { extraDays, reason: field("reason") });
        break;
      }
      case "complete":
        await completeRequest(db, shop, id, actor, { explanation: field("explanation") });
        break;
      case "refuse":
        await refuseRequest(db, shop, id, actor, { ground: field("ground"), explanation: field("explanation"), measure: field("measure") });
        break;
      case "withdraw":
        await withdrawRequest(db, shop, id, actor, field("note"));
        break;
      case "note":
        await addInternalNote(db, shop, id, actor, field("note"));
        break;
      case "matches": {
        const found = await findRequestForShop(db, shop, id);
        const candidates = await proposeCustomerMatches(await adminGraphqlForShop(shop), {
          email: found?.email ?? "",
          phone: found?.phone ?? "",
          orderName: found?.orderName ?? "",
        });
        return { ok: true, candidates };
      }
      case "confirm_match":
        await confirmCustomerMatch(db, shop, id, field("customerId"), actor);
        break;
      case "send_link":
        await sendIdentityLink(db, shop, id, actor);
        break;
      case "disclosure":
        await startDisclosureJob(db, shop, id, actor);
        break;
      case "correction":
        await applyCorrection(db, await adminGraphqlForShop(shop), shop, id, actor);
        break;
      case "stop_use":
        await applyStopUse(db, await adminGraphqlForShop(shop), shop, id, actor);
        break;
      case "erasure":
        await requestShopifyErasure(db, await adminGraphqlForShop(shop), shop, id, actor);
        break;
      case "cancel_erasure":
        await cancelShopifyErasure(db, await adminGraphqlForShop(shop), shop, id, actor);
        break;
      case "delivery_sent":
        await recordDeliverySent(db, shop, id, actor, { sentAt: field("sentAt"), via: field("via"), note: field("note") });
        break;
      case "mail_sent":
        if (!(await markMailSentByHand(db, shop, field("mailId")))) return failed("this notice is not waiting to be copied");
        break;
      default:
        return failed("unknown action");
    }
    return { ok: true } satisfies ActionResult;
  } catch (error) {
    if (error instanceof RequestNotFoundError) notFound();
    // Shopify refused or could not be reached: say so on the page, nothing was recorded.
    const refused = refusal(error);
    return failed(refused.error ?? "", error instanceof RequestInputError ? 400 : 502, refused.code);
  }
};

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function Detail({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <BlockStack gap="050">
      <Text as="dt" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="dd" breakWord>
        {value}
      </Text>
    </BlockStack>
  );
}

function LifecycleActions({ loaded }: { loaded: Loaded }) {
  const t = useT();
  const { request, transitions, canClose } = loaded;
  const [to, setTo] = useState<string>(loaded.proposedStatus ?? transitions[0] ?? "");
  const [days, setDays] = useState("14");
  const [reason, setReason] = useState("");
  const grounds = refusalGroundsFor(request.type);
  const [ground, setGround] = useState<string>(grounds[0] ?? "");
  const [explanation, setExplanation] = useState("");
  const [measure, setMeasure] = useState("");
  const [completion, setCompletion] = useState("");
  const closed = canClose.length === 0;

  if (closed) {
    return (
      <Text as="p" tone="subdued">
        {t("desk.detail.noTransitions")}
      </Text>
    );
  }
  return (
    <BlockStack gap="300">
      {canClose.includes("completed") && loaded.workDone ? (
        <Banner tone="success">
          <p>{t(request.type === "inquiry" || request.type === "purpose_notice" ? "desk.detail.readyToAnswer" : "desk.detail.workDone")}</p>
        </Banner>
      ) : null}
      <InlineStack gap="200" wrap>
        {transitions.length ? (
          <ConfirmAction
            id="move-status"
            intent="status"
            label={t("desk.detail.moveStatus")}
            title={t("desk.detail.moveStatus")}
            doneMessage={t("desk.detail.statusChanged")}
            values={{ to }}
          >
            <Select
              label={t("desk.detail.moveTo")}
              options={transitions.map((status) => ({ value: status, label: t(statusKey(status)) }))}
              value={to}
              onChange={setTo}
            />
          </ConfirmAction>
        ) : null}
        <ConfirmAction
          id="extend"
          intent="extend"
          label={t("desk.detail.extend")}
          title={t("desk.detail.extend")}
          doneMessage={t("desk.detail.extended.toast")}
          values={{ days, reason }}
        >
          <TextField label={t("desk.detail.extendDays")} type="number" min={1} value={days} onChange={setDays} autoComplete="off" />
          <TextField label={t("desk.detail.extendReason")} value={reason} onChange={setReason} multiline={3} autoComplete="off" />
        </ConfirmAction>
        {canClose.includes("completed") && loaded.workDone ? (
          <ConfirmAction
            id="complete"
            intent="complete"
            primary
            label={t("desk.detail.complete")}
            title={t("desk.detail.complete")}
            doneMessage={t("desk.detail.completed.toast")}
            values={{ explanation: completion }}
          >
            <TextField label={t("desk.detail.completeNote")} value={completion} onChange={setCompletion} multiline={3} autoComplete="off" />
          </ConfirmAction>
        ) : null}
        {canClose.includes("refused") ? (
          <ConfirmAction
            id="refuse"
            intent="refuse"
            destructive
            label={t("desk.detail.refuse")}
            title={t("desk.detail.refuse")}
            doneMessage={t("desk.detail.refused.toast")}
            values={{ ground, explanation, measure }}
          >
            <Select
              label={t("desk.detail.refuseGround")}
              options={grounds.map((value) => ({ value, label: t(groundKey(value)) }))}
              value={ground}
              onChange={setGround}
            />
            {GROUNDS_NEEDING_MEASURE.includes(ground as RefusalGround) ? (
              <TextField label={t("desk.detail.refuseMeasure")} value={measure} onChange={setMeasure} multiline={3} autoComplete="off" />
            ) : null}
            <TextField label={t("desk.detail.refuseExplanation")} value={explanation} onChange={setExplanation} multiline={4} autoComplete="off" />
            <Text as="p" tone="subdued">
              {t("desk.detail.noFee")}
            </Text>
          </ConfirmAction>
        ) : null}
        {canClose.includes("withdrawn") ? (
          <ConfirmAction
            id="withdraw"
            intent="withdraw"
            label={t("desk.detail.withdraw")}
            title={t("desk.detail.withdraw")}
            doneMessage={t("desk.detail.withdrawn.toast")}
          />
        ) : null}
      </InlineStack>
      {request.extensionReason ? (
        <Text as="p" tone="subdued">
          {t("desk.detail.extended", { reason: request.extensionReason })}
        </Text>
      ) : null}
    </BlockStack>
  );
}

export default function RequestPage() {
  const loaded = useLoaderData<typeof loader>();
  const { request, now } = loaded;
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const staffNames = useMemo(() => formatStaffNames(loaded.staff), [loaded.staff]);
  const shopify = useAppBridge();
  const [searchParams, setSearchParams] = useSearchParams();
  const leaving = useLeavingPage();
  // Arriving from manual entry: say it worked once, then drop the marker from the URL.
  useEffect(() => {
    if (searchParams.get("created") !== "1") return;
    shopify.toast.show(t("desk.new.created"));
    setSearchParams({}, { replace: true });
  }, [searchParams, setSearchParams, shopify, t]);
  if (leaving) return <DeskSkeleton title={request.reference} />;
  const title = `${request.reference} · ${t(typeKey(request.type))}`;

  return (
    <Page>
      <PageTitleBar title={title} back={{ label: t("desk.list.title"), url: "/app/requests" }} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h2" variant="headingMd">
                      {t("desk.detail.actions")}
                    </Text>
                    <StatusBadge status={request.status} />
                  </InlineStack>
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span">{t("desk.detail.due", { date: formatDate(request.dueAt, locale, timeZone) })}</Text>
                    <DueBadge status={request.status} dueAt={request.dueAt} now={now} soonDays={loaded.dueSoonDays} />
                  </InlineStack>
                </InlineStack>
                <LifecycleActions loaded={loaded} />
              </BlockStack>
            </Card>
            {request.redacted ? (
              <Banner tone="info" title={t("desk.detail.redactedTitle")}>
                <p>{t("desk.detail.redactedBody")}</p>
              </Banner>
            ) : null}
            {request.redacted ? null : (
              <>
                {request.type === "disclosure" && (loaded.canClose.length > 0 || loaded.packageReady) ? (
                  <DisclosurePanel requestId={request.id} job={loaded.job} ready={loaded.packageReady} blocked={!loaded.linked} coverage={loaded.orderCoverage} />
                ) : null}
                {request.type === "correction" && loaded.canClose.length > 0 ? (
                  <CorrectionPanel rows={loaded.correction} requested={loaded.requestedChanges} blocked={!loaded.linked} error={loaded.correctionError} />
                ) : null}
                {request.type === "stop_use" && (loaded.canClose.length > 0 || loaded.erasure) ? <StopUsePanel blocked={!loaded.linked} erasure={loaded.erasure} projected={loaded.projectedErasure} projectionError={loaded.projectionError} /> : null}
                {request.type === "provision_records" || request.type === "disclosure" ? <ProvisionRecordsCard requestId={request.id} language={request.language} /> : null}
              </>
            )}
            {loaded.delivery && !request.redacted ? <DeliveryCard delivery={loaded.delivery} requestId={request.id} /> : null}
            <RequestNotices mails={loaded.mails} smtpConfigured={loaded.smtpConfigured} />
            <RequestTimeline events={loaded.timeline} staffNames={staffNames} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("desk.detail.requestCard")}
                </Text>
                <dl style={{ margin: 0, display: "grid", gap: 12 }}>
                  <Detail label={t("desk.list.col.name")} value={request.customerName} />
                  <Detail label={t("desk.detail.email")} value={request.email} />
                  <Detail label={t("desk.detail.phone")} value={request.phone} />
                  <Detail label={t("desk.detail.orderName")} value={request.orderName} />
                  <Detail label={t("desk.list.col.source")} value={t(sourceKey(request.source))} />
                  <Detail label={t("desk.list.col.received")} value={formatDateTime(request.receivedAt, locale, timeZone)} />
                  <Detail label={t("desk.detail.language")} value={t(request.language === "en" ? "language.en" : "language.ja")} />
                  {request.type === "disclosure" || request.type === "provision_records" ? (
                    <Detail label={t("desk.detail.delivery")} value={t(deliveryKey(request.deliveryMethod))} />
                  ) : null}
                  <Detail label={t("desk.detail.message")} value={request.message} />
                </dl>
                {request.inEu ? <Text as="p">{t("desk.detail.inEu")}</Text> : null}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("desk.detail.identityCard")}
                </Text>
                {request.redacted ? (
                  <Text as="p" tone="subdued">
                    {t("desk.detail.redactedTitle")}
                  </Text>
                ) : (
                  <InlineStack>
                    <StatusBadgeForIdentity status={request.identityStatus} />
                  </InlineStack>
                )}
                {request.identityVerifiedAt && !request.redacted ? (
                  <Text as="p" tone="subdued">
                    {t(request.identityVerifiedBy ? "desk.detail.identityVerified" : "desk.detail.identityVerifiedNoBy", {
                      method: request.identityMethod ? labelOr(t, identityMethodKey(request.identityMethod), request.identityMethod) : "",
                      date: formatDateTime(request.identityVerifiedAt, locale, timeZone),
                      by: actorLabel(t, request.identityVerifiedBy ?? "", staffNames),
                    })}
                  </Text>
                ) : null}
                {request.redacted ? null : request.shopifyCustomerId ? (
                  <BlockStack gap="100">
                    <Text as="p">
                      {request.customerName ? t("desk.detail.linkedCustomerName", { name: request.customerName }) : t("desk.detail.linkedCustomerUnnamed")}
                    </Text>
                    {/* App Bridge opens shopify://admin/ links in Shopify admin itself, outside the app's frame. */}
                    <Link url={`shopify://admin/customers/${request.shopifyCustomerId}`} target="_top">
                      {t("desk.detail.openInShopify")}
                    </Link>
                  </BlockStack>
                ) : (
                  <CustomerMatchPanel closed={loaded.canClose.length === 0} hasEmail={Boolean(request.email)} />
                )}
              </BlockStack>
            </Card>
            {request.shopifyCustomerId ? <CustomerDataCard customerId={request.shopifyCustomerId} /> : null}
            {request.isAgent ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t("desk.detail.agentCard")}
                  </Text>
                  <dl style={{ margin: 0, display: "grid", gap: 12 }}>
                    <Detail label={t("desk.detail.agentName")} value={request.agentName} />
                    <Detail label={t("desk.detail.agentRelationship")} value={request.agentRelationship} />
                    <Detail label={t("desk.detail.agentAuthority")} value={request.agentAuthorityNote} />
                  </dl>
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function StatusBadgeForIdentity({ status }: { status: string }) {
  const t = useT();
  return (
    <Text as="span" tone={status === "verified" ? "success" : "caution"} fontWeight="semibold">
      {t(identityKey(status))}
    </Text>
  );
}

export const ErrorBoundary = DeskErrorState;
