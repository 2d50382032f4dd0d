/**
 * Dataset generator (issue 9): N cases (default 1 000 000) with realistic Chinese text over every
 * procedure in src/procedures/, deterministic from a seed, written through the bulk path
 * (`insertCases`, the writer `plaint import` uses: multi-row inserts, big transactions, the
 * search index and respondent keys with every case).
 *
 *   npx tsx bench/dataset.ts --n 1000000 --out bench/.data/1m                # SQLite: bench/.data/1m/plaint.sqlite
 *   npx tsx bench/dataset.ts --n 100000 --out bench/.data/pg100k --database-url postgres://postgres@127.0.0.1:5432/bench_9a --pg-schema d100k
 *   npx tsx bench/dataset.ts --n 100000 --profile skewed --out bench/.data/sqlite-skewed-100000   # issue 25's mix
 *
 * `--out` is a Plaint data directory (`PLAINT_DATA_DIR`): the database (SQLite), the key file and
 * `dataset.json` (what was generated, the staff accounts and their password). Serve it with
 * `PLAINT_DATA_DIR=bench/.data/1m npx tsx src/cli.ts serve`. An existing dataset with the same
 * n and seed is reused (`--force` makes a new one).
 *
 * What a case gets: a procedure (weighted), kind, channel, category, severity, an org unit of a
 * 3-level tree, a submitter (15 % anonymous; phones from a pool, so some submit again) encrypted
 * with blind indexes, 0–2 respondents, a state (older cases nearly all closed; recent ones open
 * in the procedure's working states), an assignee for handled ones, one clock (running with a
 * due date when open — some warned, some breached — stopped when closed), a timeline of 1–4
 * events and one audit record per event (the chain verifies), and for 0.5 % a recused handler.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { configFromEnv, openApp, type AppContext } from '../src/app/context.ts';
import { addUser } from '../src/app/auth.ts';
import { blindIndexes } from '../src/app/identity.ts';
import { encrypt } from '../src/app/secrets.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { timeOrderedId, trackingNumber } from '../src/domain/ids.ts';
import type { TProcedure } from '../src/domain/procedure.schema.ts';
import { appendAuditBatch, type AuditEntry } from '../src/store/audit.repository.ts';
import { insertCases, type NewCaseRow } from '../src/store/cases.repository.ts';
import { analyzeTables } from '../src/store/analyze.ts';
import { ensurePgSchema } from '../src/store/db.ts';
import { insertRows } from '../src/store/insert.ts';
import type { CaseEventTable, CaseExclusionTable, ClockTable } from '../src/store/schema.ts';
import { seeded } from './seeded.ts';

export type DatasetOptions = {
  n?: number;
  seed?: number;
  /** The generator's "now": cases are received over the three years before it. */
  now?: Date;
  /** Cases per transaction (default 20 000); rows per INSERT are 500. */
  batch?: number;
  /** Staff accounts to create (handlers of the leaf units); their password is DATASET_PASSWORD. */
  handlers?: number;
  progress?: (done: number, total: number) => void;
  /**
   * Leaves the warnings and breaches of open clocks to the sweeper (warned_at and breached_at
   * empty): the cluster bench checks that two instances sweep each exactly once.
   */
  pendingSweeps?: boolean;
  /** The data's mix (issue 25): `standard` (the default) or `skewed`, see `PROFILES`. */
  profile?: DatasetProfile;
};

export type DatasetUser = {
  username: string;
  id: string;
  unitId: string | null;
  unitPath: string | null;
  roles: string[];
};
export type DatasetSummary = {
  n: number;
  seed: number;
  /** Absent in datasets made before profiles existed: those are `standard`. */
  profile?: DatasetProfile;
  now: string;
  seconds: number;
  cases: number;
  events: number;
  clocks: number;
  audit: number;
  exclusions: number;
  open: number;
  overdue: number;
  users: DatasetUser[];
  password: string;
  units: { id: string; path: string; name: string }[];
  /** Words to search for, with how many cases hold them (counted while generating). */
  words: Record<string, number>;
};

export const DATASET_PASSWORD = 'bench-password-9a';
const DEFAULT_NOW = new Date('2026-11-30T02:00:00Z');
const ROWS_PER_INSERT = 500;

export function seededBytes(seed: number): (n: number) => Uint8Array {
  const r = seeded(seed ^ 0x5bd1e995);
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(r() * 256);
    return out;
  };
}

