/**
 * Removes personal data from free text (CON-4, DIS-1, MS-15): what patterns can recognise —
 * mobile and landline numbers, ID numbers, bank cards, e-mail addresses, licence plates, street
 * addresses — the names the caller knows (the submitter, the respondents), and names it can
 * recognise by a common surname (百家姓) in a context that marks a person. Pure.
 *
 * Order matters: longer digit runs (ID numbers, cards) go before phone numbers, so an ID number
 * is not half-replaced as a phone.
 */

const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

type Rule = { kind: string; pattern: RegExp; mask: string; keepFirstGroup?: boolean };

const RULES: Rule[] = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, mask: '[邮箱]' },
  // 18-digit resident ID (last may be X), and the old 15-digit form.
  { kind: 'id-number', pattern: /(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])/g, mask: '[身份证号]' },
  { kind: 'id-number', pattern: /(?<![0-9])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9])/g, mask: '[身份证号]' },
  // Bank cards: 16–19 digits, possibly grouped by spaces or dashes.
  { kind: 'bank-card', pattern: /(?<![0-9])(?:\d[ -]?){15,18}\d(?![0-9])/g, mask: '[银行卡号]' },
  { kind: 'mobile', pattern: /(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9])/g, mask: '[手机号]' },
  { kind: 'landline', pattern: /(?<![0-9])0\d{2,3}[ -]?\d{7,8}(?![0-9])/g, mask: '[电话]' },
  { kind: 'plate', pattern: new RegExp(`[${PLATE_PROVINCES}][A-Z][ ·]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])`, 'g'), mask: '[车牌号]' },
  // A street address: the province and city are kept (they say where, not who); the district,
  // road and house number, building and room go.
  {
    kind: 'address',
    pattern: /((?:(?:(?![在住于到我是的])[\u4e00-\u9fa5]){2,6}(?:省|自治区))?(?:(?:(?![在住于到我是的省])[\u4e00-\u9fa5]){2,6}市)?)(?:(?:(?![在住于到我是的])[\u4e00-\u9fa5]){2,6}(?:区|县|镇|乡|街道))*(?:(?![在住于到我是的])[\u4e00-\u9fa5A-Za-z0-9]){1,12}(?:路|街|道|巷|弄|胡同|大道)(?:[一二三四五六七八九十0-9]+段)?[0-9一二三四五六七八九十百]+号(?:(?:(?![的在和与])[\u4e00-\u9fa5A-Za-z]){0,8}?[0-9A-Za-z一二三四五六七八九十]+(?:号楼|栋|幢|单元|室|楼|层))*/g,
    mask: '[地址]',
    keepFirstGroup: true,
  },
  { kind: 'address', pattern: /(?:(?![在住于到我是的])[\u4e00-\u9fa5]){2,12}(?:小区|花园|公寓|大厦|新村|家园)[0-9一二三四五六七八九十]+(?:号楼|栋|幢)(?:[0-9]+(?:单元|室))*/g, mask: '[地址]' },
];

