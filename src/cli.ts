import { readFileSync } from 'node:fs';
import { runRetention } from './app/retention.ts';
import { archiveBundle, caseFile } from './app/archive.ts';
import { findCaseByTrackingNo } from './store/cases.repository.ts';
import { parseArgs } from 'node:util';
import { importCalendar, parseCalendarFile } from './app/calendar.ts';
import { startSweeper, sweepOnce } from './jobs/sweeper.ts';
import { startPeriodic } from './jobs/periodic.ts';
import { startIndexer } from './jobs/indexer.ts';
import { describePrune, keepConfigFromEnv, pruneOnce } from './app/housekeeping.ts';
import { addOrgUnit, grantRole, orgUnits } from './app/org.ts';
import { addUser, createToken } from './app/auth.ts';
import {
  changeOwnPassword,
  disableUser,
  enableUser,
  listOwnSessions,
  resetPassword,
  revokeOwnSession,
} from './app/account-lifecycle.ts';
import { clearLoginThrottles, listLoginThrottles } from './app/throttle.ts';
import { removeTotp } from './app/totp.ts';
import { findUserByUsername } from './store/users.repository.ts';
import { verifyAudit } from './app/audit.ts';
import { ensureAdmin } from './app/bootstrap.ts';
import { configFromEnv, openApp, type AppContext } from './app/context.ts';
import v8 from 'node:v8';
import type { ServerOptions } from './http/server.ts';
import { ZodError } from 'zod';
import { DomainError } from './domain/errors.ts';
import { openStore } from './store/db.ts';
import { backupSqlite, expireBackups, restoreSqlite } from './store/backup.ts';
import { replayErasures } from './app/erasure-replay.ts';
import { writePrivateFile } from './store/file-modes.ts';
import { migrateDown, migrateUp } from './store/migrate.ts';
import { msg } from './domain/messages.ts';

const HELP = `plaint — 投诉 · 建议 · 申诉 · 举报 处理平台 / complaint handling platform

用法 / usage: plaint <command> [options]

  serve                         启动服务 / start the server (migrates, loads procedures, creates admin)
  migrate [--down]              迁移数据库 / migrate the database (or undo the newest migration)
  user add --username NAME [--password P] [--name 显示名] [--role ROLE[@UNIT_ID] …] [--admin]
                                添加用户 / add a user (password read from PLAINT_NEW_PASSWORD if not given);
                                a role without @UNIT_ID applies to the whole organisation
  user passwd --username NAME   修改密码 / change a password (PLAINT_OLD_PASSWORD, PLAINT_NEW_PASSWORD)
  user reset-password --username NAME   重置为一次性密码 / one-time password, changed at next sign-in
  user disable --username NAME --reason TEXT | user enable --username NAME
                                停用/启用账号 / disable (sessions and tokens end at once) or re-enable
  user sessions|end-sessions --username NAME   列出/结束会话 / list or end a user's sessions
  user reset-2fa --username NAME   解除动态验证码 / remove a user's second factor
  user throttles | user unthrottle --username NAME   登录限制 / list or clear sign-in throttles
  unit add --name 名称 [--parent UNIT_ID]   添加组织单元 / add an org unit
  unit list                     列出组织单元 / list org units
  grant --user NAME --role ROLE [--unit UNIT_ID]   授予角色 / grant a role
  token create --user NAME [--name LABEL]
                                创建 API 令牌（仅显示一次）/ create an API token (shown once)
  verify-audit                  校验审计链 / verify every audit chain and the anchors; exits 1 naming the first bad record
  anchor-audit                  锚定审计链 / commit every chain's head to the anchor chain, seal chains of gone instances
  sweep                         运行一次计时检查 / warn and breach due clocks once
  doctor                        组织体检：无人可办的案件、无人担任的角色、无效授权 / health check of the organisation (exit 1: unreachable cases)
  prune                         清理过期的幂等键、已送达通知、会话 / prune rows that served a request (serve does it every 10 min)
  import FILE.xlsx|csv --procedure ID [--dry-run] [--skip-invalid]
                                导入历史案件 / load historical cases (all or nothing unless --skip-invalid)
  export --out FILE.xlsx|csv [--procedure ID] [--with-identity]
                                导出案件（同一格式）/ write cases in the import format
  dispatch                      投递一次待发通知 / deliver due notices once (e-mail, webhooks, robots, in-app)
  calendar show                 查看工作日历 / the calendar in force and the years it covers
  calendar import FILE          导入节假日安排 / add days off and make-up days (JSON, or CSV: date,off|work,name)
  retention [--dry-run]         执行保存期限（去标识化、删除）/ de-identify and delete what is past its period
  archive export (--case 编号 | --from 日期 --to 日期 [--unit ID]) --out FILE.zip
                                导出归档材料 / export case files (one ZIP per case)
  report monthly --month YYYY-MM [--unit UNIT_ID]
                                生成月度统计报告（已有则不重复）/ make a month's reports by hand (each unit once)
  backup --to DIR               在线备份 SQLite 数据库和密钥 / online copy of the SQLite database and key (server may run)
  restore --from DIR [--force]  从备份恢复（先停止服务），并按删除记录重新删除 / restore a backup (stop the server first), then replay the erasure ledger
  replay-erasures               按删除记录重新删除（pg_restore 之后）/ erase again what the erasure ledger lists (after pg_restore)
  prune-backups --in DIR [--keep-days N]
                                删除超过保存期的备份（默认 30 天）/ remove backups older than N days (PLAINT_BACKUP_KEEP_DAYS, 30)
  directory sync --source NAME [--dry-run]
                                同步组织目录（企业微信、钉钉、飞书、LDAP）/ sync departments and people from a directory (PLAINT_DIRECTORY_SOURCES)

环境变量 / environment: PORT (3000), PLAINT_DATA_DIR (./data), DATABASE_URL (postgres://…),
  PLAINT_ADMIN_PASSWORD (first start), PLAINT_SECRET_KEY, PLAINT_TZ (Asia/Shanghai),
  PLAINT_PUBLIC_WRITE_LIMIT (60 public writes per address per minute; 0 = off),
  PLAINT_REPORT_DAY (25: monthly reports from this day), PLAINT_REPORT_PERIOD (to-report-day: the report of
  month M covers the day of M-1 to the day before it in M; calendar-month: last month), PLAINT_REPORT_RECIPIENTS (a@x,UNIT_ID:b@x)
`;