// ---- text pools -------------------------------------------------------------------------------

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '建国',
  '志强',
  '海燕',
  '雪梅',
  '晓东',
  '子涵',
  '浩然',
  '欣怡',
  '宇轩',
  '梓萱',
  '俊杰',
  '雨桐',
];
const CITIES = [
  '上海市',
  '北京市',
  '广州市',
  '深圳市',
  '杭州市',
  '南京市',
  '成都市',
  '武汉市',
  '西安市',
  '苏州市',
  '天津市',
  '重庆市',
  '长沙市',
  '郑州市',
  '青岛市',
];
const DISTRICTS = [
  '浦东新区',
  '徐汇区',
  '朝阳区',
  '海淀区',
  '天河区',
  '南山区',
  '西湖区',
  '鼓楼区',
  '武侯区',
  '江汉区',
  '雁塔区',
  '工业园区',
  '和平区',
  '渝中区',
  '岳麓区',
];
const ROADS = [
  '人民路',
  '解放路',
  '中山路',
  '建设路',
  '和平路',
  '长江路',
  '黄河路',
  '滨江大道',
  '世纪大道',
  '学府路',
  '科技路',
  '新华路',
  '文化路',
  '青年路',
  '幸福路',
];
const ESTATES = [
  '阳光花园',
  '锦绣华庭',
  '翠湖山庄',
  '金色家园',
  '绿地世纪城',
  '万科城市花园',
  '碧桂园',
  '融创壹号院',
  '保利香槟国际',
  '御景湾',
  '枫林苑',
  '东方明珠苑',
];
const SHOPS = [
  '好又多超市',
  '家乐福',
  '苏宁电器',
  '国美电器',
  '永辉超市',
  '华润万家',
  '大润发',
  '京东之家',
  '老凤祥',
  '百果园',
  '肯德基',
  '海底捞',
  '喜茶',
  '瑞幸咖啡',
  '沃尔玛',
];
const COMPANIES = [
  '华信科技有限公司',
  '恒达物流有限公司',
  '新世纪百货',
  '宏图建设集团',
  '东方制造有限公司',
  '远航信息技术公司',
  '金桥实业',
  '天成食品有限公司',
  '美佳家政服务公司',
  '安居物业管理有限公司',
];
const TIMES = [
  '上周五',
  '本月初',
  '昨天下午',
  '上个月',
  '今年三月',
  '前天晚上',
  '近两周以来',
  '国庆假期期间',
  '春节前',
  '最近半年',
];
const TRIED = [
  '多次致电客服无人处理',
  '找过前台答复说会处理但至今没有结果',
  '在网上留言也没有回复',
  '当面反映过两次都被推诿',
  '拨打热线一直占线',
  '找了负责人对方态度很差',
  '已经等了一个多月仍未解决',
];

