// The one header of every admin page: App Bridge's title bar in Shopify admin, holding the title,
// the way back and the page's actions. Pages render no Polaris page title or actions of their own,
// so nothing appears twice (Shopify admin draws this bar above the app's frame).
import { useNavigate } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";

export interface TitleBarAction {
  label: string;
  /** A page inside the app, or a handler. */
  url?: string;
  onAction?: () => void;
  disabled?: boolean;
  critical?: boolean;
}

export interface PageTitleBarProps {
  title: string;
  back?: { label: string; url: string };
  primary?: TitleBarAction;
  secondary?: TitleBarAction[];
}

export function PageTitleBar({ title, back, primary, secondary = [] }: PageTitleBarProps) {
  const navigate = useNavigate();
  const run = (action: TitleBarAction) => () => (action.onAction ? action.onAction() : action.url ? navigate(action.url) : undefined);
  return (
    <TitleBar title={title}>
      {back ? (
        <button variant="breadcrumb" onClick={() => navigate(back.url)}>
          {back.label}
        </button>
      ) : null}
      {primary ? (
        <button variant="primary" onClick={run(primary)} disabled={primary.disabled} tone={primary.critical ? "critical" : undefined}>
          {primary.label}
        </button>
      ) : null}
      {secondary.map((action) => (
        <button key={action.label} onClick={run(action)} disabled={action.disabled} tone={action.critical ? "critical" : undefined}>
          {action.label}
        </button>
      ))}
    </TitleBar>
  );
}
