// The request page's decisions: change status, extend the deadline, complete, refuse, withdraw.
// Only what the request's state allows is offered (app/privacy/requests/requestOffer.ts).
import { Banner, BlockStack, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useLocale, useT, useTimeZone } from "../../i18n/react";
import type { RequestOffer } from "../../privacy/requests/requestOffer";
import { GROUNDS_NEEDING_MEASURE, refusalGroundsFor, type RefusalGround } from "../../privacy/requests/requestTypes";
import { ConfirmAction } from "./ConfirmAction";
import { formatDate } from "./format";
import { groundKey, statusKey } from "./labels";

interface LifecycleRequest {
  type: string;
  status: string;
  extensionReason: string | null;
  closedAt: Date | string | null;
}

export function LifecycleActions({ request, offer }: { request: LifecycleRequest; offer: RequestOffer }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  // The dialog starts on the proposed step; the page keys this component by status, so after a
  // move it proposes the step that follows the new status rather than keeping the old choice.
  const [to, setTo] = useState<string>(offer.proposed ?? offer.moveTo[0] ?? "");
  const [days, setDays] = useState("14");
  const [reason, setReason] = useState("");
  const grounds = refusalGroundsFor(request.type);
  const [ground, setGround] = useState<string>(grounds[0] ?? "");
  const [explanation, setExplanation] = useState("");
  const [measure, setMeasure] = useState("");
  const [completion, setCompletion] = useState("");

  if (!offer.open) {
    const closedOn = request.closedAt ? formatDate(request.closedAt, locale, timeZone) : "";
    return (
      <Text as="p" tone="subdued">
        {offer.closedByErasure
          ? t("desk.detail.closedByErasure", { date: closedOn })
          : closedOn
            ? t("desk.detail.closedOn", { date: closedOn })
            : t("desk.detail.noTransitions")}
      </Text>
    );
  }
  return (
    <BlockStack gap="300">
      {offer.complete ? (
        <Banner tone="success">
          <p>{t(request.type === "inquiry" || request.type === "purpose_notice" ? "desk.detail.readyToAnswer" : "desk.detail.workDone")}</p>
        </Banner>
      ) : null}
      <InlineStack gap="200" wrap>
        {offer.moveTo.length ? (
          <ConfirmAction
            id="move-status"
            intent="status"
            label={t("desk.detail.moveStatus")}
            doneMessage={t("desk.detail.statusChanged")}
            values={{ to }}
          >
            <Select label={t("desk.detail.moveTo")} options={offer.moveTo.map((status) => ({ value: status, label: t(statusKey(status)) }))} value={to} onChange={setTo} />
          </ConfirmAction>
        ) : null}
        {offer.extend ? (
          <ConfirmAction
            id="extend"
            intent="extend"
            label={t("desk.detail.extend")}
            doneMessage={t("desk.detail.extended.toast")}
            values={{ days, reason }}
          >
            <TextField label={t("desk.detail.extendDays")} type="number" min={1} value={days} onChange={setDays} autoComplete="off" />
            <TextField label={t("desk.detail.extendReason")} value={reason} onChange={setReason} multiline={3} autoComplete="off" />
          </ConfirmAction>
        ) : null}
        {offer.complete ? (
          <ConfirmAction
            id="complete"
            intent="complete"
            primary
            label={t("desk.detail.complete")}
            doneMessage={t("desk.detail.completed.toast")}
            values={{ explanation: completion }}
          >
            <TextField label={t("desk.detail.completeNote")} value={completion} onChange={setCompletion} multiline={3} autoComplete="off" />
          </ConfirmAction>
        ) : null}
        {offer.refuse ? (
          <ConfirmAction
            id="refuse"
            intent="refuse"
            destructive
            label={t("desk.detail.refuse")}
            doneMessage={t("desk.detail.refused.toast")}
            values={{ ground, explanation, measure }}
          >
            <Select label={t("desk.detail.refuseGround")} options={grounds.map((value) => ({ value, label: t(groundKey(value)) }))} value={ground} onChange={setGround} />
            {GROUNDS_NEEDING_MEASURE.includes(ground as RefusalGround) ? (
              <TextField label={t("desk.detail.refuseMeasure")} value={measure} onChange={setMeasure} multiline={3} autoComplete="off" />
            ) : null}
            <TextField label={t("desk.detail.refuseExplanation")} value={explanation} onChange={setExplanation} multiline={4} autoComplete="off" />
            <Text as="p" tone="subdued">
              {t("desk.detail.noFee")}
            </Text>
          </ConfirmAction>
        ) : null}
        {offer.withdraw ? (
          <ConfirmAction id="withdraw" intent="withdraw" label={t("desk.detail.withdraw")} title={t("desk.detail.withdrawTitle")} doneMessage={t("desk.detail.withdrawn.toast")}>
            <Text as="p">{t("desk.detail.withdrawBody")}</Text>
          </ConfirmAction>
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