/**
 * Names by surname (DIS-1, MS-15). A surname followed by one or two given-name characters is a
 * name only where the context says "person": a title after it (王经理, 欧阳娜娜女士), a word that
 * introduces a person before it (我叫, 联系人：, 店员), 我姓, or a speech verb after a name at the
 * start of a clause. A surname that ends a word (保安师傅, 班主任老师) is not one, and candidates
 * that are ordinary words (马上, 周末, 高兴, 方便 …) are skipped.
 */
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '独孤', '南宫', '西门', '轩辕', '呼延', '钟离', '百里', '澹台', '公冶', '宗政', '濮阳', '太史', '申屠', '闻人', '司空', '第五', '万俟'];
const SINGLE_SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';
/** Characters that end a name rather than continue it: function words, common verbs, measure and place words. */
const NOT_GIVEN = '上下来去就都也又还再在是的了着过们个这那些和与及或但而且很太更最不没被把让给向对从到于为以之其所等说称讲问答要会能可将已曾先后前里外内中间边面头部方时日月年天点分秒元块号店楼层室路街区市省县镇村门口处家场所站厂司局科组队班买卖打看找叫想认觉告拿送收退换修装用吃喝住开关拒态度表反映经女体罚多少总主老师医律同阿科处工员长人事务作业';
/** Titles and forms of address that follow a name. */
const TITLES = ['先生', '女士', '小姐', '经理', '师傅', '老师', '主任', '医生', '律师', '店长', '主管', '同志', '阿姨', '大姐', '大哥', '科长', '处长', '局长', '所长', '总监', '总经理', '董事长', '老板', '护士', '教练', '警官', '专员', '组长', '队长', '班长'];
/** Words that introduce a person; a name follows. */
const INTRODUCERS = ['我叫', '我是', '本人', '户名', '员叫', '亲叫', '他叫', '她叫', '字叫', '子叫', '领导', '站长', '私教', '顾问', '母亲', '父亲', '售货员', '收银员', '销售', '经理', '主任', '老师', '店长', '师傅', '医生', '律师', '科长', '组长', '名叫', '叫做', '姓名', '联系人', '投诉人', '被投诉人', '举报人', '当事人', '经办人', '负责人', '收货人', '签收人', '收件人', '申请人', '店员', '员工', '职工', '同事', '业主', '住户', '司机', '快递员', '客服', '工作人员', '营业员', '服务员', '维修工', '保安', '主管', '老板', '老板娘', '家属', '丈夫', '妻子', '儿子', '女儿'];
/** Verbs after a name that stands at the start of a clause. */
const SPEECH_VERBS = ['说', '称', '表示', '反映', '告诉', '答复', '承诺', '同意', '拒绝', '声称'];
/** Ordinary words that begin with a surname character; a candidate starting with one is not a name. */
const ORDINARY_WORDS = new Set([
  '王府', '王国', '王牌', '高兴', '高速', '高级', '高档', '高温', '高层', '高价', '高度', '张贴', '张开', '周末', '周一', '周二', '周三', '周四', '周五', '周六', '周日', '周围', '周边', '周期', '周到', '周转',
  '黄金', '黄色', '黄牛', '马上', '马路', '马桶', '方便', '方法', '方式', '方面', '方向', '方案', '江苏', '江西', '江边', '金额', '金属', '金卡', '安全', '安装', '安排', '安静', '安检',
  '时间', '时候', '文件', '文字', '明天', '明显', '明确', '明细', '常常', '常规', '温度', '温暖', '康复', '和平', '和解', '钱包', '关于', '关系', '关门', '关闭', '向前', '石头', '毛病', '毛巾', '龙头',
  '田地', '易碎', '白色', '白天', '白菜', '黑色', '红色', '成本', '成功', '成员', '成品', '路口', '路上', '路段', '车辆', '车位', '车库', '车主', '车间', '管理', '管道', '管家', '华为', '宁可', '商场',
  '商品', '商家', '商户', '商量', '师傅', '全部', '全额', '应该', '应当', '单位', '单据', '单号', '包装', '包裹', '包括', '曲线', '连续', '连接', '简单', '简直', '费用', '卫生', '宗旨', '席位', '景区',
  '党员', '宫殿', '齐全', '乔迁', '牛奶', '施工', '武汉', '邮件', '米饭', '左右', '左边', '甘心', '计划', '任何', '任务', '沈阳', '程序', '苏州', '杜绝', '叶子', '余额', '于是', '孔洞', '汤水', '童装',
  '苗木', '谷物', '盛情', '游戏', '游泳', '辛苦', '蒙受', '房间', '房屋', '房东', '房租', '解决', '解释', '艾灸', '尤其', '阳台', '阳光', '农民', '司机', '卓越', '古董', '吉利', '车费', '项目',
  '连锁', '麦当', '戚友', '冷气', '冷库', '柏油', '全程', '应付', '边上', '师生', '和睦', '仇恨', '沙发', '荣誉', '桑拿', '池塘', '查询', '查看', '迟到', '迟迟', '严重', '严格', '魏碑', '余下',
  '杨梅', '梅雨', '朱红', '胡乱', '郭外', '何时', '何况', '林业', '罗列', '郑重', '梁柱', '谢谢', '宋体', '唐突', '许多', '许可', '韩国', '冯氏', '邓氏', '曹操', '彭湃', '曾经', '肖像', '董事',
  '袁氏', '潘氏', '蒋氏', '蔡氏', '苏醒', '吕氏', '丁字', '任意', '姚氏', '卢氏', '姜汤', '崔氏', '钟表', '钟点', '谭氏', '陆续', '陆地', '汪洋', '范围', '石材', '贾氏', '夏天', '夏季', '付款', '付费',
  '傅氏', '白领', '邹氏', '孟氏', '熊猫', '秦氏', '邱氏', '尹氏', '薛氏', '闫氏', '段落', '雷雨', '侯氏', '史上', '陶瓷', '黎明', '贺卡', '顾客', '顾问', '毛坯', '郝氏', '龚氏', '邵氏', '万一', '万元',
  '钱款', '严禁', '武器', '戴上', '莫名', '孔子', '常用', '温馨', '康乐', '施行', '文明', '牛肉', '葛氏', '邢氏', '安心', '齐备', '易于', '乔木', '伍氏', '庞大', '颜色', '倪氏', '庄园', '聂氏', '章程',
  '鲁莽', '岳父', '岳母', '殷切', '申请', '申诉', '申报', '欧洲', '耿直', '关注', '兰花', '焦急', '俞氏', '柳树', '祝贺', '包含', '宁愿', '尚未', '符合', '舒适', '舒服', '柯氏', '纪律', '纪念', '梅花',
  '毕竟', '毕业', '单独', '季度', '裴氏', '霍乱', '涂料', '涂抹', '成为', '成交', '苗头', '盛开', '曲折', '翁氏', '冉冉', '骆驼', '蓝色', '路过', '游客', '辛勤', '靳氏', '管辖', '柴油', '蒙古', '鲍鱼',
  '华丽', '喻氏', '祁氏', '蒲扇', '滕氏', '屈服', '饶恕', '牟利', '时效', '穆斯', '农村', '农业', '司法', '卓有', '古代', '吉祥', '缪氏', '简历', '车票', '项链', '连带', '芦苇', '麦片', '褚氏', '娄氏',
  '窦氏', '岑氏', '景色', '景观', '党委', '宫廷', '费劲', '卜卦', '冷静', '晏氏', '卫浴', '卫星', '米色', '宗教', '瞿氏', '桂花', '全国', '全新', '佟氏', '应急', '臧氏', '闵氏', '苟且', '邬氏', '边界',
  '卞氏', '姬氏', '师范', '和气', '仇氏', '栾氏', '隋氏', '商业', '刁难', '沙子', '荣获', '巫氏', '寇氏', '郎中', '甄别', '丛林', '仲裁', '虞氏', '敖氏', '巩固', '明白', '明年', '佘氏', '池子', '查处',
  '麻烦', '苑氏', '迟缓', '邝氏', '黄页', '周全', '张罗', '高峰', '王者', '马虎', '金融', '江湖', '石膏', '陈述', '陈列', '陈旧', '高三', '高中', '高一', '高二', '高龄', '车服', '车费', '车票', '车门', '车窗', '车身', '车内', '车上',
]);

