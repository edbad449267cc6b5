import { useCallback, useState } from "react";
import { App } from "antd";
import { describeError } from "../api/client.ts";

/**
 * Runs a write for a form or a button: shows the success message, or the server's Chinese message
 * with its code; `isBusy` while it runs. `run` resolves to true when the write succeeded.
 */
export function useRun(): { isBusy: boolean; run(action: () => Promise<unknown>, success?: string): Promise<boolean> } {
  const { message } = App.useApp();
  const [isBusy, setIsBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<unknown>, success?: string) => {
      setIsBusy(true);
      try {
        await action();
        if (success) message.success(success);
        return true;
      } catch (reason) {
        message.error(describeError(reason));
        return false;
      } finally {
        setIsBusy(false);
      }
    },
    [message],
  );
  return { isBusy, run };
}