type Command = (args: string[]) => Promise<number>;

async function withApp<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openApp(configFromEnv());
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/**
 * PLAINT_CONTRACT_CHECK, for tests (issue 26): `1` checks every API answer against the server's
 * own OpenAPI document, a file path against that document (a published docs/openapi.json). Each
 * violation is written to stderr as one line, `CONTRACT-VIOLATION {json}`, whatever PLAINT_LOG says.
 */
async function contractCheckFromEnv(
  value = process.env.PLAINT_CONTRACT_CHECK,
): Promise<ServerOptions['contractCheck']> {
  if (!value || value === '0') return undefined;
  const { violationLine } = await import('./http/contract-check.ts');
  console.error(
    `PLAINT_CONTRACT_CHECK: 每个回答都按 OpenAPI 文档检查（仅供测试）/ every answer is checked against ${value === '1' ? 'the OpenAPI document' : value} (for tests)`,
  );
  return {
    document: value === '1' ? undefined : JSON.parse(readFileSync(value, 'utf8')),
    onViolation: (v) => process.stderr.write(`${violationLine(v)}\n`),
  };
}

const serve: Command = async () => {
  // A request allocates many short-lived objects; V8's default 16 MiB young generation fills
  // every few hundred requests and the scavenges show up in p99. 32 MiB measured better
  // (bench/README.md). Set before the heap grows, so it applies to this process.
  v8.setFlagsFromString(`--max-semi-space-size=${process.env.PLAINT_SEMI_SPACE_MB ?? 32}`);
  const config = configFromEnv();
  const ctx = await openApp(config);
  // Issue 25: the read workers load while the server starts, not on the first statistics request.
  ctx.reads?.warm();
  // Issue 24: a database restored from a backup made before an erasure is erased again first.
  const replayed = await replayErasures(ctx);
  if (replayed.deidentified.length + replayed.deleted.length > 0)
    console.log(
      `已按删除记录重新删除 / erased again from the ledger: ${replayed.deidentified.length} de-identified, ${replayed.deleted.length} deleted`,
    );
  const admin = await ensureAdmin(ctx);
  if (admin.generatedPassword) {
    console.log(
      `\n  已创建管理员账号 / created the admin account\n  用户名 / username: admin\n  密码 / password: ${admin.generatedPassword}\n  （仅显示这一次，请妥善保存 / shown only this once: keep it safe）\n`,
    );
  }
  // The HTTP stack (Fastify, its plugins, every route) is loaded by `serve` alone: the other
  // commands start ~1 s sooner without it (tests run dozens of them).
  const { buildServer } = await import('./http/server.ts');
  const { publicWriteLimitFromEnv } = await import('./http/public-limit.ts');
  const app = await buildServer(ctx, {
    logger: process.env.PLAINT_LOG !== 'off',
    benchRoutes: process.env.PLAINT_BENCH_ROUTES === '1',
    publicWriteLimit: publicWriteLimitFromEnv(),
    contractCheck: await contractCheckFromEnv(),
  });
  const interval = Number(process.env.PLAINT_SWEEP_INTERVAL_MS ?? 30_000);
  const log = (msg: string, err?: unknown) => (err ? app.log.error({ err }, msg) : app.log.info(msg));
  const stopSweeper = interval > 0 ? startSweeper(ctx, interval, log) : async () => {};
  // Issue 22: new cases are indexed for search here, in batches, not in the request that wrote them.
  const indexEvery = Number(process.env.PLAINT_INDEX_INTERVAL_MS ?? 100);
  const stopIndexer = indexEvery > 0 ? startIndexer(ctx, indexEvery, log) : async () => {};
  // CON-4: once a day, de-identify and delete what has passed its period (idempotent across instances).
  const retentionEvery = Number(process.env.PLAINT_RETENTION_INTERVAL_MS ?? 86_400_000);
  const stopRetention =
    retentionEvery > 0
      ? startPeriodic(
          'retention',
          retentionEvery,
          async () => {
            const r = await runRetention(ctx, { dryRun: false });
            return `${r.deidentified.length} de-identified, ${r.deleted.length} deleted, ${r.held.length} held`;
          },
          log,
        )
      : async () => {};
  // Issue 25: rows that served one request or delivery (idempotency keys, sent notices, expired
  // sessions, read notifications, old throttle counters) are pruned so nothing grows without bound.
  const pruneEvery = Number(process.env.PLAINT_PRUNE_INTERVAL_MS ?? 600_000);
  const keep = keepConfigFromEnv(process.env);
  const stopPrune =
    pruneEvery > 0
      ? startPeriodic('housekeeping', pruneEvery, async () => describePrune(await pruneOnce(ctx, keep)), log)
      : async () => {};
  // Issue 21: hotspots are looked for every 30 minutes and told to supervisors once each.
  const hotspotEvery = Number(process.env.PLAINT_HOTSPOT_INTERVAL_MS ?? 1_800_000);
  const { notifyHotspots } = await import('./app/hotspots.ts');
  const stopHotspots =
    hotspotEvery > 0
      ? startPeriodic('hotspots', hotspotEvery, async () => `${await notifyHotspots(ctx)} told`, log)
      : async () => {};
  // STA-1: from PLAINT_REPORT_DAY on, the month's reports are made (hourly check; once per unit and month;
  // PLAINT_REPORT_PERIOD says what a month covers — S9 二.4, issue 17).
  const reportEvery = Number(process.env.PLAINT_REPORT_INTERVAL_MS ?? 3_600_000);
  const { monthlyReportsDue } = await import('./app/monthly-report.ts');
  const stopReports =
    reportEvery > 0 ? startPeriodic('monthly-report', reportEvery, () => monthlyReportsDue(ctx), log) : async () => {};
  // Issue 20: every directory synced each PLAINT_DIRECTORY_SYNC_MINUTES (default 60, 0 = never), once across instances.
  // Scheduled even with none in the environment: an admin may configure one on the admin page at any time.
  const directoryEvery = Number(process.env.PLAINT_DIRECTORY_SYNC_MINUTES ?? 60) * 60_000;
  if (!Number.isFinite(directoryEvery) || directoryEvery < 0)
    throw new UsageError('PLAINT_DIRECTORY_SYNC_MINUTES must be a number of minutes (0 = never)');
  const { syncDueDirectories } = await import('./app/directory/schedule.ts');
  const stopDirectory =
    directoryEvery > 0
      ? startPeriodic(
          'directory-sync',
          Math.min(directoryEvery, 60_000),
          () => syncDueDirectories(ctx, directoryEvery),
          log,
        )
      : async () => {};
  // Issue 25: the statistics' rollup recounts one dirty local day per tick (app/stats-rollup.ts);
  // statistics count the days not yet recounted live, so the interval trades freshness for load only.
  const rollupEvery = Number(process.env.PLAINT_STATS_ROLLUP_INTERVAL_MS ?? 5_000);
  const { refreshStatsRollup } = await import('./app/stats-rollup.ts');
  const stopRollup =
    rollupEvery > 0
      ? startPeriodic(
          'stats-rollup',
          rollupEvery,
          async () => {
            await refreshStatsRollup(ctx, 1);
            return null;
          },
          log,
        )
      : async () => {};
  // Issue 7: the outbox dispatcher (notices by e-mail, webhook, robots, in-app) and e-mail intake.
  const dispatchEvery = config.channels.dispatchIntervalMs;
  // Loaded here, not at the top: the mail libraries cost seconds of start-up every command would pay.
  const { startDispatcher } = await import('./jobs/dispatcher.ts');
  const stopDispatcher = dispatchEvery > 0 ? startDispatcher(ctx, dispatchEvery, log) : async () => {};
  const mailIn = config.channels.mailIn
    ? await (await import('./mail/listener.ts')).startMailListener(ctx, config.channels.mailIn, log)
    : undefined;
  if (mailIn)
    app.log.info(`mail-in: SMTP listener on port ${mailIn.port} → procedure ${config.channels.mailIn!.procedure}`);
  // Issue 22: every minute the audit chains' heads are committed to the anchor chain, and chains of
  // gone instances sealed; this instance's lease is renewed by the same run.
  const anchorEvery = auditAnchorMs();
  const leaseMs = auditLeaseMs();
  const { anchorAudit } = await import('./store/audit-anchor.ts');
  const stopAnchor =
    anchorEvery > 0
      ? startPeriodic(
          'audit-anchor',
          anchorEvery,
          async () => {
            const r = await anchorAudit(ctx.store, { leaseMs });
            return r.sealed.length ? `sealed ${r.sealed.join(', ')}` : null;
          },
          log,
        )
      : async () => {};
  // Issue 25: on PostgreSQL, what autovacuum would do for the tables it does not look after.
  const upkeepEvery = Number(process.env.PLAINT_PG_UPKEEP_MS ?? 30_000);
  const upkeep = upkeepEvery > 0 && ctx.store.dialect === 'postgres' ? await import('./store/pg-upkeep.ts') : undefined;
  const stopUpkeep = upkeep
    ? startPeriodic(
        'pg-upkeep',
        upkeepEvery,
        async () => upkeep.describeUpkeep(await upkeep.upkeepPostgres(ctx.store)),
        log,
      )
    : async () => {};
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    await mailIn?.close();
    await stopDispatcher();
    await stopSweeper();
    await stopIndexer();
    await stopRetention();
    await stopPrune();
    await stopReports();
    await stopRollup();
    await stopUpkeep();
    await stopHotspots();
    await stopDirectory();
    await app.close();
    await stopAnchor();
    // The last anchor seals this instance's chains: nothing is written to them after this.
    await anchorAudit(ctx.store, { leaseMs, closing: true }).catch((err) =>
      log('audit-anchor at shutdown failed', err),
    );
    await ctx.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // Issue 25: jieba's dictionary loads before the first request, not inside it (200–250 ms).
  (await import('./store/search.ts')).loadSegmenter();
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `Plaint on ${ctx.store.dialect} (${ctx.store.location}), procedures: ${ctx.procedures
      .latestAll()
      .map((p) => `${p.id}@${p.version}`)
      .join(', ')}`,
  );
  return -1; // keeps running
};

