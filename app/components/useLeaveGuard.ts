// Leaving a page with unsaved edits asks first, as Shopify admin does around its save bar: a link or
// the title bar's way back inside the app is held, App Bridge's leave confirmation is shown while
// the page's save bar is up, and the navigation goes ahead only once staff choose to leave (Shopify
// admin itself guards its own navigation and the browser's).
import { useEffect } from "react";
import { useBlocker } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";

export function useLeaveGuard(dirty: boolean) {
  const shopify = useAppBridge();
  // Only a move to another page: the same page with new search params (a tab) keeps the edits.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    let current = true;
    // Resolves when no save bar is showing or staff confirm leaving; staying leaves it pending, and
    // the next attempt to leave blocks again with a new confirmation.
    shopify.saveBar.leaveConfirmation().then(
      () => current && blocker.proceed(),
      () => current && blocker.reset(),
    );
    return () => {
      current = false;
    };
  }, [blocker, shopify]);
}
