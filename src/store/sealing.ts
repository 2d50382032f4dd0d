import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { randomBuffer } from './random.ts';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Db } from './cases.repository.ts';

/**
 * Crypto-shredding (issue 24, CON-4, PIPL Art 47). Each case has its own AES-256-GCM data key,
 * kept in `case_keys` wrapped by a key derived from the instance's master secret. The case's
 * personal and free text — description, submitter identity, timeline inputs (messages, notes),
 * data requests, in-app notices, attachments — is stored sealed under that key. Erasing a case
 * deletes its key row in the same transaction as the redaction: every copy of the old ciphertext
 * (freed pages, WAL, dead tuples, a backup) becomes noise, once the wrapped key itself is gone
 * from the disk (erasure-batch.ts) and from restored backups (the erasure ledger).
 *
 * The store seals on write and opens on read, so the rest of the code sees plain text. Values
 * written before sealing existed (no `s1.` prefix) are read as they are: a rolling upgrade's old
 * instance may still write them, and the migration seals the rest.
 */
export class Keyring {
  /** Wraps case keys. */
  readonly wrapKey: Buffer;
  /** HMAC of search tokens: the index holds no word of any case. */
  readonly searchKey: Buffer;
  /** The instance key that sealed submitter identities before case keys (app/secrets.ts `encrypt`). */
  readonly legacyKey: Buffer;
  /**
   * Search hashes of tokens seen lately. An HMAC costs ~2 µs and a case has ~100 tokens (words and
   * characters); the words of complaints repeat, so most are found here. Bounded: cleared when full.
   */
  readonly tokenHashes = new Map<string, string>();
  /**
   * Case keys unwrapped lately, by case id, each with the list texts (subjects) opened under it.
   * An unwrap and an open are one AES-GCM operation each, ~10 µs apiece with OpenSSL 3 (most of
   * it making the cipher): two per row were most of what sealing added to an inbox or search page.
   * Only ever a shortcut past that work, never a source of keys: every read still asks the database
   * for the case's wrapped key and uses a remembered one only when the row is there with the same
   * wrapped bytes, so a key that erasure destroyed — in this process or another instance — is not
   * served. `destroyCaseKey` forgets the case at once; a read that finds no key row forgets it too.
   * Bounded (KEY_CACHE_SIZE) and aged: a key leaves KEY_CACHE_MS after it was unwrapped, whether
   * or not it was read since (the oldest go first on the next unwrap).
   */
  readonly caseKeyCache = new Map<string, RememberedKey>();

  constructor(master: Buffer) {
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
    this.wrapKey = derive('plaint/case-keys/v1');
    this.searchKey = derive('plaint/search/v1');
    this.legacyKey = derive('plaint/encryption/v1');
  }
}

/**
 * Carries the keyring with the Kysely instance, into every transaction made from it: store
 * functions take a `Db` (the database or a transaction) and find the keys there. Changes nothing.
 */