const migrate: Command = async (args) => {
  const { values } = parseArgs({ args, options: { down: { type: 'boolean' } } });
  const store = openStore(configFromEnv());
  try {
    const lines = values.down ? await migrateDown(store) : await migrateUp(store);
    console.log(lines.length ? lines.join('\n') : 'up to date');
  } finally {
    await store.close();
  }
  return 0;
};

const USER_USAGE =
  'plaint user add|passwd|reset-password|disable|enable|sessions|end-sessions|reset-2fa|throttles|unthrottle …';

/** `plaint user …`: add a user and the account lifecycle of issue 28. */
const user: Command = async (args) => {
  const [sub, ...rest] = args;
  if (sub === 'add') return userAdd(rest);
  if (!sub || !ACCOUNT_SUBCOMMANDS.has(sub)) throw new UsageError(USER_USAGE);
  const { values } = parseArgs({
    args: rest,
    options: { username: { type: 'string' }, reason: { type: 'string' } },
  });
  if (sub === 'throttles')
    return withApp(async (ctx) => {
      for (const t of await listLoginThrottles(ctx))
        console.log(
          `${t.kind}\t${t.username ?? '-'}\t${t.client ?? '-'}\t${t.failures}\t${t.blockedUntil ?? '-'}\t${t.windowEndsAt}`,
        );
      return 0;
    });
  if (!values.username) throw new UsageError(`plaint user ${sub} --username NAME`);
  return withApp(async (ctx) => {
    const row = await findUserByUsername(ctx.store.db, values.username!);
    if (!row) throw new DomainError('NOT_FOUND', msg('common.noSuchUser2', { username: values.username }));
    switch (sub) {
      case 'passwd': {
        const oldPassword = process.env.PLAINT_OLD_PASSWORD;
        const newPassword = process.env.PLAINT_NEW_PASSWORD;
        if (!oldPassword || !newPassword)
          throw new UsageError('PLAINT_OLD_PASSWORD and PLAINT_NEW_PASSWORD are required (never on the command line)');
        await changeOwnPassword(ctx, row.id, oldPassword, newPassword);
        console.log(`已修改密码，其他会话和令牌已失效 / password changed; sessions and tokens ended`);
        return 0;
      }
      case 'reset-password': {
        const password = await resetPassword(ctx, 'system:cli', row.id);
        console.log(
          `一次性密码（下次登录时必须修改）/ one-time password (must be changed at next sign-in):\n${password}`,
        );
        return 0;
      }
      case 'disable':
        if (!values.reason) throw new UsageError('plaint user disable --username NAME --reason TEXT');
        await disableUser(ctx, 'system:cli', row.id, values.reason);
        console.log(`已停用 / disabled ${row.username}`);
        return 0;
      case 'enable':
        await enableUser(ctx, 'system:cli', row.id);
        console.log(`已启用 / enabled ${row.username}`);
        return 0;
      case 'sessions':
        for (const s of await listOwnSessions(ctx, row.id))
          console.log(`${s.id}\t${s.createdAt}\t${s.lastSeenAt}\t${s.expiresAt}\t${s.userAgent ?? ''}`);
        return 0;
      case 'end-sessions':
        for (const s of await listOwnSessions(ctx, row.id)) await revokeOwnSession(ctx, row.id, s.id);
        console.log(`已结束全部会话 / all sessions ended`);
        return 0;
      case 'reset-2fa':
        await removeTotp(ctx, row.id, 'system:cli');
        console.log(`已解除动态验证码 / second factor removed`);
        return 0;
      default: {
        const cleared = await clearLoginThrottles(ctx, { username: row.username }, 'system:cli');
        console.log(`已清除 ${cleared} 条登录限制 / cleared ${cleared} sign-in throttles`);
        return 0;
      }
    }
  });
};

