/** Settings of this installation only; never synced, never in the digest. */
export interface LocalSettingTable {
  key: string;
  /** JSON-encoded value. */
  value: string;
}
