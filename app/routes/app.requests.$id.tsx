import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import { useEffect, useMemo } from "react";
import db from "../db.server";
import { notFound, staffSession } from "../privacy/desk/staffSession.server";
import {
  addInternalNote,
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
import { requestOffer } from "../privacy/requests/requestOffer";
import { disclosureJobStatus, latestDisclosurePackage, startDisclosureJob } from "../privacy/disclosure";
import { AdminApiError, UserErrorsError } from "../privacy/adminApi";
import { adminGraphqlForShop } from "../shopifyAdmin.server";
import { CorrectionPanel, DisclosurePanel, StopUsePanel } from "../components/desk/ShopifyActionPanels";
import { mailConfigured, markMailSentByHand } from "../privacy/mail";
import { noticesForRequest } from "../privacy/desk/requestNotices";
import { useLocale, useT, useTimeZone } from "../i18n/react";
import { translate } from "../i18n";
import { formatStaffNames, staffNamesFor } from "../privacy/desk/staffNames";
import type { ActionResult } from "../components/desk/ConfirmAction";
import { LifecycleActions } from "../components/desk/LifecycleActions";
import { DueBadge, StatusBadge } from "../components/desk/Badges";
import { CustomerDataCard, ProvisionRecordsCard } from "../components/desk/DownloadPanels";
import { DeskErrorState, DeskSkeleton, useLeavingPage } from "../components/desk/PageStates";
import { formatDate } from "../components/desk/format";
import { typeKey } from "../components/desk/labels";
import { RequestNotices, RequestTimeline } from "../components/desk/RequestActivity";
import { AgentCard, IdentityCard, RequestDetailsCard } from "../components/desk/RequestSideCards";
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
  const offer = requestOffer(privacyRequest, {
    timeline,
    packageReady: Boolean(pkg),
    packageBuilding: job?.status === "pending" || job?.status === "running",
    erasureRequested: Boolean(erasure),
  });
  const { open } = offer;
  // Current values come from Shopify; when it cannot answer the page still shows what was asked.
  let correction: Awaited<ReturnType<typeof correctionView>> | null = null;
  let correctionError: ActionResult | null = null;
  if (offer.correction.show && linked) {
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
    offer,
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
        if (!Number.isInteger(extraDays) || extraDays < 1) return failed("days must be a whole number of days", 400, "invalid_extraDays");
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
        if (!(await markMailSentByHand(db, shop, field("mailId")))) return failed("this notice is not waiting to be copied", 400, "mail_not_waiting");
        break;
      default:
        return failed("unknown action", 400, "unknown_action");
    }
    return { ok: true } satisfies ActionResult;
  } catch (error) {
    if (error instanceof RequestNotFoundError) notFound();
    // Shopify refused or could not be reached: say so on the page, nothing was recorded.
    const refused = refusal(error);
    return failed(refused.error ?? "", error instanceof RequestInputError ? 400 : 502, refused.code);
  }
};

export default function RequestPage() {
  const loaded = useLoaderData<typeof loader>();
  const { request, now, offer } = loaded;
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
                    <StatusBadge status={request.status} erased={offer.closedByErasure} />
                  </InlineStack>
                  {offer.open ? (
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="span">{t("desk.detail.due", { date: formatDate(request.dueAt, locale, timeZone) })}</Text>
                      <DueBadge status={request.status} dueAt={request.dueAt} now={now} soonDays={loaded.dueSoonDays} />
                    </InlineStack>
                  ) : null}
                </InlineStack>
                <LifecycleActions key={`${request.status} ${request.identityStatus}`} request={request} offer={offer} />
              </BlockStack>
            </Card>
            {request.redacted ? (
              <Banner tone="info" title={t("desk.detail.redactedTitle")}>
                <p>{t("desk.detail.redactedBody")}</p>
              </Banner>
            ) : null}
            {request.redacted ? null : (
              <>
                {offer.disclosure.show ? (
                  <DisclosurePanel requestId={request.id} job={loaded.job} offer={offer.disclosure} blocked={offer.needsCustomer} coverage={loaded.orderCoverage} />
                ) : null}
                {offer.correction.show ? (
                  <CorrectionPanel rows={loaded.correction} requested={loaded.requestedChanges} canApply={offer.correction.apply} blocked={offer.needsCustomer} error={loaded.correctionError} />
                ) : null}
                {offer.stopUse.show ? <StopUsePanel offer={offer.stopUse} blocked={offer.needsCustomer} erasure={loaded.erasure} projected={loaded.projectedErasure} projectionError={loaded.projectionError} /> : null}
                {offer.downloads && (request.type === "provision_records" || request.type === "disclosure") ? <ProvisionRecordsCard requestId={request.id} language={request.language} /> : null}
              </>
            )}
            {loaded.delivery && !request.redacted ? <DeliveryCard delivery={loaded.delivery} requestId={request.id} /> : null}
            <RequestNotices mails={loaded.mails} smtpConfigured={loaded.smtpConfigured} />
            <RequestTimeline events={loaded.timeline} staffNames={staffNames} canAddNote={offer.note} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <RequestDetailsCard request={request} />
            <IdentityCard request={request} offer={offer} staffNames={staffNames} />
            {offer.downloads && request.shopifyCustomerId ? <CustomerDataCard customerId={request.shopifyCustomerId} /> : null}
            {request.isAgent ? <AgentCard request={request} /> : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = DeskErrorState;