const ACCOUNT_SUBCOMMANDS = new Set([
  'passwd',
  'reset-password',
  'disable',
  'enable',
  'sessions',
  'end-sessions',
  'reset-2fa',
  'throttles',
  'unthrottle',
]);

const userAdd = async (rest: string[]) => {
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      admin: { type: 'boolean' },
    },
  });
  const password = values.password ?? process.env.PLAINT_NEW_PASSWORD;
  if (!values.username || !password)
    throw new UsageError('--username and a password (--password or PLAINT_NEW_PASSWORD) are required');
  return withApp(async (ctx) => {
    const roles = (values.role ?? []).map((r) => {
      const [role, unitId] = r.split('@');
      return { role, unitId: unitId || null };
    });
    const row = await addUser(
      ctx,
      { username: values.username!, displayName: values.name, password, roles, isAdmin: values.admin ?? false },
      'system:cli',
    );
    console.log(`已添加用户 / added user ${row.username} (${row.id})`);
    return 0;
  });
};

const token: Command = async (args) => {
  const [sub, ...rest] = args;
  if (sub !== 'create') throw new UsageError('plaint token create --user NAME [--name LABEL]');
  const { values } = parseArgs({ args: rest, options: { user: { type: 'string' }, name: { type: 'string' } } });
  if (!values.user) throw new UsageError('--user is required');
  return withApp(async (ctx) => {
    const { token: secret } = await createToken(ctx, values.user!, values.name ?? 'cli', 'system:cli');
    console.log(secret);
    return 0;
  });
};