/** Per procedure: subjects (with a {place} slot) and description sentences; the key words are the bench's queries. */
const THEMES: Record<string, { subjects: string[]; problems: string[]; asks: string[]; respondents: string[] }> = {
  'property-complaint': {
    subjects: [
      '电梯故障多日无人维修',
      '物业费收费标准不透明',
      '楼上装修噪音扰民',
      '地下车库漏水严重',
      '垃圾清运不及时',
      '物业公司不作为',
      '小区绿化带被占用',
      '保安态度恶劣',
      '停车位乱收费',
      '维修基金使用不公开',
      '小区门禁系统损坏',
      '楼道照明长期不亮',
    ],
    problems: [
      '小区{estate}{building}号楼电梯经常停运，老人上下楼非常困难',
      '物业公司今年突然上调物业费却没有公示收费依据',
      '楼上住户每天晚上十点以后还在装修，噪音严重影响休息',
      '地下车库雨天积水漏水，车辆被泡',
      '垃圾桶满了好几天没人清理，气味很大',
      '物业公司对业主反映的问题一直推诿不管',
      '保安对业主态度恶劣，还出言不逊',
      '物业擅自把公共绿地改成收费停车位',
    ],
    asks: [
      '要求物业公司尽快维修电梯',
      '要求公示物业费收费明细并退还多收的费用',
      '希望物业出面制止噪音',
      '要求赔偿车辆损失',
      '希望加强管理',
      '请尽快处理并给予答复',
    ],
    respondents: ['安居物业管理有限公司', '万科物业', '碧桂园服务', '绿城物业', '保利物业'],
  },
  'customer-complaint': {
    subjects: [
      '冰箱不制冷要求退款',
      '网购商品质量问题',
      '退款迟迟不到账',
      '快递延误丢件',
      '客服态度差',
      '价格欺诈',
      '会员卡余额无法退还',
      '手机屏幕碎裂保修被拒',
      '空调安装收费不合理',
      '洗衣机噪音过大',
      '预付卡商家跑路',
      '外卖食品变质',
    ],
    problems: [
      '在{shop}购买的冰箱送货后第二天就不制冷',
      '网购的羽绒服收到后发现严重掉毛，与描述不符',
      '申请退款已经二十多天了钱还没有退回',
      '快递显示已签收但本人根本没有收到',
      '客服接电话后直接挂断，态度恶劣',
      '商品标价与结账价格不一致，明显价格欺诈',
      '会员卡里还有两千多元余额，门店关闭后无法退还',
      '新买的手机屏幕出现裂纹，售后说是人为损坏拒绝保修',
    ],
    asks: [
      '要求退款并赔偿损失',
      '要求更换新机',
      '要求商家尽快退款',
      '希望给个合理说法',
      '要求按规定三倍赔偿',
      '请督促商家履行承诺',
    ],
    respondents: SHOPS,
  },
  'employee-complaint': {
    subjects: [
      '公司拖欠加班费',
      '未依法缴纳社保',
      '主管言语侮辱员工',
      '强制无偿加班',
      '工资被无故克扣',
      '劳动合同到期未续签',
      '年假申请被拒',
      '试用期被违法辞退',
      '工作环境存在安全隐患',
      '绩效考核不公平',
    ],
    problems: [
      '连续三个月每周加班超过二十小时，公司一直不发加班费',
      '入职一年多公司没有给我缴纳社保和公积金',
      '部门主管在例会上当众辱骂员工',
      '公司要求周末必须到岗却不算加班',
      '这个月工资被扣了一千元，没有任何说明',
      '合同到期后公司既不续签也不给经济补偿',
      '车间的防护设施损坏很久没人修，存在安全隐患',
    ],
    asks: [
      '要求补发加班费',
      '要求补缴社保',
      '要求主管公开道歉',
      '希望公司依法支付经济补偿',
      '请人力资源部门调查处理',
      '希望改善工作环境',
    ],
    respondents: COMPANIES,
  },
  'market-supervision': {
    subjects: [
      '食品安全问题',
      '超市销售过期食品',
      '虚假宣传误导消费者',
      '无证经营',
      '缺斤少两',
      '餐馆卫生条件差',
      '药店出售假药',
      '保健品虚假广告',
      '商品无中文标签',
      '预付式消费纠纷',
    ],
    problems: [
      '在{shop}买的牛奶已经过期三天还在货架上销售',
      '这家餐馆后厨卫生很差，吃完后全家腹泻，存在食品安全问题',
      '商家宣传产品能治病，明显虚假宣传',
      '路边摊位没有营业执照长期经营',
      '菜市场摊贩的秤有问题，一斤少了二两',
      '药店卖的感冒药包装可疑，疑似假药',
    ],
    asks: [
      '请市场监管部门依法查处',
      '要求商家退一赔十',
      '希望加强食品安全监管',
      '请相关部门核实处理',
      '要求下架问题商品',
    ],
    respondents: SHOPS,
  },
  'market-enforcement-lead': {
    subjects: ['举报无照经营', '举报商标侵权', '举报销售假冒伪劣产品', '举报价格违法行为', '举报食品安全违法线索'],
    problems: [
      '该店长期销售假冒名牌运动鞋',
      '商家在节假日随意哄抬价格',
      '该厂家生产的产品冒用他人注册商标',
      '小作坊无证生产食品并对外销售',
    ],
    asks: ['请立案调查', '请依法查处并告知结果', '希望对违法行为予以处罚'],
    respondents: [...SHOPS, ...COMPANIES],
  },
  'internal-report': {
    subjects: [
      '财务违规报销',
      '收受供应商回扣',
      '违规采购',
      '泄露客户信息',
      '考勤造假',
      '利用职务便利谋取私利',
      '招投标程序不合规',
    ],
    problems: [
      '财务部有人多次用虚假发票报销差旅费',
      '采购负责人收受供应商的回扣和购物卡',
      '部门违规指定供应商，采购价格明显高于市场价',
      '有员工把客户资料卖给外部公司',
      '有人长期让同事代打卡',
    ],
    asks: ['请纪检部门调查', '希望对举报人信息保密', '请依规处理', '请审计部门核查'],
    respondents: COMPANIES,
  },
};
const GENERIC = THEMES['customer-complaint'];
/** Rare words: about one case in 10 000 mentions one (the "rare word" query of the search bench). */
const RARE = ['白蚁', '甲醛超标', '氡气', '锅炉爆管'];
export type DatasetProfile = 'standard' | 'skewed';
type Profile = {
  /** Procedures by weight (3 for one not listed). */
  weights: Record<string, number>;
  /** Share of the cases that land in the first branch (handler1's), the rest spread evenly. */
  busyUnit: number;
  /** Share of the open cases still in the initial state; the rest are in a working state. */
  openInitial: number;
};
/**
 * `standard`: six procedures in realistic proportions, units even, open cases 30 % received.
 * `skewed` (issue 25): what the working-day soak showed real data to be — one procedure
 * dominant (customer complaints 85 %), one busy unit (half of all cases in handler1's branch),
 * and the working states rare (98 % of open cases still received), so a filter on an open state
 * matches a handful of rows among hundreds of thousands.
 */
