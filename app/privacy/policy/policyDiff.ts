// What the draft changes against the published version, keyed by section and item ids so a
// reworded purpose shows as "changed" rather than as one removal and one addition.
import type { PolicyDocument } from "./policyDocument";

export interface PolicyChange {
  change: "added" | "removed" | "changed";
  /** Where: "title", "intro", "business.email", "section:purposes", "section:purposes/heading", "item:purpose_03" ... */
  path: string;
  /** A human label: the section heading or item id. */
  label: string;
  before?: string;
  after?: string;
}

function compare(changes: PolicyChange[], path: string, label: string, before: string | undefined, after: string | undefined) {
  if (before === after) return;
  if (before === undefined) changes.push({ change: "added", path, label, after });
  else if (after === undefined) changes.push({ change: "removed", path, label, before });
  else changes.push({ change: "changed", path, label, before, after });
}

export function diffPolicy(published: PolicyDocument | null, draft: PolicyDocument): PolicyChange[] {
  const changes: PolicyChange[] = [];
  const before = published ?? { title: undefined, intro: undefined, sections: [], business: undefined };
  compare(changes, "title", "title", before.title, draft.title);
  compare(changes, "intro", "intro", before.intro, draft.intro);
  for (const field of ["name", "address", "representative", "email", "phone"] as const) {
    compare(changes, `business.${field}`, field, before.business?.[field], draft.business[field]);
  }
  const oldSections = new Map(before.sections.map((section) => [section.id, section]));
  const newSections = new Map(draft.sections.map((section) => [section.id, section]));
  for (const section of draft.sections) {
    const old = oldSections.get(section.id);
    if (!old) {
      compare(changes, `section:${section.id}`, section.heading, undefined, [section.heading, ...section.paragraphs, ...section.items.map((item) => item.text)].join("\n"));
      continue;
    }
    compare(changes, `section:${section.id}/heading`, section.heading, old.heading, section.heading);
    compare(changes, `section:${section.id}/paragraphs`, section.heading, old.paragraphs.join("\n\n"), section.paragraphs.join("\n\n"));
    const oldItems = new Map(old.items.map((item) => [item.id, item.text]));
    const newItems = new Map(section.items.map((item) => [item.id, item.text]));
    // Items are named as the published policy numbers them (its heading and position), never by id.
    section.items.forEach((item, index) => compare(changes, `item:${item.id}`, `${section.heading} (${index + 1})`, oldItems.get(item.id), item.text));
    old.items.forEach((item, index) => {
      if (!newItems.has(item.id)) compare(changes, `item:${item.id}`, `${old.heading} (${index + 1})`, item.text, undefined);
    });
  }
  for (const section of before.sections) {
    if (!newSections.has(section.id)) {
      compare(changes, `section:${section.id}`, section.heading, [section.heading, ...section.paragraphs, ...section.items.map((item) => item.text)].join("\n"), undefined);
    }
  }
  return changes;
}