const SURNAME = `(?:${COMPOUND_SURNAMES.join('|')}|[${SINGLE_SURNAMES}])`;
const GIVEN = `(?:(?![${NOT_GIVEN}])[\\u4e00-\\u9fa5])`;
const NAME_RULES: RegExp[] = [
  // 王经理, 张小明先生, 欧阳娜娜女士: a title follows.
  new RegExp(`(${SURNAME})(${GIVEN}{0,2})(?=${TITLES.join('|')})`, 'g'),
  // 我叫王小明, 联系人：李四, 店员赵敏: an introducing word precedes.
  new RegExp(`(?<=(?:${INTRODUCERS.join('|')})[:：]?\\s*)(${SURNAME})(${GIVEN}{1,2})`, 'g'),
  // 我姓王.
  new RegExp(`(?<=[我他她您你其]姓)(${SURNAME})(?![${'名氏'}])()`, 'g'),
  // 冯伟、邓超: a second name listed after one already found.
  new RegExp(`(?<=\\[姓名\\][、和与及])(${SURNAME})(${GIVEN}{1,2})`, 'g'),
  // 张伟说…, ，李娜表示…: a name at the start of a clause with a speech verb.
  new RegExp(`(?<=^|[，。；！？、,.;!?\\s“"（(])(${SURNAME})(${GIVEN}{1,2})(?=${SPEECH_VERBS.join('|')})`, 'g'),
];