export class KeyringPlugin implements KyselyPlugin {
  constructor(readonly keyring: Keyring) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export function keyringOf(db: Db): Keyring {
  const plugin = db.getExecutor().plugins.find((p): p is KeyringPlugin => p instanceof KeyringPlugin);
  if (!plugin) throw new Error('the store was opened without the instance key: case content cannot be sealed');
  return plugin.keyring;
}

export type CaseKey = { kid: string; key: Buffer };
type RememberedKey = { wrapped: string; key: CaseKey; at: number; opened: Map<string, string> };

/** Case keys a process keeps unwrapped (Keyring.caseKeyCache): a few pages of every handler's inbox. */
const KEY_CACHE_SIZE = 10_000;
/** How long an unwrapped key stays in memory unread: after that it is unwrapped again. */
const KEY_CACHE_MS = 5 * 60_000;
/** Texts opened per remembered key: a subject, and the one it had before an edit. */
const OPENED_PER_KEY = 4;

/** What a reader sees of text sealed under a key that erasure destroyed. */
export const ERASED_TEXT = '[已删除 / erased]';

const PREFIX = 's1.';
const BYTES_MAGIC = Buffer.from('PLS1');

function gcm(key: Buffer, iv: Buffer) {
  return createCipheriv('aes-256-gcm', key, iv);
}

function wrap(keyring: Keyring, key: Buffer): string {
  const iv = randomBuffer(12);
  const cipher = gcm(keyring.wrapKey, iv);
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

function unwrap(keyring: Keyring, wrapped: string): Buffer {
  const [iv, tag, body] = wrapped.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', keyring.wrapKey, iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]);
}

/**
 * The key a case's key row holds, unwrapped — or the same key remembered from an earlier read of
 * the same row (Keyring.caseKeyCache). The caller has just read the row from the database.
 */
function unwrapRow(keyring: Keyring, caseId: string, row: { kid: string; wrapped: string }): CaseKey {
  const cache = keyring.caseKeyCache;
  const now = Date.now();
  const hit = cache.get(caseId);
  if (hit && hit.wrapped === row.wrapped && hit.key.kid === row.kid && now - hit.at < KEY_CACHE_MS) return hit.key;
  return remember(keyring, caseId, row, { kid: row.kid, key: unwrap(keyring, row.wrapped) });
}

/** Keeps a case's key unwrapped with the row it came from, the oldest ones making room. */
function remember(keyring: Keyring, caseId: string, row: { wrapped: string }, key: CaseKey): CaseKey {
  const cache = keyring.caseKeyCache;
  const now = Date.now();
  // Oldest first (in the order they were unwrapped): the expired ones leave, then one if still full.
  cache.delete(caseId);
  for (const [id, old] of cache) {
    if (now - old.at < KEY_CACHE_MS && cache.size < KEY_CACHE_SIZE) break;
    cache.delete(id);
  }
  cache.set(caseId, { wrapped: row.wrapped, key, at: now, opened: new Map() });
  return key;
}

/** The case's key; with `create`, a new one when it has none (a new case, or one erased before). */
export async function caseKey(db: Db, caseId: string, create: true): Promise<CaseKey>;
export async function caseKey(db: Db, caseId: string, create?: false): Promise<CaseKey | undefined>;
export async function caseKey(db: Db, caseId: string, create = false): Promise<CaseKey | undefined> {
  const keyring = keyringOf(db);
  const row = await db
    .selectFrom('case_keys')
    .select(['kid', 'wrapped'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (row) return unwrapRow(keyring, caseId, row);
  keyring.caseKeyCache.delete(caseId);
  if (!create) return undefined;
  const [made] = await createCaseKeys(db, [caseId]);
  return made!;
}

/** The keys of several cases in one query (a page of cases, an export). */
export async function caseKeys(db: Db, caseIds: string[]): Promise<Map<string, CaseKey>> {
  const keyring = keyringOf(db);
  const keys = new Map<string, CaseKey>();
  for (let i = 0; i < caseIds.length; i += 500) {
    const rows = await db
      .selectFrom('case_keys')
      .select(['case_id', 'kid', 'wrapped'])
      .where('case_id', 'in', caseIds.slice(i, i + 500))
      .execute();
    for (const r of rows) keys.set(r.case_id, unwrapRow(keyring, r.case_id, r));
  }
  // A case without a key row was erased (here or by another instance): nothing of it is kept.
  for (const id of caseIds) if (!keys.has(id)) keyring.caseKeyCache.delete(id);
  return keys;
}

/**
 * Keys of cases whose key rows were read with them (`kid.wrapped`, null when the case has none):
 * as `caseKeys`, without its query. A null forgets the case's remembered key.
 */
export function keysOfRows(keyring: Keyring, rows: [caseId: string, keyRow: string | null][]): Map<string, CaseKey> {
  const keys = new Map<string, CaseKey>();
  for (const [caseId, keyRow] of rows) {
    const dot = keyRow ? keyRow.indexOf('.') : -1;
    if (!keyRow || dot < 0) keyring.caseKeyCache.delete(caseId);
    else keys.set(caseId, unwrapRow(keyring, caseId, { kid: keyRow.slice(0, dot), wrapped: keyRow.slice(dot + 1) }));
  }
  return keys;
}

/** New keys for new cases, in one insert. */
export async function createCaseKeys(db: Db, caseIds: string[]): Promise<CaseKey[]> {
  const keyring = keyringOf(db);
  const made = caseIds.map(() => ({ kid: randomBuffer(6).toString('hex'), key: randomBuffer(32) }));
  if (caseIds.length === 0) return made;
  const rows = caseIds.map((caseId, i) => ({
    case_id: caseId,
    kid: made[i]!.kid,
    wrapped: wrap(keyring, made[i]!.key),
  }));
  await db.insertInto('case_keys').values(rows).execute();
  // Issue 22: a new case's first event, in the same transaction, reads the row back; remembered
  // here, it is not unwrapped again. unwrapRow still checks the remembered key against the row
  // read, so a rolled-back insert leaves nothing that could be used. Not an import's thousands:
  // they would push the inbox's keys out.
  if (rows.length === 1) remember(keyring, rows[0]!.case_id, rows[0]!, made[0]!);
  return made;
}

/** Shreds a case's key: whatever was sealed under it can no longer be read, wherever a copy lies. */
export async function destroyCaseKey(db: Db, caseId: string): Promise<void> {
  keyringOf(db).caseKeyCache.delete(caseId);
  await db.deleteFrom('case_keys').where('case_id', '=', caseId).execute();
}

/** `s1.<kid>.<iv>.<tag>.<body>`, base64url: the key id says which key of the case sealed it. */
export function sealText(key: CaseKey, text: string): string {
  const iv = randomBuffer(12);
  const cipher = gcm(key.key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `${PREFIX}${key.kid}.${[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')}`;
}

/** Plain text from a stored value: sealed under the case key, sealed under the instance key (older identities), or plain. */
export function openText(keyring: Keyring, key: CaseKey | undefined, stored: string, erased = ERASED_TEXT): string {
  if (stored.startsWith(PREFIX)) {
    const [kid, iv, tag, body] = stored.slice(PREFIX.length).split('.');
    if (!key || key.kid !== kid) return erased;
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv!, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body!, 'base64url')), decipher.final()]).toString('utf8');
  }
  if (stored.startsWith('v1.')) {
    const [, iv, tag, body] = stored.split('.');
    const decipher = createDecipheriv('aes-256-gcm', keyring.legacyKey, Buffer.from(iv!, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body!, 'base64url')), decipher.final()]).toString('utf8');
  }
  return stored;
}

