// A list filter that picks from a fixed set of values, as the consent ledger and the request
// list offer them in Polaris' Filters bar (the title is the filter's label, hidden in the popover).
import { ChoiceList, type FilterInterface } from "@shopify/polaris";

export interface ChoiceFilterSpec {
  key: string;
  label: string;
  choices: Array<{ label: string; value: string }>;
  selected: string[];
  onChange: (values: string[]) => void;
  allowMultiple?: boolean;
  pinned?: boolean;
  shortcut?: boolean;
}

export function choiceFilter({ key, label, choices, selected, onChange, allowMultiple, pinned, shortcut }: ChoiceFilterSpec): FilterInterface {
  return {
    key,
    label,
    ...(pinned ? { pinned } : {}),
    ...(shortcut ? { shortcut } : {}),
    filter: <ChoiceList title={label} titleHidden allowMultiple={allowMultiple} choices={choices} selected={selected} onChange={onChange} />,
  };
}