const PROFILES: Record<DatasetProfile, Profile> = {
  standard: {
    weights: {
      'property-complaint': 30,
      'customer-complaint': 30,
      'market-supervision': 15,
      'employee-complaint': 12,
      'market-enforcement-lead': 6,
      'internal-report': 7,
    },
    busyUnit: 0,
    openInitial: 0.3,
  },
  skewed: {
    weights: {
      'property-complaint': 3,
      'customer-complaint': 85,
      'market-supervision': 3,
      'employee-complaint': 3,
      'market-enforcement-lead': 3,
      'internal-report': 3,
    },
    busyUnit: 0.5,
    openInitial: 0.98,
  },
};
/** Words the search bench asks for; the generator counts the cases whose text holds each. */
export const BENCH_WORDS = ['物业', '电梯', '退款', '加班费', '食品安全', '白蚁', '物业 电梯 维修'];

// ---- generation -------------------------------------------------------------------------------

type Org = { units: { id: string; path: string; name: string }[]; leaves: { id: string; path: string }[] };

async function makeOrg(ctx: AppContext): Promise<Org> {
  const units: Org['units'] = [];
  const leaves: Org['leaves'] = [];
  const root = await addOrgUnit(ctx, { name: '集团总部' }, 'system:dataset');
  units.push({ id: root.id, path: root.path, name: root.name });
  for (const region of ['华东区', '华北区', '华南区', '西南区', '华中区', '西北区']) {
    const r = await addOrgUnit(ctx, { name: region, parent: root.id }, 'system:dataset');
    units.push({ id: r.id, path: r.path, name: r.name });
    for (const branch of ['一部', '二部', '三部', '四部', '五部']) {
      const b = await addOrgUnit(ctx, { name: `${region}${branch}`, parent: r.id }, 'system:dataset');
      units.push({ id: b.id, path: b.path, name: b.name });
      leaves.push({ id: b.id, path: b.path });
    }
  }
  return { units, leaves };
}

/** A role of each procedure that may read its cases: what a handler is granted. */
function readerRoles(procedures: TProcedure[]): string[] {
  const roles = new Set<string>();
  for (const p of procedures) {
    const reader =
      p.roles.find((r) => r.permissions.includes('read') && r.permissions.includes('intake')) ??
      p.roles.find((r) => r.permissions.includes('read'));
    if (reader) roles.add(reader.id);
  }
  return [...roles];
}

function fieldValue(field: TProcedure['intake']['fields'][number], received: Date, rnd: () => number): unknown {
  switch (field.type) {
    case 'text':
      return `${1 + Math.floor(rnd() * 20)}栋${1 + Math.floor(rnd() * 30)}0${1 + Math.floor(rnd() * 4)}`;
    case 'longtext':
      return '详见投诉内容。';
    case 'enum':
      return field.options[0].id;
    case 'date':
      return received.toISOString().slice(0, 10);
    case 'datetime':
      return received.toISOString();
    case 'integer':
    case 'number':
    case 'rating':
      return 'min' in field && typeof field.min === 'number' ? field.min : 1;
    case 'boolean':
      return true;
    default:
      return undefined;
  }
}

