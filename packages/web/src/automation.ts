/** True when a browser robot drives the page: charts and antd then skip animation so screenshots are complete. */
export function isAutomated(): boolean {
  return typeof navigator !== "undefined" && navigator.webdriver === true;
}