const verify: Command = async () =>
  withApp(async (ctx) => {
    const verdict = await verifyAudit(ctx);
    if (verdict.ok) {
      console.log(
        `审计链完整 / audit chains intact: ${verdict.records} records in ${verdict.chains} chains, heads ${verdict.head.slice(0, 16)}…`,
      );
      return 0;
    }
    console.error(
      `审计链校验失败 / audit chain ${verdict.chain} broken at record #${verdict.seq}: ${verdict.problem} (${verdict.records} records verified before it)`,
    );
    return 1;
  });

/** Issue 22: one anchor now (serve makes one every PLAINT_AUDIT_ANCHOR_MS and at shutdown). */
const anchor: Command = async () =>
  withApp(async (ctx) => {
    const { anchorAudit } = await import('./store/audit-anchor.ts');
    const r = await anchorAudit(ctx.store, { leaseMs: auditLeaseMs() });
    console.log(
      r.written
        ? `已锚定 / anchored ${r.anchored} chains${r.sealed.length ? `, sealed ${r.sealed.join(', ')}` : ''}`
        : `无变化 / nothing new since the last anchor (${r.anchored} chains)`,
    );
    return 0;
  });

/** How long an instance's chains stay open without a heartbeat: PLAINT_AUDIT_LEASE_MS, default 5 anchor periods. */
function auditLeaseMs(): number {
  const lease = Number(process.env.PLAINT_AUDIT_LEASE_MS ?? 5 * (auditAnchorMs() || 60_000));
  if (!Number.isFinite(lease) || lease <= 0) throw new UsageError('PLAINT_AUDIT_LEASE_MS must be a positive number');
  return lease;
}