/**
 * Generates `n` cases into the database of `ctx` (which must be migrated and empty of cases of a
 * previous run with the same seed: tracking numbers would collide). Org units and staff accounts
 * are created through the app (audited); cases, events, clocks, exclusions and audit records go in
 * batches of `batch` cases per transaction.
 */
export async function generateDataset(ctx: AppContext, opts: DatasetOptions = {}): Promise<DatasetSummary> {
  const n = opts.n ?? 1_000_000;
  const seed = opts.seed ?? 9;
  const now = opts.now ?? DEFAULT_NOW;
  const batch = opts.batch ?? 20_000;
  const profile = PROFILES[opts.profile ?? 'standard'];
  const started = performance.now();
  const rnd = seeded(seed);
  const bytes = seededBytes(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

  const procedures = ctx.procedures.latestAll();
  const weighted: TProcedure[] = [];
  for (const p of procedures) for (let w = 0; w < (profile.weights[p.id] ?? 3); w++) weighted.push(p);

  const org = await makeOrg(ctx);
  const roles = readerRoles(procedures);
  const users: DatasetUser[] = [];
  const handlerCount = opts.handlers ?? org.leaves.length;
  for (let i = 0; i < handlerCount; i++) {
    const leaf = org.leaves[i % org.leaves.length];
    const row = await addUser(
      ctx,
      {
        username: `handler${i + 1}`,
        password: DATASET_PASSWORD,
        roles: roles.map((role) => ({ role, unitId: leaf.id })),
        isAdmin: false,
      },
      'system:dataset',
    );
    users.push({ username: row.username, id: row.id, unitId: leaf.id, unitPath: leaf.path, roles });
  }
  // Every role of every procedure over the whole organisation: the role-addressed notices reach someone.
  const allRoles = [...new Set(procedures.flatMap((p) => p.roles.map((r) => r.id)))];
  const supervisor = await addUser(
    ctx,
    {
      username: 'supervisor',
      password: DATASET_PASSWORD,
      roles: allRoles.map((role) => ({ role, unitId: null })),
      isAdmin: false,
    },
    'system:dataset',
  );
  users.push({ username: supervisor.username, id: supervisor.id, unitId: null, unitPath: null, roles: allRoles });
  const handlersByLeaf = new Map<string, DatasetUser[]>();
  for (const u of users) if (u.unitId) handlersByLeaf.set(u.unitId, [...(handlersByLeaf.get(u.unitId) ?? []), u]);

  const span = 3 * 365 * 86_400_000;
  const start = now.getTime() - span;
  const step = span / n;
  const phonePool = Math.max(10, Math.floor(n / 3));
  const words: Record<string, number> = Object.fromEntries(BENCH_WORDS.map((w) => [w, 0]));
  const usedTracking = new Set<string>();
  const totals = { cases: 0, events: 0, clocks: 0, audit: 0, exclusions: 0, open: 0, overdue: 0 };

  for (let from = 0; from < n; from += batch) {
    const count = Math.min(batch, n - from);
    const cases: NewCaseRow[] = [];
    const events: CaseEventTable[] = [];
    const clocks: ClockTable[] = [];
    const exclusions: CaseExclusionTable[] = [];
    const audit: AuditEntry[] = [];
    for (let i = from; i < from + count; i++) {
      const p = pick(weighted);
      const theme = THEMES[p.id] ?? GENERIC;
      // Received in order over three years (ids sort by time, so the file is written in id order).
      const received = new Date(Math.floor(start + i * step + rnd() * step * 0.9));
      const age = now.getTime() - received.getTime();
      const kind = pick(p.intake.kinds);
      const channel = pick(p.intake.channels);
      const leaf = rnd() < profile.busyUnit ? org.leaves[0] : pick(org.leaves);
      const estate = pick(ESTATES);
      const place = `${pick(CITIES)}${pick(DISTRICTS)}${pick(ROADS)}${1 + Math.floor(rnd() * 300)}号`;
      let subject = pick(theme.subjects);
      if (rnd() < 0.3) subject = `${estate}${subject}`;
      const parts = [
        `${pick(TIMES)}，${pick(theme.problems)
          .replace('{estate}', estate)
          .replace('{building}', String(1 + Math.floor(rnd() * 20)))
          .replace('{shop}', pick(SHOPS))}。`,
        rnd() < 0.5 ? `地址：${place}。` : '',
        rnd() < 0.7 ? `${pick(TRIED)}。` : '',
        rnd() < 0.3
          ? `${pick(theme.problems)
              .replace('{estate}', estate)
              .replace('{building}', String(1 + Math.floor(rnd() * 20)))
              .replace('{shop}', pick(SHOPS))}。`
          : '',
        rnd() < 0.0001 * RARE.length ? `另外发现${pick(RARE)}的问题。` : '',
        `${pick(theme.asks)}。`,
      ];
      const description = parts.join('');
      const text = subject + description;
      for (const w of BENCH_WORDS) if (w.split(' ').every((x) => text.includes(x))) words[w]++;

      const anonymous = rnd() < 0.15;
      const name = `${pick([...SURNAMES])}${pick(GIVEN)}`;
      const phoneNo = Math.floor(rnd() * phonePool);
      const submitter = anonymous
        ? null
        : { name, phone: `13${String(100000000 + phoneNo).slice(0, 9)}`, ...(rnd() < 0.2 ? { address: place } : {}) };
      const respondents = rnd() < 0.75 ? [{ name: pick(theme.respondents), type: 'business' }] : [];
      if (rnd() < 0.05) respondents.push({ name: `${pick([...SURNAMES])}${pick(GIVEN)}`, type: 'person' });

      // States: most closed; recent ones open in a working state.
      const initial = p.states.find((s) => s.initial)!;
      const terminals = p.states.filter((s) => s.terminal);
      const working = p.states.filter((s) => !s.terminal && !s.initial);
      const openChance = age < 30 * 86_400_000 ? 0.6 : age < 120 * 86_400_000 ? 0.05 : 0.0015;
      const open = rnd() < openChance;
      const state = open
        ? rnd() < profile.openInitial || working.length === 0
          ? initial
          : pick(working)
        : rnd() < 0.9
          ? (terminals.find((s) => s.id === 'closed') ?? terminals[0])
          : pick(terminals);
      const handled = state.id !== initial.id;
      const leafHandlers = handlersByLeaf.get(leaf.id) ?? [];
      const assignee = handled && leafHandlers.length && rnd() < 0.8 ? pick(leafHandlers).id : null;
      const closedAt = open ? null : new Date(received.getTime() + (1 + rnd() * 20) * 86_400_000);
      const closedIso = closedAt && closedAt < now ? closedAt.toISOString() : open ? null : now.toISOString();

      const id = timeOrderedId(received, bytes(10));
      const prefix = p.intake.trackingPrefix[kind as 'complaint'] ?? 'TS';
      let trackingNo = trackingNumber(prefix, received, ctx.config.timeZone, bytes(4));
      while (usedTracking.has(trackingNo)) trackingNo = trackingNumber(prefix, received, ctx.config.timeZone, bytes(4));
      usedTracking.add(trackingNo);
      const data: Record<string, unknown> = {};
      for (const f of p.intake.fields)
        if (f.required) data[f.name] = fieldValue(f as TProcedure['intake']['fields'][number], received, rnd);
      if (rnd() < 0.5) data.requestedOutcome = pick(theme.asks);

      const at = received.toISOString();
      const timeline: { action: string; from: string | null; to: string; at: string; actor: string | null }[] = [
        { action: 'submit', from: null, to: initial.id, at, actor: null },
      ];
      if (handled) {
        const mid = working.length ? pick(working) : state;
        const midAt = new Date(received.getTime() + 3_600_000 * (1 + rnd() * 40)).toISOString();
        if (mid.id !== state.id)
          timeline.push({
            action: p.actions.find((a) => a.to === mid.id)?.id ?? 'accept',
            from: initial.id,
            to: mid.id,
            at: midAt,
            actor: assignee,
          });
        const last = timeline[timeline.length - 1];
        const endAt =
          closedIso ??
          new Date(Math.min(now.getTime() - 60_000, received.getTime() + 86_400_000 * (1 + rnd() * 5))).toISOString();
        timeline.push({
          action: p.actions.find((a) => a.to === state.id)?.id ?? 'close',
          from: last.to,
          to: state.id,
          at: endAt > last.at ? endAt : last.at,
          actor: assignee,
        });
      }
      const severity = p.severities.length ? pick(p.severities).id : null;
      cases.push({
        id,
        tracking_no: trackingNo,
        procedure_id: p.id,
        procedure_version: p.version,
        kind,
        status: state.id,
        version: timeline.length,
        category: p.categories.length && rnd() < 0.9 ? pick(p.categories).id : null,
        severity: handled || rnd() < 0.5 ? severity : null,
        outcome: !open && p.outcomes.length ? pick(p.outcomes).id : null,
        assignee_id: assignee,
        channel,
        subject,
        description,
        anonymous: anonymous ? 1 : 0,
        submitter_enc: submitter ? encrypt(ctx.secrets, JSON.stringify(submitter)) : null,
        respondents: JSON.stringify(respondents),
        received_by: null,
        receipt_hash: 'dataset:no-receipt',
        data: JSON.stringify(data),
        received_at: at,
        created_at: at,
        updated_at: timeline[timeline.length - 1].at,
        closed_at: closedIso,
        org_unit_id: leaf.id,
        org_unit_path: leaf.path,
        escalated_at: null,
        hold_reason: null,
        held_at: null,
        deidentified_at: null,
        ...blindIndexes(ctx, submitter),
      });
      timeline.forEach((e, k) => {
        events.push({
          case_id: id,
          seq: k + 1,
          type: k === 0 ? 'submitted' : 'action',
          action: e.action,
          visibility: 'internal',
          from_status: e.from,
          to_status: e.to,
          actor_kind: k === 0 ? 'submitter' : e.actor ? 'user' : 'system',
          actor_id: k === 0 ? null : e.actor,
          actor_name: k === 0 ? '投诉人' : e.actor ? '处理人员' : '系统',
          actor_unit_id: null,
          at: e.at,
          input: k === 0 ? JSON.stringify({ channel, kind }) : '{}',
          public_text: null,
          clocks: '[]',
        });
        audit.push({
          at: e.at,
          actor: k === 0 ? 'submitter' : e.actor ? `user:${e.actor}` : 'system:dataset',
          action: `case.${e.action}`,
          entityType: 'case',
          entityId: id,
          payload: { trackingNo, version: k + 1, from: e.from, to: e.to, generated: true },
        });
      });
      const clock = p.clocks[0];
      if (clock) {
        const days =
          clock.length *
          (clock.unit.startsWith('calendar-months')
            ? 30
            : clock.unit.includes('hours')
              ? 1 / 24
              : clock.unit.startsWith('working')
                ? 1.4
                : 1);
        const due = new Date(received.getTime() + Math.max(1, days) * 86_400_000);
        const warn = new Date(due.getTime() - Math.min(86_400_000, (due.getTime() - received.getTime()) / 3));
        const breached = open && due < now;
        if (open) totals.open++;
        if (breached) totals.overdue++;
        if (open) cases[cases.length - 1].due_key = due.toISOString();
        clocks.push({
          id: timeOrderedId(received, bytes(10)),
          case_id: id,
          clock: clock.id,
          unit: clock.unit,
          length: clock.length,
          started_at: at,
          due_at: due.toISOString(),
          warn_at: warn.toISOString(),
          paused_at: null,
          stopped_at: open ? null : closedIso,
          warned_at:
            warn < now && (open ? !opts.pendingSweeps : Boolean(closedIso && closedIso > warn.toISOString()))
              ? warn.toISOString()
              : null,
          breached_at: breached && !opts.pendingSweeps ? due.toISOString() : null,
          provisional: 0,
          calendar_version: 'dataset',
          extended_by: 0,
          paused_ms: 0,
        });
      }
      if (rnd() < 0.005 && leafHandlers.length) {
        exclusions.push({
          case_id: id,
          user_id: pick(leafHandlers).id,
          unit_path: null,
          suggested: 0 as unknown as CaseExclusionTable['suggested'],
          reason: '被投诉人关联（回避）/ recused',
        });
      }
    }
    await ctx.store.transact(async (trx) => {
      for (let k = 0; k < cases.length; k += ROWS_PER_INSERT)
        await insertCases(trx, cases.slice(k, k + ROWS_PER_INSERT), 'now');
      for (let k = 0; k < events.length; k += ROWS_PER_INSERT)
        await insertRows(trx, 'case_events', events.slice(k, k + ROWS_PER_INSERT));
      for (let k = 0; k < clocks.length; k += ROWS_PER_INSERT)
        await insertRows(trx, 'clocks', clocks.slice(k, k + ROWS_PER_INSERT));
      for (let k = 0; k < exclusions.length; k += ROWS_PER_INSERT)
        await insertRows(trx, 'case_exclusions', exclusions.slice(k, k + ROWS_PER_INSERT));
      await appendAuditBatch(trx, audit);
    });
    totals.cases += cases.length;
    totals.events += events.length;
    totals.clocks += clocks.length;
    totals.exclusions += exclusions.length;
    totals.audit += audit.length;
    opts.progress?.(from + count, n);
  }
  // Fresh statistics for PostgreSQL's planner after a bulk load, as `plaint import` leaves them.
  // SQLite gets none, as in production (store/analyze.ts): a plan that is only good with
  // `sqlite_stat1` would pass here and fail for users (issue 25: the manager's first page).
  await analyzeTables(ctx.store);
  return {
    n,
    seed,
    profile: opts.profile ?? 'standard',
    now: now.toISOString(),
    seconds: (performance.now() - started) / 1000,
    ...totals,
    users,
    password: DATASET_PASSWORD,
    units: org.units,
    words,
  };
}

/** Creates the PostgreSQL database of a URL if it does not exist (bench_9a). */
export async function ensurePgDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

// ---- CLI --------------------------------------------------------------------------------------

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `standard` when absent; an unknown name is an error, not a silent default. */
export function parseProfile(value: string | undefined): DatasetProfile {
  if (value === undefined || value === 'standard' || value === 'skewed') return value ?? 'standard';
  throw new Error(`unknown dataset profile ${value}: standard or skewed`);
}

/** Opens (or reuses) a generated data directory; returns its summary. */
export async function ensureDataset(
  out: string,
  n: number,
  opts: {
    seed?: number;
    profile?: DatasetProfile;
    databaseUrl?: string;
    pgSchema?: string;
    force?: boolean;
    log?: (line: string) => void;
  } = {},
): Promise<DatasetSummary> {
  const dir = resolve(out);
  const summaryFile = join(dir, 'dataset.json');
  const seed = opts.seed ?? 9;
  const profile = opts.profile ?? 'standard';
  if (!opts.force && existsSync(summaryFile)) {
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as DatasetSummary;
    if (summary.n === n && summary.seed === seed && (summary.profile ?? 'standard') === profile) return summary;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (opts.databaseUrl && opts.pgSchema) {
    await ensurePgDatabase(opts.databaseUrl);
    const { dropPgSchema } = await import('../src/store/db.ts');
    await dropPgSchema(opts.databaseUrl, opts.pgSchema);
    await ensurePgSchema(opts.databaseUrl, opts.pgSchema);
  }
  const now = DEFAULT_NOW;
  const ctx = await openApp(
    { ...configFromEnv({}), dataDir: dir, databaseUrl: opts.databaseUrl, pgSchema: opts.pgSchema },
    { now: () => now, random: seededBytes(seed + 1) },
  );
  try {
    let last = 0;
    const summary = await generateDataset(ctx, {
      n,
      seed,
      now,
      profile,
      progress: (done, total) => {
        if (done - last >= 100_000 || done === total) {
          last = done;
          opts.log?.(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} cases`);
        }
      },
    });
    writeFileSync(
      summaryFile,
      `${JSON.stringify({ ...summary, databaseUrl: opts.databaseUrl ? opts.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : null, pgSchema: opts.pgSchema ?? null }, null, 2)}\n`,
    );
    return summary;
  } finally {
    await ctx.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(arg('n') ?? 1_000_000);
  const out = arg('out') ?? join('bench/.data', `${n}`);
  if (!Number.isInteger(n) || n <= 0) throw new Error('--n must be a positive integer');
  const t = performance.now();
  ensureDataset(out, n, {
    seed: Number(arg('seed') ?? 9),
    profile: parseProfile(arg('profile')),
    databaseUrl: arg('database-url'),
    pgSchema: arg('pg-schema'),
    force: process.argv.includes('--force'),
    log: (line) => console.log(line),
  }).then(
    (s) => {
      console.log(
        `${s.cases.toLocaleString('en')} cases, ${s.events.toLocaleString('en')} events, ${s.clocks.toLocaleString('en')} clocks, ${s.audit.toLocaleString('en')} audit records, ${s.open} open (${s.overdue} overdue) in ${s.seconds.toFixed(1)} s (this run ${((performance.now() - t) / 1000).toFixed(1)} s) → ${resolve(out)}`,
      );
      console.log(`words: ${JSON.stringify(s.words)}`);
    },
    (err: Error) => {
      console.error(err);
      process.exit(1);
    },
  );
}