/** Words that end in a surname character: 保安师傅 is not a person named 安. */
const ENDS_IN_SURNAME = new Set(['公司', '上司', '保安', '公安', '治安', '平安', '晚安', '早安', '西安', '长安', '主任', '宿管', '主管', '监管', '物管', '百姓', '老王', '银行', '电工', '木工', '员工', '分工', '人工', '商户', '钟表', '打车', '停车', '开车', '单车', '包车', '快车', '专车', '班车', '校车', '货车', '用车', '马车', '上车', '下车', '洗车', '修车']);

/**
 * Surnames that are also everyday function words (向主管, 负责人应, 和经理): they count only with a
 * given name and a title after it (向明先生), never by a preceding word alone.
 */
const FUNCTION_SURNAMES = new Set([...'向和于时全应成将司']);

/** Replaces names recognised by surname and context; counts them under `name`. */
function redactNamesBySurname(text: string, found: Record<string, number>): string {
  let out = text;
  for (const [index, rule] of NAME_RULES.entries()) {
    const byTitle = index === 0;
    out = out.replace(rule, (match: string, surname: string, given: string, offset: number, whole: string) => {
      if (surname.length === 1 && offset > 0 && ENDS_IN_SURNAME.has(whole[offset - 1] + surname)) return match;
      if (FUNCTION_SURNAMES.has(surname) && (!byTitle || given.length === 0)) return match;
      if (given.length === 2 && ORDINARY_WORDS.has(given)) return match;
      if (surname.length === 1 && ORDINARY_WORDS.has(surname + (given[0] ?? ''))) return match;
      found.name = (found.name ?? 0) + 1;
      return '[姓名]';
    });
  }
  return out;
}

export type Redaction = { text: string; found: Record<string, number> };

/** The text with personal data replaced by bracketed labels, and what was found. */
export function redact(text: string, knownNames: string[] = []): Redaction {
  const found: Record<string, number> = {};
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (_match: string, kept?: unknown) => {
      found[rule.kind] = (found[rule.kind] ?? 0) + 1;
      return rule.keepFirstGroup && typeof kept === 'string' ? kept + rule.mask : rule.mask;
    });
  }
  // Longest names first, so 张三丰 is not left as [姓名]丰.
  const names = [...new Set(knownNames.map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  for (const name of names) {
    const parts = out.split(name);
    if (parts.length > 1) {
      found.name = (found.name ?? 0) + parts.length - 1;
      out = parts.join('[姓名]');
    }
  }
  out = redactNamesBySurname(out, found);
  return { text: out, found };
}

/** Redacts every string inside a JSON value (event inputs, case data), keeping its shape. */
export function redactDeep<T>(value: T, knownNames: string[]): T {
  if (typeof value === 'string') return redact(value, knownNames).text as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, knownNames)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, knownNames)])) as T;
  }
  return value;
}