function auditAnchorMs(): number {
  const every = Number(process.env.PLAINT_AUDIT_ANCHOR_MS ?? 60_000);
  if (!Number.isFinite(every) || every < 0)
    throw new UsageError('PLAINT_AUDIT_ANCHOR_MS must be a number of milliseconds (0 = never)');
  return every;
}

const dispatch: Command = async () =>
  withApp(async (ctx) => {
    const { dispatchOnce } = await import('./jobs/dispatcher.ts');
    const r = await dispatchOnce(ctx);
    console.log(
      `已展开 / fanned out: ${r.fannedOut}, 已发送 / sent: ${r.sent}, 待重试 / to retry: ${r.failed}, 失败 / dead: ${r.dead}`,
    );
    return 0;
  });

const sweep: Command = async () =>
  withApp(async (ctx) => {
    const r = await sweepOnce(ctx);
    console.log(`已预警 / warned: ${r.warned}, 已超期 / breached: ${r.breached}, 跳过 / skipped: ${r.skipped}`);
    return 0;
  });

// Issue 16: the organisation's health; exit 1 when an open case is unreachable (or another error).
const doctor: Command = async () =>
  withApp(async (ctx) => {
    const { runDoctor } = await import('./app/doctor/index.ts');
    const report = await runDoctor(ctx);
    for (const f of report.findings)
      console.log(`${f.severity === 'error' ? '错误 / error' : '警告 / warning'} [${f.check}] ${f.message}`);
    console.log(report.ok ? '正常 / ok' : '有无人可办的案件或其他错误 / problems found');
    return report.ok ? 0 : 1;
  });

const prune: Command = async () =>
  withApp(async (ctx) => {
    const c = await pruneOnce(ctx, keepConfigFromEnv(process.env));
    console.log(
      `已清理 / pruned: 幂等键 idempotency keys ${c.idempotencyKeys}, 已送达通知 deliveries ${c.deliveries} + outbox ${c.outbox}, ` +
        `过期会话 sessions ${c.sessions}, 已读通知 notifications ${c.notifications}, 限流计数 throttles ${c.throttles}`,
    );
    return 0;
  });

const calendar: Command = async (args) => {
  const [sub, file] = args;
  if (sub === 'show') {
    return withApp(async (ctx) => {
      const years = ctx.calendar.coveredYears();
      console.log(
        `${ctx.calendar.version}\n${ctx.calendar.data.source}\n覆盖年份 / years covered: ${years[0]}–${years[years.length - 1]} (${years.length})`,
      );
      return 0;
    });
  }
  if (sub !== 'import' || !file) throw new UsageError('plaint calendar import FILE | plaint calendar show');
  const days = parseCalendarFile(readFileSync(file, 'utf8'), file);
  return withApp(async (ctx) => {
    const r = await importCalendar(ctx, days, 'system:cli');
    console.log(
      `已导入 / imported: ${days.offDays.length} 休息日 / days off, ${days.workDays.length} 调休工作日 / make-up days, years ${days.years.join(', ') || '—'}\n日历版本 / calendar ${r.calendarVersion}; 重新计算的期限 / deadlines recounted: ${r.recomputed}`,
    );
    return 0;
  });
};