/**
 * `openText` for what lists show (subjects): the plain text remembered with the case's key when
 * the same sealed value was opened under it before. `key` must come from `caseKey`/`caseKeys` in
 * this read: a destroyed key is never among them, and then the text reads as erased.
 */
export function openListText(keyring: Keyring, caseId: string, key: CaseKey | undefined, stored: string): string {
  const remembered = key ? keyring.caseKeyCache.get(caseId) : undefined;
  if (!remembered || remembered.key !== key) return openText(keyring, key, stored);
  let text = remembered.opened.get(stored);
  if (text === undefined) {
    text = openText(keyring, key, stored);
    if (remembered.opened.size >= OPENED_PER_KEY) remembered.opened.clear();
    remembered.opened.set(stored, text);
  }
  return text;
}

/** Bytes (an attachment): `PLS1`, key id length and id, iv, tag, ciphertext. */
export function sealBytes(key: CaseKey, bytes: Buffer): Buffer {
  const iv = randomBuffer(12);
  const cipher = gcm(key.key, iv);
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  const kid = Buffer.from(key.kid, 'utf8');
  return Buffer.concat([BYTES_MAGIC, Buffer.from([kid.length]), kid, iv, cipher.getAuthTag(), body]);
}

/** The bytes, or undefined when the key that sealed them was destroyed. Unsealed bytes pass through. */
export function openBytes(key: CaseKey | undefined, stored: Buffer): Buffer | undefined {
  if (!stored.subarray(0, 4).equals(BYTES_MAGIC)) return stored;
  const kidLength = stored[4]!;
  const kid = stored.subarray(5, 5 + kidLength).toString('utf8');
  if (!key || key.kid !== kid) return undefined;
  const at = 5 + kidLength;
  const decipher = createDecipheriv('aes-256-gcm', key.key, stored.subarray(at, at + 12));
  decipher.setAuthTag(stored.subarray(at + 12, at + 28));
  return Buffer.concat([decipher.update(stored.subarray(at + 28)), decipher.final()]);
}

/**
 * A search token as the index holds it: HMAC-SHA256 under the instance's search key, 16 hex digits
 * (64 bits: no two of a few million distinct words collide in practice). Letters and digits only,
 * so FTS5's unicode61 and PostgreSQL's tsvector keep it whole.
 */
export function searchHash(keyring: Keyring, token: string): string {
  let hash = keyring.tokenHashes.get(token);
  if (hash === undefined) {
    hash = createHmac('sha256', keyring.searchKey).update(token).digest('hex').slice(0, 16);
    if (keyring.tokenHashes.size >= 200_000) keyring.tokenHashes.clear();
    keyring.tokenHashes.set(token, hash);
  }
  return hash;
}

/** Texts of one case sealed under its key (created if the case has none yet). */
export async function sealFor(db: Db, caseId: string, texts: string[]): Promise<string[]> {
  const key = await caseKey(db, caseId, true);
  return texts.map((t) => sealText(key, t));
}

/** Opens texts of several cases with their keys read in one query: for lists (notices, requests). */
export async function openerFor(
  db: Db,
  caseIds: (string | null)[],
): Promise<(caseId: string | null, stored: string, erased?: string) => string> {
  const keyring = keyringOf(db);
  const ids = [...new Set(caseIds.filter((id): id is string => id !== null))];
  const keys = ids.length ? await caseKeys(db, ids) : new Map<string, CaseKey>();
  return (caseId, stored, erased) => openText(keyring, caseId ? keys.get(caseId) : undefined, stored, erased);
}

/**
 * The case's form data (`cases.data`, JSON) with every string in it sealed, each on its own: the
 * shape, numbers and booleans stay plain, so statistics still read `data.satisfaction` in SQL and
 * the JSON stays valid, while every word a person typed (a reply, an address, a measure) is sealed.
 */
export function sealData(key: CaseKey, json: string): string {
  return JSON.stringify(mapStrings(JSON.parse(json), (s) => sealText(key, s)));
}

/** `sealData` undone; a string sealed under a destroyed key reads as ERASED_TEXT, plain strings as they are. */
export function openData(keyring: Keyring, key: CaseKey | undefined, stored: string): string {
  if (!stored.includes(`"${PREFIX}`)) return stored;
  return JSON.stringify(mapStrings(JSON.parse(stored), (s) => (s.startsWith(PREFIX) ? openText(keyring, key, s) : s)));
}

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}
