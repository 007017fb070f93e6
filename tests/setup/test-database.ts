import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Databases made for one test file on a real PostgreSQL server (TEST_DATABASE_URL).
 * The URL names a server to connect to; each test file gets a database of its own on it.
 */

/** A fresh, unguessable name, so test files (and people) running at once never share one. */
export function newTestDatabaseName(): string {
  return `practica_test_${randomBytes(6).toString("hex")}`;
}

export function withDatabaseName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Runs one statement over a maintenance connection (the URL's database, else "postgres"). */
async function runOnServer(serverUrl: string, statement: string): Promise<void> {
  let client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
  } catch (error) {
    // 3D000: the database named in the URL does not exist; the server is still usable.
    if ((error as { code?: unknown }).code !== "3D000") throw error;
    client = new pg.Client({ connectionString: withDatabaseName(serverUrl, "postgres") });
    await client.connect();
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(serverUrl: string, name: string): Promise<void> {
  await runOnServer(serverUrl, `create database ${quoteIdentifier(name)}`);
}

export async function dropTestDatabase(serverUrl: string, name: string): Promise<void> {
  // WITH (FORCE) (PostgreSQL 13+) ends connections a failed test may have left open.
  await runOnServer(serverUrl, `drop database if exists ${quoteIdentifier(name)} with (force)`);
}