const unit: Command = async (args) => {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    return withApp(async (ctx) => {
      for (const u of await orgUnits(ctx)) console.log(`${'  '.repeat(Number(u.level))}${u.name}  ${u.id}`);
      return 0;
    });
  }
  if (sub !== 'add') throw new UsageError('plaint unit add --name 名称 [--parent UNIT_ID] | plaint unit list');
  const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, parent: { type: 'string' } } });
  if (!values.name) throw new UsageError('--name is required');
  return withApp(async (ctx) => {
    const row = await addOrgUnit(
      ctx,
      { name: values.name!, ...(values.parent ? { parent: values.parent } : {}) },
      'system:cli',
    );
    console.log(row.id);
    return 0;
  });
};

const grant: Command = async (args) => {
  const { values } = parseArgs({
    args,
    options: { user: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' } },
  });
  if (!values.user || !values.role) throw new UsageError('plaint grant --user NAME --role ROLE [--unit UNIT_ID]');
  return withApp(async (ctx) => {
    const g = await grantRole(ctx, values.user!, values.role!, values.unit ?? null, 'system:cli');
    console.log(`已授予 / granted ${g.role}${g.orgUnitId ? ` @ ${g.orgUnitId}` : ''} (${g.id})`);
    return 0;
  });
};

class UsageError extends Error {}

const backup: Command = async (args) => {
  const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
  const config = configFromEnv();
  if (config.databaseUrl) {
    console.error('PostgreSQL：请用 pg_dump 备份（见 docs/deploy.md）/ on PostgreSQL use pg_dump (docs/deploy.md)');
    return 2;
  }
  if (!values.to) {
    console.error('用法 / usage: plaint backup --to DIR');
    return 2;
  }
  const manifest = await backupSqlite(config.dataDir, values.to, Boolean(process.env.PLAINT_SECRET_KEY));
  console.log(
    `已备份 / backed up: ${Object.entries(manifest.files)
      .map(([f, d]) => `${f} (${d.bytes} B)`)
      .join(', ')} → ${values.to}`,
  );
  if (manifest.keyInEnvironment)
    console.log(
      '注意：密钥来自 PLAINT_SECRET_KEY，请另行保管 / note: the key comes from PLAINT_SECRET_KEY — keep it safe separately',
    );
  return 0;
};

const restore: Command = async (args) => {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  const config = configFromEnv();
  if (config.databaseUrl) {
    console.error('PostgreSQL：请用 pg_restore（见 docs/deploy.md）/ on PostgreSQL use pg_restore (docs/deploy.md)');
    return 2;
  }
  if (!values.from) {
    console.error('用法 / usage: plaint restore --from DIR [--force]');
    return 2;
  }
  const manifest = restoreSqlite(values.from, config.dataDir, values.force);
  console.log(`已恢复 / restored the backup of ${manifest.at} into ${config.dataDir}`);
  return replayErasuresCommand([]);
};

// Issue 24: after pg_restore (or any restore), erase again what the erasure ledger lists.
const replayErasuresCommand: Command = async () =>
  withApp(async (ctx) => {
    const r = await replayErasures(ctx);
    console.log(
      `已按删除记录重新删除 / erased again from the ledger: ${r.deidentified.length} de-identified ${r.deidentified.join(' ')}, ${r.deleted.length} deleted ${r.deleted.join(' ')}`,
    );
    return 0;
  });

// Issue 24: a backup holds what was erased after it; it is kept PLAINT_BACKUP_KEEP_DAYS (30) days.
const pruneBackups: Command = async (args) => {
  const { values } = parseArgs({ args, options: { in: { type: 'string' }, 'keep-days': { type: 'string' } } });
  if (!values.in) throw new UsageError('plaint prune-backups --in DIR [--keep-days N]');
  const days = Number(values['keep-days'] ?? process.env.PLAINT_BACKUP_KEEP_DAYS ?? 30);
  if (!Number.isInteger(days) || days < 1)
    throw new UsageError('--keep-days must be a whole number of days, 1 or more');
  const removed = expireBackups(values.in, days, new Date());
  console.log(`已删除过期备份 / removed ${removed.length} backups older than ${days} days: ${removed.join(' ')}`);
  return 0;
};

const report: Command = async (args) => {
  const [sub, ...rest] = args;
  if (sub !== 'monthly') throw new UsageError('plaint report monthly --month YYYY-MM [--unit UNIT_ID]');
  const { values } = parseArgs({ args: rest, options: { month: { type: 'string' }, unit: { type: 'string' } } });
  if (!values.month) throw new UsageError('plaint report monthly --month YYYY-MM [--unit UNIT_ID]');
  const { generateMonthlyReports } = await import('./app/monthly-report.ts');
  return withApp(async (ctx) => {
    const made = await generateMonthlyReports(ctx, values.month!, { unitId: values.unit, by: 'system:cli' });
    for (const r of made)
      console.log(`${r.month}\t${r.unitName}\t${r.id}\t${r.created ? '已生成 / generated' : '已存在 / already there'}`);
    return 0;
  });
};

const retention: Command = async (args) => {
  const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean', default: false } } });
  return withApp(async (ctx) => {
    const report = await runRetention(ctx, { dryRun: values['dry-run'] });
    const verb = report.dryRun ? '将' : '已';
    console.log(
      `${verb}去标识化 / de-identif${report.dryRun ? 'y' : 'ied'}: ${report.deidentified.length}  ${report.deidentified.join(' ')}`,
    );
    console.log(
      `${verb}删除 / delete${report.dryRun ? '' : 'd'}: ${report.deleted.length}  ${report.deleted.join(' ')}`,
    );
    console.log(`保全中跳过 / on legal hold, skipped: ${report.held.length}  ${report.held.join(' ')}`);
    return 0;
  });
};

const archive: Command = async (args) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      case: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      unit: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (positionals[0] !== 'export' || !values.out || (!values.case && !(values.from && values.to))) {
    throw new UsageError(
      'plaint archive export (--case TRACKING_NO | --from YYYY-MM-DD --to YYYY-MM-DD [--unit ID]) --out FILE.zip',
    );
  }
  return withApp(async (ctx) => {
    const actor = { kind: 'system' as const, name: 'cli:archive' };
    if (values.case) {
      const row = await findCaseByTrackingNo(ctx.store.db, values.case);
      if (!row) throw new UsageError(`没有案件 ${values.case} / no such case`);
      writePrivateFile(values.out!, (await caseFile(ctx, row.id, actor)).zip);
      console.log(`已导出 / exported ${values.case} → ${values.out}`);
    } else {
      const bundle = await archiveBundle(
        ctx,
        {
          from: `${values.from}T00:00:00.000Z`,
          to: `${values.to}T00:00:00.000Z`,
          ...(values.unit ? { unit: values.unit } : {}),
        },
        actor,
      );
      writePrivateFile(values.out!, bundle.zip);
      console.log(`已导出 / exported ${bundle.count} 件 → ${values.out}`);
    }
    return 0;
  });
};

