/**
 * The engine reads no file and no address by itself: DuckDB's own switches refuse it, for every
 * statement from anywhere (the console, a link, "Open as dataset", the benchmark's hooks), and the
 * switches are locked so no statement can turn them back. The one way in is a folder of files the
 * page put there itself, each after the user said yes to its host (see `approved.ts`).
 */
export const APPROVED_DIR = "/approved/";

export const LOCKDOWN = [
  `SET allowed_directories = ['${APPROVED_DIR}']`,
  "SET enable_external_access = false",
  "SET lock_configuration = true",
];
