import { ssha } from './slapd.ts';

/**
 * Issue 20: 华东电器有限公司, a small Chinese company as an LDIF (departments as OUs, people, groups in a container
 * that is not a department), loaded into a real slapd by the LDAP tests and the browser demonstration.
 */
export const SUFFIX = 'dc=huadong,dc=cn';
export const SERVICE_DN = `cn=plaint-sync,${SUFFIX}`;
export const SERVICE_PASSWORD = 'sync-service-pass';

/** Fixed entryUUIDs for the departments, so the mapping rules can name them (an admin reads them off the page). */
export const UUID = {
  company: '6f1c0c2e-0001-4000-8000-000000000001',
  service: '6f1c0c2e-0002-4000-8000-000000000002',
  afterSales: '6f1c0c2e-0003-4000-8000-000000000003',
  quality: '6f1c0c2e-0004-4000-8000-000000000004',
  production: '6f1c0c2e-0005-4000-8000-000000000005',
  groups: '6f1c0c2e-0006-4000-8000-000000000006',
};

export const PASSWORDS = {
  zhangwei: 'Zhang-Wei-2026',
  lina: 'Li-Na-2026!',
  wangfang: 'Wang-Fang-2026',
  liuyang: 'Liu-Yang-2026',
};

function person(uid: string, cn: string, sn: string, ou: string, no: string): string {
  return [
    `dn: uid=${uid},${ou}`,
    'objectClass: inetOrgPerson',
    `uid: ${uid}`,
    `cn: ${cn}`,
    `sn: ${sn}`,
    `displayName: ${cn}`,
    `mail: ${uid}@huadong.cn`,
    `employeeNumber: ${no}`,
    `userPassword: ${ssha(PASSWORDS[uid as keyof typeof PASSWORDS])}`,
    '',
  ].join('\n');
}

function ou(name: string, parent: string, uuid: string): string {
  return [`dn: ou=${name},${parent}`, 'objectClass: organizationalUnit', `ou: ${name}`, `entryUUID: ${uuid}`, ''].join(
    '\n',
  );
}

export const SERVICE = `ou=客户服务部,${SUFFIX}`;
export const AFTER_SALES = `ou=售后一组,${SERVICE}`;
export const QUALITY = `ou=质量部,${SUFFIX}`;
export const PRODUCTION = `ou=生产中心,${SUFFIX}`;
export const GROUPS = `ou=群组,${SUFFIX}`;

/** A small Chinese company: departments as OUs, people in them, groups in their own OU (not a department). */
export const COMPANY_LDIF = [
  [
    `dn: ${SUFFIX}`,
    'objectClass: dcObject',
    'objectClass: organization',
    'dc: huadong',
    'o: 华东电器有限公司',
    `entryUUID: ${UUID.company}`,
    '',
  ].join('\n'),
  [
    `dn: ${SERVICE_DN}`,
    'objectClass: organizationalRole',
    'objectClass: simpleSecurityObject',
    'cn: plaint-sync',
    `userPassword: ${ssha(SERVICE_PASSWORD)}`,
    '',
  ].join('\n'),
  ou('客户服务部', SUFFIX, UUID.service),
  ou('售后一组', SERVICE, UUID.afterSales),
  ou('质量部', SUFFIX, UUID.quality),
  ou('生产中心', SUFFIX, UUID.production),
  ou('群组', SUFFIX, UUID.groups),
  person('zhangwei', '张伟', '张', SERVICE, '1001'),
  person('lina', '李娜', '李', AFTER_SALES, '1002'),
  person('wangfang', '王芳', '王', QUALITY, '1003'),
  person('liuyang', '刘洋', '刘', PRODUCTION, '1004'),
  [
    `dn: cn=客服,${GROUPS}`,
    'objectClass: groupOfNames',
    'cn: 客服',
    `member: uid=zhangwei,${SERVICE}`,
    `member: uid=lina,${AFTER_SALES}`,
    '',
  ].join('\n'),
  [
    `dn: cn=客服经理,${GROUPS}`,
    'objectClass: groupOfUniqueNames',
    'cn: 客服经理',
    `uniqueMember: UID=zhangwei, OU=客户服务部, DC=huadong, DC=cn`,
    '',
  ].join('\n'),
  ['dn: cn=质检,' + GROUPS, 'objectClass: groupOfNames', 'cn: 质检', `member: uid=wangfang,${QUALITY}`, ''].join('\n'),
].join('\n');

/** The departments filter of this directory: the groups' OU is a container, not a department. */
export const DEPARTMENT_FILTER = '(|(objectClass=organization)(&(objectClass=organizationalUnit)(!(ou=群组))))';