const directory: Command = async (args) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { source: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  if (positionals[0] !== 'sync' || !values.source)
    throw new UsageError('plaint directory sync --source NAME [--dry-run]');
  const { syncSource } = await import('./app/directory/sources.ts');
  const { directorySource } = await import('./app/directory/registry.ts');
  return withApp(async (ctx) => {
    // PLAINT_DIRECTORY_SOURCES or the admin page's directories, with the admin's mapping rules.
    const source = await directorySource(ctx, values.source as string);
    if (!source) throw new UsageError(`没有名为 ${values.source} 的目录 / no such directory source`);
    const report = await syncSource(ctx, source, { dryRun: values['dry-run'] ?? false });
    console.log(JSON.stringify(report, null, 2));
    return 0;
  });
};

const commands: Record<string, Command> = {
  serve,
  migrate,
  user,
  token,
  'verify-audit': verify,
  'anchor-audit': anchor,
  sweep,
  prune,
  doctor,
  calendar,
  unit,
  grant,
  dispatch,
  backup,
  restore,
  'replay-erasures': replayErasuresCommand,
  'prune-backups': pruneBackups,
  retention,
  archive,
  report,
  directory,
  // exceljs is heavy: loaded only by the commands that use it.
  import: async (args) => (await import('./transfer/commands.ts')).importCommand(args, withApp),
  export: async (args) => (await import('./transfer/commands.ts')).exportCommand(args, withApp),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help' || args.includes('--help')) {
    console.log(HELP);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`未知命令 / unknown command: ${name}\n\n${HELP}`);
    return 2;
  }
  try {
    return await command(args);
  } catch (err) {
    if (err instanceof ZodError) {
      console.error(
        `输入有误 / invalid input:\n${err.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n')}`,
      );
      return 2;
    }
    if (err instanceof DomainError) {
      console.error(`错误 / error: ${err.message}`);
      return 1;
    }
    if (err instanceof UsageError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`用法错误 / usage: ${(err as Error).message}`);
      return 2;
    }
    console.error(`错误 / error: ${(err as Error).message}`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
