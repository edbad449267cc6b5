/** Vitest global setup: announces which database passes run. */
export default function setup(): void {
  // Filled in by the database test harness (see db/test-database.ts).
}
